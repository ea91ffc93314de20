import { SwitchboardError } from '../../../errors/index.js';

/** One page of a list and the opaque cursor of the next page (null on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Paging options shared by the store's list functions. */
export interface PageOptions {
  /** 1–500, default 50. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

const defaultLimit = 50;
const maxLimit = 500;

/** The page size to use: `limit` clamped to 1–500, 50 when absent. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return defaultLimit;
  return Math.min(maxLimit, Math.max(1, Math.floor(limit)));
}

/** Packs sort-key values into an opaque base64url cursor. */
export function encodeStoreCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Unpacks a cursor of `length` strings made by {@link encodeStoreCursor}.
 *
 * @throws SwitchboardError with code `invalid_cursor` for anything else.
 */
export function decodeStoreCursor(cursor: string, length: number): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (_error) {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== length ||
    !values.every((value) => typeof value === 'string')
  ) {
    throw new SwitchboardError('The cursor is not one this list handed out.', {
      code: 'invalid_cursor',
    });
  }
  return values as string[];
}

/** Builds a page from up to `limit + 1` rows: the extra row only says another page exists. */
export function toPage<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (item: T) => readonly string[],
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined ? encodeStoreCursor(cursorOf(last)) : null,
  };
}
