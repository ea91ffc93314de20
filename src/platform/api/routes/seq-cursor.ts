import { invalidCursor } from '../http/api-problem.js';
import { decodeCursor } from '../http/cursor-pagination.js';

/**
 * Reads a cursor over a `seq` column (an identity bigint, carried as decimal digits so it never
 * loses precision in JSON). One that decodes but holds no positive integer is refused too.
 */
export function readSeqCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const [seq] = decodeCursor(cursor, ['string']);
  if (!/^[1-9]\d{0,18}$/.test(seq)) throw invalidCursor();
  return seq;
}
