import type { TenantTransaction } from '../../db/switchboard-database.js';
import { computeAvailableSlots, describeSlot, utcToZonedParts } from '../slots/index.js';
import type { BusinessHours } from '../slots/index.js';
import {
  BookingNotFoundError,
  InvalidBookingError,
  OutsideBusinessHoursError,
} from './booking-errors.js';
import { listBusinessHours } from './business-hours-store.js';

/** What a booking is checked against: the organisation's time zone and weekly hours. */
export interface BookingRules {
  readonly timeZone: string;
  readonly businessHours: readonly BusinessHours[];
}

/** Shortest and longest appointment accepted, in minutes. */
export const MIN_APPOINTMENT_MINUTES = 5;
export const MAX_APPOINTMENT_MINUTES = 720;

const minuteMs = 60_000;
const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Loads the organisation's time zone (organizations.time_zone) and business hours. */
export async function loadBookingRules(
  trx: TenantTransaction,
  orgId: string,
): Promise<BookingRules> {
  const organization = await trx
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (organization === undefined) throw new BookingNotFoundError('organization', orgId);
  return { timeZone: organization.time_zone, businessHours: await listBusinessHours(trx) };
}

/**
 * True when the whole of [startsAt, endsAt) lies inside one opening interval of its local day.
 * Uses the slot maths with a one-minute step, so daylight-saving days follow the same rules as
 * the slots offered to callers (a repeated local hour counts at its first occurrence only).
 */
export function isWithinBusinessHours(rules: BookingRules, startsAt: Date, endsAt: Date): boolean {
  const durationMinutes = (endsAt.getTime() - startsAt.getTime()) / minuteMs;
  if (startsAt.getTime() % minuteMs !== 0 || !Number.isInteger(durationMinutes)) return false;
  const [slot] = computeAvailableSlots({
    timeZone: rules.timeZone,
    businessHours: rules.businessHours,
    bays: [{ id: 'any' }],
    appointments: [],
    from: startsAt,
    to: endsAt,
    durationMinutes,
    stepMinutes: 1,
    now: startsAt,
    limit: 1,
  });
  return slot?.startsAt.getTime() === startsAt.getTime();
}

/** "Mon–Fri 07:30–18:00; Sat 08:00–13:00": consecutive days with the same hours are grouped. */
export function formatWeeklyHours(hours: readonly BusinessHours[]): string {
  const byDay = [1, 2, 3, 4, 5, 6, 0].map((weekday) => ({
    weekday,
    text: hours
      .filter((entry) => entry.weekday === weekday)
      .map((entry) => `${entry.opens}–${entry.closes}`)
      .join(', '),
  }));
  const groups: { first: number; last: number; text: string }[] = [];
  for (const day of byDay) {
    const previous = groups.at(-1);
    if (previous !== undefined && previous.text === day.text && day.weekday !== 1)
      previous.last = day.weekday;
    else groups.push({ first: day.weekday, last: day.weekday, text: day.text });
  }
  const open = groups.filter((group) => group.text !== '');
  if (open.length === 0) return 'no business hours are set';
  return open
    .map((group) => {
      const days = weekdayNames[group.first] ?? '';
      const span = group.first === group.last ? days : `${days}–${weekdayNames[group.last] ?? ''}`;
      return `${span} ${group.text}`;
    })
    .join('; ');
}

/**
 * Refuses an appointment that starts before `now`, has an unreasonable length, or falls outside
 * business hours; the message says why (and lists the hours) so it can be read back to a caller.
 */
export function checkBookingTime(
  rules: BookingRules,
  startsAt: Date,
  endsAt: Date,
  now: Date,
): void {
  if (Number.isNaN(startsAt.getTime()))
    throw new InvalidBookingError('The start time is not a valid time.');
  const minutes = (endsAt.getTime() - startsAt.getTime()) / minuteMs;
  if (
    !Number.isInteger(minutes) ||
    minutes < MIN_APPOINTMENT_MINUTES ||
    minutes > MAX_APPOINTMENT_MINUTES
  ) {
    throw new InvalidBookingError(
      `An appointment lasts ${MIN_APPOINTMENT_MINUTES} to ${MAX_APPOINTMENT_MINUTES} whole minutes.`,
    );
  }
  if (startsAt.getTime() < now.getTime()) {
    throw new InvalidBookingError(
      `${describeSlot({ startsAt }, rules.timeZone)} is in the past; choose a later time.`,
    );
  }
  if (rules.businessHours.length === 0) {
    throw new OutsideBusinessHoursError(
      'No business hours are set for this organisation, so no appointment can be booked.',
    );
  }
  if (!isWithinBusinessHours(rules, startsAt, endsAt)) {
    const ends = utcToZonedParts(endsAt, rules.timeZone).time;
    throw new OutsideBusinessHoursError(
      `${describeSlot({ startsAt }, rules.timeZone)} until ${ends} is outside business hours ` +
        `(${formatWeeklyHours(rules.businessHours)}, ${rules.timeZone} time).`,
    );
  }
}
