import { groupBusinessHours, formatClockTime } from './business-hours.js';
import type { OpeningInterval } from './business-hours.js';
import { findFreeBayIdsInGroups, groupAppointmentsByBay } from './free-bays.js';
import { createLocalDayConverter } from './local-day-converter.js';
import { addDays, daysBetween, weekdayOf } from './local-date.js';
import { checkSlotQuery } from './slot-query-checks.js';
import type { AvailableSlot, SlotQuery } from './slot-types.js';
import { utcToZonedParts, zonedTimeToUtc } from './zoned-time.js';

const minuteMs = 60_000;

/** The instant an interval ends; 24:00 is midnight starting the next day. */
function closingInstant(
  date: string,
  interval: OpeningInterval,
  timeZone: string,
): Date | undefined {
  const [closeDate, closeTime] =
    interval.closes >= 1440
      ? [addDays(date, 1), '00:00']
      : [date, formatClockTime(interval.closes)];
  // A closing time skipped by a DST jump still closes the day: use the first instant after it.
  return zonedTimeToUtc(closeDate, closeTime, timeZone, { nonexistent: 'shift-forward' });
}

/**
 * Bookable appointment times: start times every `stepMinutes` of local wall-clock time from each
 * opening time, kept when the whole appointment fits before that interval closes, lies within
 * [from, to], starts no earlier than now + lead time, and at least one bay is free for all of it.
 * Local times skipped by a daylight-saving jump are not offered; a local time that happens twice
 * is offered once, at its first occurrence. Durations are real elapsed minutes.
 *
 * @throws ConfigError for an unknown time zone or malformed business hours; SwitchboardError
 *   (code `invalid_slot_query`) for bad numbers or dates.
 * @example
 * computeAvailableSlots({
 *   timeZone: 'America/New_York',
 *   businessHours: [{ weekday: 2, opens: '08:00', closes: '17:00' }],
 *   bays: [{ id: 'lift-1' }], appointments: [], durationMinutes: 60,
 *   from: new Date('2026-03-03T05:00:00Z'), to: new Date('2026-03-04T05:00:00Z'),
 * })[0]; // { startsAt: 2026-03-03T13:00:00Z, endsAt: 2026-03-03T14:00:00Z, bayIds: ['lift-1'] }
 */
export function computeAvailableSlots(query: SlotQuery): AvailableSlot[] {
  checkSlotQuery(query);
  const { timeZone, durationMinutes } = query;
  const hoursByWeekday = groupBusinessHours(query.businessHours);
  utcToZonedParts(query.from, timeZone); // fails early, with a clear message, on a bad zone
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const step = query.stepMinutes ?? 30;
  const now = query.now ?? new Date();
  const earliest = Math.max(
    query.from.getTime(),
    now.getTime() + (query.leadTimeMinutes ?? 0) * minuteMs,
  );
  const latest = query.to.getTime();
  const slots: AvailableSlot[] = [];
  if (earliest >= latest || query.bays.length === 0 || limit === 0) return slots;

  const appointmentsByBay = groupAppointmentsByBay(query.appointments);
  const firstDate = utcToZonedParts(new Date(earliest), timeZone).date;
  const dayCount = daysBetween(firstDate, utcToZonedParts(query.to, timeZone).date);
  for (let dayIndex = 0; dayIndex <= dayCount; dayIndex += 1) {
    const date = addDays(firstDate, dayIndex);
    const toInstant = createLocalDayConverter(date, timeZone);
    for (const interval of hoursByWeekday.get(weekdayOf(date)) ?? []) {
      const closes =
        closingInstant(date, interval, timeZone)?.getTime() ?? Number.NEGATIVE_INFINITY;
      for (let minute = interval.opens; minute < interval.closes; minute += step) {
        const startsAt = toInstant(minute);
        if (startsAt === undefined || startsAt.getTime() < earliest) continue;
        const endsAt = new Date(startsAt.getTime() + durationMinutes * minuteMs);
        if (endsAt.getTime() > closes || endsAt.getTime() > latest) break;
        const bayIds = findFreeBayIdsInGroups(query.bays, appointmentsByBay, startsAt, endsAt);
        if (bayIds.length === 0) continue;
        slots.push({ startsAt, endsAt, bayIds });
        if (slots.length >= limit) return slots;
      }
    }
  }
  return slots;
}
