import { SwitchboardError } from '../../../errors/index.js';

/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. A calendar date has no time zone, so these use UTC
 * midnight as a neutral carrier and never look at the machine's own zone.
 */

/** Year, month (1–12) and day of a 'YYYY-MM-DD' string; throws if it is not a real date. */
export function parseLocalDate(localDate: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  const carrier = new Date(Date.UTC(year, month - 1, day));
  const real = carrier.getUTCFullYear() === year && carrier.getUTCMonth() === month - 1;
  if (match === null || !real || carrier.getUTCDate() !== day) {
    throw new SwitchboardError(
      `Date "${localDate}" is not a calendar date in the form YYYY-MM-DD.`,
      {
        code: 'invalid_time',
      },
    );
  }
  return { year, month, day };
}

/** The date `days` after `localDate` (negative goes back). */
export function addDays(localDate: string, days: number): string {
  const { year, month, day } = parseLocalDate(localDate);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(localDate: string): number {
  const { year, month, day } = parseLocalDate(localDate);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Whole days from `start` to `end` (negative when `end` is earlier). */
export function daysBetween(start: string, end: string): number {
  const from = parseLocalDate(start);
  const to = parseLocalDate(end);
  const difference =
    Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(difference / 86_400_000);
}
