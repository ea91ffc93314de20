import { SwitchboardError } from '../../errors/switchboard-error.js';
import type { ByteRange } from './recording-storage.js';

/**
 * Throws `SwitchboardError` (code `invalid_key`) unless `key` is a relative path of non-empty
 * segments without `.` or `..`, backslashes or control characters. Both storages use the same
 * rule, so a key that works locally works in S3 and the other way round.
 */
export function assertRecordingKey(key: string): void {
  const problem = findKeyProblem(key);
  if (problem !== undefined) {
    throw new SwitchboardError(`recording storage: key "${key}" ${problem}`, {
      code: 'invalid_key',
    });
  }
}

function findKeyProblem(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (key.startsWith('/')) return 'is absolute';
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x5c) {
      return 'contains a backslash or a control character';
    }
  }
  const segments = key.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'has an empty, "." or ".." segment';
  }
  return undefined;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  json: 'application/json',
};

/** The content type a key's extension implies; `application/octet-stream` when unknown. */
export function contentTypeForKey(key: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase();
  return (
    (extension !== undefined ? CONTENT_TYPES[extension] : undefined) ?? 'application/octet-stream'
  );
}

/**
 * Turns a range into inclusive offsets within an object of `totalSize` bytes, clamping the end.
 * Throws `SwitchboardError` (code `range_not_satisfiable`) when no byte of it exists.
 */
export function resolveByteRange(
  range: ByteRange,
  totalSize: number,
): { start: number; end: number } {
  const unsatisfiable = (): SwitchboardError =>
    new SwitchboardError(`recording storage: range not satisfiable for ${totalSize} bytes`, {
      code: 'range_not_satisfiable',
    });
  if ('suffixLength' in range) {
    if (!Number.isInteger(range.suffixLength) || range.suffixLength <= 0 || totalSize === 0) {
      throw unsatisfiable();
    }
    return { start: Math.max(0, totalSize - range.suffixLength), end: totalSize - 1 };
  }
  const { start, end = totalSize - 1 } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    throw unsatisfiable();
  }
  if (start >= totalSize) throw unsatisfiable();
  return { start, end: Math.min(end, totalSize - 1) };
}

/** The `Range` header value for a range. */
export function formatRangeHeader(range: ByteRange): string {
  if ('suffixLength' in range) return `bytes=-${range.suffixLength}`;
  return `bytes=${range.start}-${range.end ?? ''}`;
}
