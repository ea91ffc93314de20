import { sql } from 'kysely';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { pickFreeBay } from '../slots/index.js';
import { SlotUnavailableError } from './booking-errors.js';
import { isExclusionViolation } from './postgres-errors.js';
import { listServiceBays } from './service-bay-store.js';

/** Options of {@link placeInFreeBay}. */
export interface PlacementOptions {
  /** An appointment being moved: its own time does not block it. */
  readonly movingAppointmentId?: string;
  /** Tried first when free (a rescheduled appointment keeps its bay if it can). */
  readonly preferredBayId?: string;
}

/**
 * Writes a booked appointment onto a free bay without ever double-booking, also against callers
 * in other transactions: it loads the active bays and the booked appointments overlapping
 * [startsAt, endsAt), picks a free bay with pickFreeBay and runs `write(bayId)` inside a
 * savepoint. If the write hits the `appointments_no_double_booking` exclusion constraint (23P01:
 * a concurrent transaction took that bay and committed meanwhile), the savepoint is rolled back
 * and the next free bay is tried with fresh data; a bay is never tried twice, so this ends.
 *
 * @throws SlotUnavailableError when no bay is left.
 */
export async function placeInFreeBay<T>(
  trx: TenantTransaction,
  startsAt: Date,
  endsAt: Date,
  write: (bayId: string) => Promise<T>,
  options: PlacementOptions = {},
): Promise<T> {
  const tried = new Set<string>();
  for (;;) {
    const bays = (await listServiceBays(trx, { activeOnly: true }))
      .filter((bay) => !tried.has(bay.id))
      .sort(
        (left, right) =>
          Number(right.id === options.preferredBayId) - Number(left.id === options.preferredBayId),
      );
    let busyQuery = trx
      .selectFrom('appointments')
      .select(['bay_id as bayId', 'starts_at as startsAt', 'ends_at as endsAt'])
      .where('status', '=', 'booked')
      .where('starts_at', '<', endsAt)
      .where('ends_at', '>', startsAt);
    if (options.movingAppointmentId !== undefined)
      busyQuery = busyQuery.where('id', '!=', options.movingAppointmentId);
    const bayId = pickFreeBay(bays, await busyQuery.execute(), startsAt, endsAt);
    if (bayId === undefined) throw new SlotUnavailableError(startsAt, endsAt);
    tried.add(bayId);
    await sql`savepoint booking_attempt`.execute(trx);
    try {
      const result = await write(bayId);
      await sql`release savepoint booking_attempt`.execute(trx);
      return result;
    } catch (error) {
      await sql`rollback to savepoint booking_attempt`.execute(trx);
      if (!isExclusionViolation(error)) throw error;
    }
  }
}
