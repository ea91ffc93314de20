import { Readable } from 'node:stream';
import { z } from 'zod';
import { SwitchboardError } from '../../../errors/index.js';
import { getCallRecordingLocation } from '../../calls/call-queries.js';
import type { ByteRange, StoredRecording } from '../../storage/index.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { ApiProblem, notFound } from '../http/api-problem.js';
import { callParamsSchema } from './call-schemas.js';

const singleRange = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Reads a `Range` header asking for one byte range: `bytes=0-1023`, `bytes=1024-` or `bytes=-500`.
 * Anything else (another unit, several ranges, malformed numbers, an end before the start) is
 * `undefined`, and the whole recording is sent, as RFC 9110 allows a server to do.
 */
export function parseRangeHeader(header: string | undefined): ByteRange | undefined {
  const match = header === undefined ? null : singleRange.exec(header);
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { suffixLength: Number(last) };
  const start = Number(first);
  if (!Number.isSafeInteger(start)) return undefined;
  if (last === '') return { start };
  const end = Number(last);
  if (!Number.isSafeInteger(end) || end < start) return undefined;
  return { start, end };
}

function toWebStream(stream: StoredRecording['stream']): ReadableStream<Uint8Array> {
  if (stream instanceof ReadableStream) return stream as ReadableStream<Uint8Array>;
  const readable = stream instanceof Readable ? stream : new Readable().wrap(stream);
  return Readable.toWeb(readable) as ReadableStream<Uint8Array>;
}

/** Releases an opened object without reading it (an unread S3 body holds its connection). */
async function discard(recording: StoredRecording): Promise<void> {
  const { stream } = recording;
  if (stream instanceof ReadableStream) await stream.cancel();
  else if (stream instanceof Readable) stream.destroy();
}

/**
 * `GET /v1/calls/{callId}/recording`: the call's stereo WAV (caller left, agent right), streamed
 * from recording storage. Answers one byte range with 206 so players can seek; a range past the
 * end is a 416 carrying `Content-Range: bytes *\/size`.
 */
export function createCallRecordingRoute({
  database,
  storage,
}: Pick<ApiDependencies, 'database' | 'storage'>) {
  return defineRoute({
    method: 'get',
    path: '/v1/calls/{callId}/recording',
    operationId: 'getCallRecording',
    summary: "Download a call's recording (WAV; supports Range)",
    description:
      'Stereo WAV, caller on the left channel and agent on the right. Send `Range: bytes=start-end` to read part of it.',
    tags: ['calls'],
    auth: 'api-key',
    scope: 'read',
    params: callParamsSchema,
    responses: {
      200: { description: 'The whole recording', contentType: 'audio/wav', schema: z.string() },
      206: {
        description: 'The requested byte range',
        contentType: 'audio/wav',
        schema: z.string(),
      },
      404: { description: '`not_found`: no such call, or it was not recorded' },
      416: { description: '`range_not_satisfiable`: the range starts past the end' },
    },
    handler: async ({ principal, params, context }) => {
      const location = await database.forOrganization(principal.orgId, (trx) =>
        getCallRecordingLocation(trx, params.callId),
      );
      if (location === undefined) throw notFound('Call', params.callId);
      if (location.key === null) throw notFound('Recording of call', params.callId);
      const range = parseRangeHeader(context.req.header('range'));
      let recording: StoredRecording | undefined;
      try {
        recording = await storage.open(location.key, range);
      } catch (error) {
        if (!SwitchboardError.isInstance(error) || error.code !== 'range_not_satisfiable')
          throw error;
        const whole = await storage.open(location.key);
        if (whole !== undefined) await discard(whole);
        throw new ApiProblem({
          status: 416,
          code: 'range_not_satisfiable',
          title: 'Range not satisfiable',
          detail: `The recording has ${whole?.totalSize ?? 0} bytes; ask for a range inside it.`,
          headers: { 'content-range': `bytes */${whole?.totalSize ?? 0}` },
        });
      }
      if (recording === undefined) throw notFound('Recording of call', params.callId);
      const headers: Record<string, string> = {
        'content-type': recording.contentType,
        'content-length': String(recording.size),
        'accept-ranges': 'bytes',
        'content-disposition': `inline; filename="${params.callId}.wav"`,
        // Recordings are personal data: no shared caches.
        'cache-control': 'private, no-store',
      };
      if (recording.range !== undefined) {
        headers['content-range'] =
          `bytes ${recording.range.start}-${recording.range.end}/${recording.totalSize}`;
      }
      return new Response(toWebStream(recording.stream), {
        status: recording.range === undefined ? 200 : 206,
        headers,
      });
    },
  });
}
