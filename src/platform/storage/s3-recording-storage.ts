import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { assertRecordingKey, formatRangeHeader } from './recording-key.js';
import type { ByteRange, RecordingStorage, StoredRecording } from './recording-storage.js';
import { s3ErrorFromResponse, s3NetworkError } from './s3-errors.js';
import { EMPTY_PAYLOAD_SHA256, UNSIGNED_PAYLOAD, encodeS3Path, signSigV4 } from './s3-signature.js';
import { resolveS3Settings, type S3RecordingStorageSettings } from './s3-storage-settings.js';

export type { S3RecordingStorageSettings } from './s3-storage-settings.js';

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Keeps recordings in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Garage …) through
 * PutObject, GetObject (with Range) and DeleteObject, signed with AWS Signature Version 4. Uploads
 * stream the file. Failures become `ProviderError` (provider `s3`) naming the operation, S3's
 * error code and the setting to check; a missing object is `undefined` from `open`.
 *
 * @example
 * const storage = createS3RecordingStorage({ endpoint: 'http://127.0.0.1:9000', bucket: 'calls',
 *   accessKeyId, secretAccessKey });
 * const { location } = await storage.put('org/42/calls/CA123.wav', '/tmp/CA123.wav', 'audio/wav');
 */
export function createS3RecordingStorage(settings: S3RecordingStorageSettings): RecordingStorage {
  const resolved = resolveS3Settings(settings);
  const { endpoint, bucket } = resolved;
  const credentials = { ...resolved, service: 's3' };
  const prefix = endpoint.pathname.replace(/\/+$/, '');
  const host = resolved.forcePathStyle ? endpoint.host : `${bucket}.${endpoint.host}`;
  const bucketPath = resolved.forcePathStyle ? `${prefix}/${encodeS3Path(bucket)}` : prefix;

  async function send(
    method: string,
    key: string,
    operation: string,
    options: {
      headers?: Record<string, string>;
      payloadHash?: string;
      body?: ReadableStream;
      length?: number;
    } = {},
  ): Promise<Response> {
    assertRecordingKey(key);
    const path = `${bucketPath}/${encodeS3Path(key)}`;
    const signed = signSigV4(
      {
        method,
        host,
        path,
        headers: options.headers,
        payloadHash: options.payloadHash ?? EMPTY_PAYLOAD_SHA256,
      },
      credentials,
      new Date(),
    );
    const headers =
      options.length === undefined
        ? signed
        : { ...signed, 'content-length': String(options.length) };
    try {
      return await resolved.fetch(`${endpoint.protocol}//${host}${path}`, {
        method,
        headers,
        body: options.body,
        ...(options.body !== undefined ? { duplex: 'half' } : {}),
      });
    } catch (error) {
      throw s3NetworkError(error, operation, key);
    }
  }

  return {
    async put(key, filePath, contentType) {
      assertRecordingKey(key);
      let size: number;
      try {
        size = (await stat(filePath)).size;
      } catch (error) {
        throw new SwitchboardError(`s3: PutObject ${key}: cannot read ${filePath}`, {
          code: 'not_found',
          cause: error,
        });
      }
      const payloadHash =
        resolved.payloadSigning === 'sha256' ? await sha256OfFile(filePath) : UNSIGNED_PAYLOAD;
      const body = Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
      const response = await send('PUT', key, 'PutObject', {
        headers: { 'content-type': contentType },
        payloadHash,
        body,
        length: size,
      });
      if (!response.ok) throw await s3ErrorFromResponse(response, 'PutObject', key);
      await response.body?.cancel();
      return { location: `${endpoint.protocol}//${host}${bucketPath}/${encodeS3Path(key)}` };
    },

    async open(key, range?: ByteRange): Promise<StoredRecording | undefined> {
      const headers = range === undefined ? undefined : { range: formatRangeHeader(range) };
      const response = await send('GET', key, 'GetObject', { headers });
      if (!response.ok) {
        const error = await s3ErrorFromResponse(response, 'GetObject', key);
        // A missing bucket is a configuration problem, not a missing recording.
        if (response.status === 404 && error.code !== 'bucket_not_found') return undefined;
        throw error;
      }
      const size = Number(response.headers.get('content-length') ?? '0');
      const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
      const stream = response.body ?? new Blob([]).stream();
      const match = CONTENT_RANGE.exec(response.headers.get('content-range') ?? '');
      if (response.status !== 206 || match === null) {
        return { stream, size, totalSize: size, contentType };
      }
      const [start, end] = [Number(match[1]), Number(match[2])];
      const totalSize = match[3] === '*' ? end + 1 : Number(match[3]);
      return { stream, size, totalSize, contentType, range: { start, end } };
    },

    async delete(key) {
      const response = await send('DELETE', key, 'DeleteObject');
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const error = await s3ErrorFromResponse(response, 'DeleteObject', key);
      if (response.status === 404 && error.code !== 'bucket_not_found') return;
      throw error;
    },
  };
}
