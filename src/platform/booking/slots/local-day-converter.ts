import { formatClockTime } from './business-hours.js';
import { parseLocalDate } from './local-date.js';
import { offsetAt, zonedTimeToUtc } from './zoned-time.js';

const dayMs = 86_400_000;
const minuteMs = 60_000;

/**
 * Converts many wall-clock times of one local date to instants. On most days the offset is the
 * same from a day before to two days after midnight, and then every time converts by arithmetic
 * (three Intl calls per day instead of about five per time); near a daylight-saving change each
 * time goes through {@link zonedTimeToUtc}, with its skip and first-occurrence rules.
 *
 * @returns a function from minutes after local midnight (0–1439) to the instant, or undefined for
 *   a time the clocks skip.
 */
export function createLocalDayConverter(
  localDate: string,
  timeZone: string,
): (minutesAfterMidnight: number) => Date | undefined {
  const { year, month, day } = parseLocalDate(localDate);
  const midnight = Date.UTC(year, month - 1, day);
  const offset = offsetAt(midnight - dayMs, timeZone);
  const steady =
    offsetAt(midnight + dayMs / 2, timeZone) === offset &&
    offsetAt(midnight + 2 * dayMs, timeZone) === offset;
  if (steady) return (minutes) => new Date(midnight + minutes * minuteMs - offset);
  return (minutes) => zonedTimeToUtc(localDate, formatClockTime(minutes), timeZone);
}
