import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { checkSigV4, type FakeS3Credentials, type FakeS3Failure } from './fake-s3-auth.js';
import { parseRangeHeader, sendS3Error } from './fake-s3-responses.js';

export type { FakeS3Failure } from './fake-s3-auth.js';

/** Settings of {@link startFakeS3Server}. */
export interface FakeS3Options extends FakeS3Credentials {
  /** Default 0 (any free port). */
  readonly port?: number;
  /** Delay before every response. */
  readonly latencyMs?: number;
  /** Buckets that exist; others answer NoSuchBucket. Default: every bucket exists. */
  readonly buckets?: readonly string[];
}

/** One stored object. */
export interface FakeS3Object {
  readonly body: Buffer;
  readonly contentType: string;
  /** Quoted hex MD5, as S3 gives for single-part uploads. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** One request as the fake saw it. */
export interface FakeS3Request {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly status: number;
  /** S3 error code when the request failed. */
  readonly errorCode?: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A running fake. */
export interface FakeS3Server {
  /** Endpoint to give the client, e.g. `http://127.0.0.1:41234` (path-style addressing). */
  readonly url: string;
  /** Stored objects by `bucket/key`. */
  readonly objects: Map<string, FakeS3Object>;
  readonly requests: readonly FakeS3Request[];
  /** Answers the next `count` (default 1) properly signed requests with this error. */
  failNext(failure: FakeS3Failure, count?: number): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local stand-in for the S3 object API over real HTTP on 127.0.0.1: path-style
 * `/<bucket>/<key>` PUT, GET (Range → 206, unsatisfiable → 416 InvalidRange), HEAD and DELETE,
 * every request checked for a valid SigV4 signature (SignatureDoesNotMatch, InvalidAccessKeyId,
 * RequestTimeTooSkewed, XAmzContentSHA256Mismatch …, as S3's XML errors). Objects live in memory.
 * Used by tests and by demo mode.
 */
export async function startFakeS3Server(options: FakeS3Options): Promise<FakeS3Server> {
  const objects = new Map<string, FakeS3Object>();
  const requests: FakeS3Request[] = [];
  const failures: FakeS3Failure[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (options.latencyMs) await delay(options.latencyMs);
    const method = request.method ?? 'GET';
    const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
    const [bucket = '', ...keyParts] = rawPath.slice(1).split('/').map(decodeURIComponent);
    const key = keyParts.join('/');
    const resource = `/${bucket}/${key}`;
    const record = (status: number, errorCode?: string): void => {
      requests.push({ method, bucket, key, status, errorCode, headers: request.headers });
    };
    const error = (failure: FakeS3Failure): void => {
      record(failure.status, failure.code);
      sendS3Error(response, failure, resource, method !== 'HEAD');
    };

    const authFailure = checkSigV4(request, body, options, Date.now());
    if (authFailure !== undefined) return error(authFailure);
    const injected = failures.shift();
    if (injected !== undefined) return error(injected);
    if (options.buckets !== undefined && !options.buckets.includes(bucket)) {
      return error({
        status: 404,
        code: 'NoSuchBucket',
        message: 'The specified bucket does not exist',
      });
    }
    if (bucket === '' || key === '') {
      return error({
        status: 501,
        code: 'NotImplemented',
        message: 'Only object operations are implemented',
      });
    }
    const id = `${bucket}/${key}`;
    const stored = objects.get(id);

    if (method === 'PUT') {
      if (request.headers['content-length'] === undefined) {
        return error({
          status: 411,
          code: 'MissingContentLength',
          message: 'You must provide the Content-Length HTTP header.',
        });
      }
      const etag = `"${createHash('md5').update(body).digest('hex')}"`;
      const contentType = request.headers['content-type'] ?? 'binary/octet-stream';
      objects.set(id, { body, contentType, etag, lastModified: new Date() });
      record(200);
      response.writeHead(200, { etag, 'x-amz-request-id': randomUUID() }).end();
    } else if (method === 'DELETE') {
      objects.delete(id);
      record(204);
      response.writeHead(204, { 'x-amz-request-id': randomUUID() }).end();
    } else if (method === 'GET' || method === 'HEAD') {
      if (stored === undefined) {
        return error({
          status: 404,
          code: 'NoSuchKey',
          message: 'The specified key does not exist.',
        });
      }
      const size = stored.body.length;
      const range = parseRangeHeader(request.headers.range, size);
      if (range === 'unsatisfiable') {
        response.setHeader('content-range', `bytes */${size}`);
        return error({
          status: 416,
          code: 'InvalidRange',
          message: 'The requested range is not satisfiable',
        });
      }
      const [start, end] = range ?? [0, size - 1];
      const status = range === undefined ? 200 : 206;
      record(status);
      response.writeHead(status, {
        'content-type': stored.contentType,
        'content-length': String(end - start + 1),
        etag: stored.etag,
        'last-modified': stored.lastModified.toUTCString(),
        'accept-ranges': 'bytes',
        'x-amz-request-id': randomUUID(),
        ...(range === undefined ? {} : { 'content-range': `bytes ${start}-${end}/${size}` }),
      });
      response.end(method === 'HEAD' ? undefined : stored.body.subarray(start, end + 1));
    } else {
      error({
        status: 405,
        code: 'MethodNotAllowed',
        message: 'The specified method is not allowed against this resource.',
      });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((caught: unknown) => {
      const message = caught instanceof Error ? caught.message : String(caught);
      if (!response.headersSent)
        sendS3Error(
          response,
          { status: 400, code: 'InvalidRequest', message },
          request.url ?? '/',
          true,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    failNext(failure, count = 1) {
      for (let index = 0; index < count; index++) failures.push(failure);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
