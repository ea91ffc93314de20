import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FakeS3Failure } from './fake-s3-auth.js';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Sends an S3 error: the XML `<Error>` document, or only the status for HEAD (S3 sends no body). */
export function sendS3Error(
  response: ServerResponse,
  failure: FakeS3Failure,
  resource: string,
  withBody: boolean,
): void {
  const requestId = randomUUID();
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(failure.code)}</Code><Message>${escapeXml(failure.message)}</Message>` +
    `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
  response.writeHead(failure.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    ...(withBody ? { 'content-length': String(Buffer.byteLength(xml)) } : {}),
  });
  response.end(withBody ? xml : undefined);
}

/**
 * Reads a `Range` header the way S3 does: one `bytes=a-b`, `bytes=a-` or `bytes=-n` range gives
 * inclusive offsets; a range with no byte inside the object is `unsatisfiable` (416); anything
 * else (absent, malformed, several ranges) means the whole object (undefined).
 */
export function parseRangeHeader(
  header: string | undefined,
  size: number,
): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(first);
  // A last offset before the first makes the header invalid, and invalid means ignored.
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return [start, last === '' ? size - 1 : Math.min(Number(last), size - 1)];
}
