import { SwitchboardError } from '../../../errors/index.js';
import type { SlotQuery } from './slot-types.js';

/** Longest search window accepted, so a mistaken year 3000 cannot keep the process busy. */
export const MAX_SEARCH_DAYS = 366;

function invalid(message: string): SwitchboardError {
  return new SwitchboardError(message, { code: 'invalid_slot_query' });
}

function checkWholeMinutes(name: string, value: unknown, minimum: number, maximum: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalid(
      `${name} must be a whole number of minutes from ${minimum} to ${maximum}, got ${String(value)}.`,
    );
  }
}

function checkDate(name: string, value: unknown): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalid(`${name} must be a valid Date, got ${String(value)}.`);
  }
}

/**
 * Checks the numbers and dates of a slot query (time zone and business hours are checked where
 * they are used). Throws a SwitchboardError with code `invalid_slot_query` naming the field.
 */
export function checkSlotQuery(query: SlotQuery): void {
  checkDate('from', query.from);
  checkDate('to', query.to);
  if (query.now !== undefined) checkDate('now', query.now);
  checkWholeMinutes('durationMinutes', query.durationMinutes, 1, 1440);
  if (query.stepMinutes !== undefined) checkWholeMinutes('stepMinutes', query.stepMinutes, 1, 1440);
  if (query.leadTimeMinutes !== undefined) {
    checkWholeMinutes('leadTimeMinutes', query.leadTimeMinutes, 0, MAX_SEARCH_DAYS * 1440);
  }
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 0)) {
    throw invalid(`limit must be a whole number of at least 0, got ${String(query.limit)}.`);
  }
  const spanDays = (query.to.getTime() - query.from.getTime()) / 86_400_000;
  if (spanDays > MAX_SEARCH_DAYS) {
    throw invalid(
      `The window from "from" to "to" spans ${Math.ceil(spanDays)} days; at most ${MAX_SEARCH_DAYS} are searched.`,
    );
  }
}
