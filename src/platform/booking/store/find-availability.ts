import type { TenantTransaction } from '../../db/switchboard-database.js';
import {
  computeAvailableSlots,
  utcToZonedParts,
  zonedTimeToUtc,
  type AvailableSlot,
} from '../slots/index.js';
import { addDays } from '../slots/local-date.js';
import { loadBookingRules } from './booking-rules.js';
import { listServiceBays } from './service-bay-store.js';

/** What {@link findAvailability} searches. */
export interface AvailabilityRequest {
  /** First local day, 'YYYY-MM-DD' in the organisation's time zone; default today there. */
  readonly date?: string;
  /** Whole local days to search from `date`. */
  readonly days: number;
  readonly durationMinutes: number;
  /** Distance between offered start times; default 30. */
  readonly stepMinutes?: number;
  /** The current time: nothing earlier is offered. Defaults to the clock. */
  readonly now?: Date;
  /** Minimum notice before an offered start, in minutes. */
  readonly leadTimeMinutes?: number;
}

/** Free slots of one organisation and the window that was searched. */
export interface Availability {
  readonly timeZone: string;
  readonly date: string;
  readonly days: number;
  readonly durationMinutes: number;
  readonly slots: AvailableSlot[];
}

/**
 * Every free start time over `days` local days from `date`, from the organisation's time zone,
 * business hours, active bays and booked appointments. The availability API returns all of them;
 * the get_available_slots tool offers a spread. Whatever it returns can be booked unless someone
 * takes it first. Runs inside the caller's tenant transaction.
 */
export async function findAvailability(
  trx: TenantTransaction,
  orgId: string,
  request: AvailabilityRequest,
): Promise<Availability> {
  const now = request.now ?? new Date();
  const rules = await loadBookingRules(trx, orgId);
  const date = request.date ?? utcToZonedParts(now, rules.timeZone).date;
  // Local midnight may be skipped by a daylight-saving jump: the day then starts just after it.
  const midnight = (day: string): Date =>
    zonedTimeToUtc(day, '00:00', rules.timeZone, { nonexistent: 'shift-forward' }) ?? now;
  const from = midnight(date);
  const to = midnight(addDays(date, request.days));
  const bays = await listServiceBays(trx, { activeOnly: true });
  const appointments = await trx
    .selectFrom('appointments')
    .select(['bay_id as bayId', 'starts_at as startsAt', 'ends_at as endsAt'])
    .where('status', '=', 'booked')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .execute();
  const slots = computeAvailableSlots({
    ...rules,
    bays,
    appointments,
    from,
    to,
    durationMinutes: request.durationMinutes,
    stepMinutes: request.stepMinutes,
    now,
    leadTimeMinutes: request.leadTimeMinutes,
  });
  return {
    timeZone: rules.timeZone,
    date,
    days: request.days,
    durationMinutes: request.durationMinutes,
    slots,
  };
}
