import { z } from 'zod';
import { SwitchboardError } from '../../../errors/index.js';
import { invalidCursor } from './api-problem.js';

/** Page size when the client sends no `limit`. */
export const DEFAULT_PAGE_LIMIT = 50;
/** Largest page a client may ask for. */
export const MAX_PAGE_LIMIT = 200;
/** Cursors longer than this are refused before decoding. */
const MAX_CURSOR_LENGTH = 1024;

/** The kind of each value a cursor holds, in order, e.g. `['string', 'string']` for (createdAt, id). */
export type CursorShape = readonly ('string' | 'number')[];
/** The decoded values of a cursor of shape `TShape`. */
export type CursorValues<TShape extends CursorShape> = {
  -readonly [Index in keyof TShape]: TShape[Index] extends 'string' ? string : number;
};

/** `?limit=`: an integer from 1 to 200, 50 when absent. Coerced from the query string. */
export const limitQuerySchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_LIMIT)
  .default(DEFAULT_PAGE_LIMIT)
  .meta({ description: `Page size, 1 to ${MAX_PAGE_LIMIT}.` });

/** `?cursor=`: the `nextCursor` of the previous page; absent for the first page. */
export const cursorQuerySchema = z
  .string()
  .min(1)
  .max(MAX_CURSOR_LENGTH)
  .optional()
  .meta({ description: 'Opaque cursor: the nextCursor of the previous page.' });

/** The standard list envelope: one page of items and the cursor of the next page, or null. */
export function listEnvelopeSchema<TItem extends z.ZodType>(item: TItem) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Packs the sort-key values of the last item into an opaque base64url cursor. */
export function encodeCursor(values: readonly (string | number)[]): string {
  if (values.some((value) => typeof value === 'number' && !Number.isFinite(value))) {
    throw new SwitchboardError('encodeCursor: numbers in a cursor must be finite', {
      code: 'invalid_cursor_value',
    });
  }
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Unpacks a cursor made by {@link encodeCursor}, checking it holds exactly `shape`. Anything else
 * (not base64url, not JSON, wrong count or kinds) throws a 400 `invalid_cursor` problem.
 *
 * @example
 * const [createdAt, id] = decodeCursor(query.cursor, ['string', 'string']);
 */
export function decodeCursor<const TShape extends CursorShape>(
  cursor: string,
  shape: TShape,
): CursorValues<TShape> {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw invalidCursor();
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (_error) {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw invalidCursor();
  const matches = shape.every((kind, index) => {
    const value: unknown = values[index];
    return kind === 'string'
      ? typeof value === 'string'
      : typeof value === 'number' && Number.isFinite(value);
  });
  if (!matches) throw invalidCursor();
  return values as CursorValues<TShape>;
}

/**
 * Builds a list envelope from up to `limit + 1` rows (fetch one extra to know whether a next
 * page exists). The cursor is taken from the last row that is returned.
 */
export function toListPage<TRow>(
  rows: readonly TRow[],
  limit: number,
  cursorOf: (row: TRow) => readonly (string | number)[],
): { data: TRow[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
