import { daysBetween } from '../slots/local-date.js';
import { describeSlot, utcToZonedParts } from '../slots/index.js';
import type { AvailableSlot } from '../slots/index.js';
import { DEFAULT_APPOINTMENT_MINUTES, findAvailability } from '../store/index.js';
import type { BookingToolSpec } from './booking-tool.js';
import { optionalInteger, optionalString, ToolArgumentError } from './tool-arguments.js';

/** Most slots offered at once; more is too many to read out on a call. */
const maxOffered = 6;

/**
 * Up to `max` slots spread over the days they fall on (a morning and an afternoon time rather
 * than six consecutive half hours), earliest first.
 */
export function spreadSlots(
  slots: readonly AvailableSlot[],
  max: number,
  timeZone: string,
): AvailableSlot[] {
  const byDay = new Map<string, AvailableSlot[]>();
  for (const slot of slots) {
    const day = utcToZonedParts(slot.startsAt, timeZone).date;
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const perDay = Math.max(2, Math.ceil(max / Math.max(1, byDay.size)));
  const picked = [...byDay.values()].flatMap((daySlots) => {
    if (daySlots.length <= perDay) return daySlots;
    const step = (daySlots.length - 1) / (perDay - 1);
    return Array.from({ length: perDay }, (_, index) => daySlots[Math.round(index * step)]).filter(
      (slot): slot is AvailableSlot => slot !== undefined,
    );
  });
  return picked.slice(0, max);
}

/** `get_available_slots`: free appointment times over a few days, in the organisation's time zone. */
export const getAvailableSlotsTool: BookingToolSpec = {
  name: 'get_available_slots',
  description:
    'Find free service appointment times. Returns up to 6 times spread over the days searched, each with startsAt (ISO) and a spoken form to read to the caller. ' +
    'Offer two or three of them; pass the chosen startsAt unchanged to book_appointment. If none are free, search later dates.',
  parameters: {
    type: 'object',
    properties: {
      date: {
        type: 'string',
        description: 'First day to search, YYYY-MM-DD, local to the dealership. Default: today.',
      },
      days: {
        type: 'integer',
        minimum: 1,
        maximum: 14,
        description: 'How many days to search from date. Default 3.',
      },
      durationMinutes: {
        type: 'integer',
        minimum: 15,
        maximum: 480,
        description: 'Length of the job in minutes. Default 60.',
      },
      serviceType: {
        type: 'string',
        description: 'What the caller needs done, e.g. "oil change".',
      },
    },
    additionalProperties: false,
  },
  async execute(args, _context, session) {
    const days = optionalInteger(args, 'days', { minimum: 1, maximum: 14 }, 3);
    const durationMinutes = optionalInteger(
      args,
      'durationMinutes',
      { minimum: 15, maximum: 480 },
      DEFAULT_APPOINTMENT_MINUTES,
    );
    const serviceType = optionalString(args, 'serviceType', 200);
    const requestedDate = optionalString(args, 'date', 10);
    const now = session.now();
    if (requestedDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(requestedDate))
      throw new ToolArgumentError('date must look like 2026-03-03.');
    return session.run(async (trx) => {
      const { timeZone, date, slots } = await findAvailability(trx, session.orgId, {
        ...(requestedDate !== undefined ? { date: requestedDate } : {}),
        days,
        durationMinutes,
        now,
        leadTimeMinutes: session.leadTimeMinutes,
      });
      const today = utcToZonedParts(now, timeZone).date;
      if (daysBetween(today, date) < 0)
        throw new ToolArgumentError(`date ${date} has passed; today is ${today}.`);
      const offered = spreadSlots(slots, maxOffered, timeZone).map((slot) => ({
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        spoken: describeSlot(slot, timeZone),
      }));
      return {
        timeZone,
        searched: { date, days },
        durationMinutes,
        ...(serviceType === undefined ? {} : { serviceType }),
        slots: offered,
        ...(offered.length === 0
          ? { spoken: `No free times in the ${days} days from ${date}; try later dates.` }
          : {}),
      };
    });
  },
};
