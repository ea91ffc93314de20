import { ConfigError, SwitchboardError } from '../../../errors/index.js';
import { parseLocalDate } from './local-date.js';

/** Wall-clock reading of an instant in a time zone. */
export interface ZonedParts {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM', 24-hour clock. */
  time: string;
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** What {@link zonedTimeToUtc} does with a wall time skipped by a daylight-saving jump. */
export type NonexistentTimePolicy = 'skip' | 'shift-forward';

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter !== undefined) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new ConfigError(
      'timeZone',
      `"${timeZone}" is not an IANA time zone name such as "America/New_York".`,
    );
  }
  // Time zones in use are few; the cap only guards against unbounded growth from bad input.
  if (formatters.size > 200) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}

/** Fails with a clear error unless `timeZone` is a time zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/**
 * Reads the wall clock of `timeZone` at `instant`.
 *
 * @example utcToZonedParts(new Date('2025-03-09T07:30:00Z'), 'America/New_York').time // '03:30'
 */
export function utcToZonedParts(instant: Date, timeZone: string): ZonedParts {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const year = values.year ?? 0;
  const month = values.month ?? 1;
  const day = values.day ?? 1;
  const hour = values.hour ?? 0;
  const minute = values.minute ?? 0;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return {
    date: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    year,
    month,
    day,
    hour,
    minute,
    second: values.second ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Wall-clock time minus UTC at `instant`, in milliseconds (e.g. -5 h for New York in winter). */
export function offsetAt(instant: number, timeZone: string): number {
  const parts = utcToZonedParts(new Date(instant), timeZone);
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant at which clocks in `timeZone` show `time` ('HH:MM') on `localDate` ('YYYY-MM-DD').
 * When clocks go back, the time happens twice and the first (earlier) instant is returned. When
 * clocks jump forward, the time never happens: the result is undefined, or with `shift-forward`
 * the instant the same number of minutes after the jump (02:30 becomes 03:30), as java.time does.
 *
 * @throws ConfigError for an unknown time zone; SwitchboardError for a malformed date or time.
 * @example zonedTimeToUtc('2025-07-01', '09:00', 'Europe/Berlin') // 2025-07-01T07:00:00.000Z
 */
export function zonedTimeToUtc(
  localDate: string,
  time: string,
  timeZone: string,
  options: { nonexistent?: NonexistentTimePolicy } = {},
): Date | undefined {
  const { year, month, day } = parseLocalDate(localDate);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) {
    throw new SwitchboardError(`Time "${time}" is not a 24-hour time in the form HH:MM.`, {
      code: 'invalid_time',
    });
  }
  const wall = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  // At most one offset change lies within a day of the wanted instant, so these cover both sides.
  const offsetBefore = offsetAt(wall - dayMs, timeZone);
  const offsets = new Set([
    offsetBefore,
    offsetAt(wall, timeZone),
    offsetAt(wall + dayMs, timeZone),
  ]);
  const matches = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((left, right) => left - right);
  const first = matches[0];
  if (first !== undefined) return new Date(first);
  return options.nonexistent === 'shift-forward' ? new Date(wall - offsetBefore) : undefined;
}
