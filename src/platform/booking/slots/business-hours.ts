import { ConfigError } from '../../../errors/index.js';
import type { BusinessHours } from './slot-types.js';

/** An opening interval in minutes after local midnight; `closes` may be 1440 (end of day). */
export interface OpeningInterval {
  opens: number;
  closes: number;
}

const minutesPerDay = 1440;

function parseClockTime(value: unknown, setting: string, allowEndOfDay: boolean): number {
  if (allowEndOfDay && value === '24:00') return minutesPerDay;
  const match = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  if (match === null) {
    throw new ConfigError(
      setting,
      `${JSON.stringify(value)} is not a 24-hour time in the form HH:MM.`,
    );
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 'HH:MM' for minutes after midnight (below 1440). */
export function formatClockTime(minutes: number): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Checks business hours and returns, per weekday, the intervals sorted with overlapping or
 * touching ones merged (9–12 and 12–17 become 9–17), so a slot may span their meeting point.
 *
 * @throws ConfigError naming the entry, e.g. `businessHours[2].closes`.
 */
export function groupBusinessHours(
  hours: readonly BusinessHours[],
): Map<number, OpeningInterval[]> {
  const byWeekday = new Map<number, OpeningInterval[]>();
  hours.forEach((entry, index) => {
    const setting = `businessHours[${index}]`;
    if (!Number.isInteger(entry.weekday) || entry.weekday < 0 || entry.weekday > 6) {
      throw new ConfigError(
        `${setting}.weekday`,
        `must be 0 (Sunday) to 6 (Saturday), got ${String(entry.weekday)}.`,
      );
    }
    const opens = parseClockTime(entry.opens, `${setting}.opens`, false);
    const closes = parseClockTime(entry.closes, `${setting}.closes`, true);
    if (opens >= closes) {
      throw new ConfigError(
        setting,
        `opens (${entry.opens}) must be earlier than closes (${entry.closes}); hours past midnight need a second entry on the next weekday.`,
      );
    }
    const list = byWeekday.get(entry.weekday) ?? [];
    list.push({ opens, closes });
    byWeekday.set(entry.weekday, list);
  });
  for (const [weekday, intervals] of byWeekday) {
    intervals.sort((left, right) => left.opens - right.opens);
    const merged: OpeningInterval[] = [];
    for (const interval of intervals) {
      const last = merged[merged.length - 1];
      if (last !== undefined && interval.opens <= last.closes)
        last.closes = Math.max(last.closes, interval.closes);
      else merged.push({ ...interval });
    }
    byWeekday.set(weekday, merged);
  }
  return byWeekday;
}
