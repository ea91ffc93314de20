import type { TenantTransaction } from '../../db/switchboard-database.js';
import { publishAppointmentEvent } from './appointment-events.js';
import { toAppointment, type Appointment } from './appointment-store.js';
import type { BookingOptions } from './book-appointment.js';
import { BookingNotFoundError, InvalidBookingError } from './booking-errors.js';
import { checkBookingTime, loadBookingRules } from './booking-rules.js';
import { placeInFreeBay } from './place-in-free-bay.js';
import { isUuid } from './postgres-errors.js';

const minuteMs = 60_000;

/** The booked appointment, locked against concurrent changes until the transaction ends. */
async function lockBooked(trx: TenantTransaction, id: string): Promise<Appointment> {
  const row = isUuid(id)
    ? await trx
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (row === undefined) throw new BookingNotFoundError('appointment', id);
  if (row.status !== 'booked')
    throw new InvalidBookingError(
      `That appointment is ${row.status}, not booked, so it cannot be changed.`,
    );
  return toAppointment(row);
}

/**
 * Cancels a booked appointment, freeing its bay. The reason is kept for the records.
 *
 * @throws BookingNotFoundError; InvalidBookingError when it is not booked or no reason is given.
 */
export async function cancelAppointment(
  trx: TenantTransaction,
  id: string,
  reason: string,
): Promise<Appointment> {
  const cancelReason = reason.trim().slice(0, 500);
  if (cancelReason === '') throw new InvalidBookingError('Give a reason for the cancellation.');
  await lockBooked(trx, id);
  const row = await trx
    .updateTable('appointments')
    .set({ status: 'cancelled', cancel_reason: cancelReason, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const cancelled = toAppointment(row);
  await publishAppointmentEvent(trx, row.org_id, 'appointment.cancelled', cancelled);
  return cancelled;
}

/**
 * Moves a booked appointment to `startsAt`, keeping its length unless `durationMinutes` is given,
 * with the same checks and concurrency safety as booking. It stays on its bay when that bay is
 * free at the new time.
 *
 * @throws SlotUnavailableError, OutsideBusinessHoursError, InvalidBookingError,
 *   BookingNotFoundError.
 */
export async function rescheduleAppointment(
  trx: TenantTransaction,
  orgId: string,
  id: string,
  change: { readonly startsAt: Date; readonly durationMinutes?: number },
  options: BookingOptions = {},
): Promise<Appointment> {
  const current = await lockBooked(trx, id);
  const duration =
    change.durationMinutes ?? (current.endsAt.getTime() - current.startsAt.getTime()) / minuteMs;
  const startsAt = change.startsAt;
  const endsAt = new Date(startsAt.getTime() + duration * minuteMs);
  checkBookingTime(await loadBookingRules(trx, orgId), startsAt, endsAt, options.now ?? new Date());
  const moved = await placeInFreeBay(
    trx,
    startsAt,
    endsAt,
    async (bayId) =>
      toAppointment(
        await trx
          .updateTable('appointments')
          .set({ bay_id: bayId, starts_at: startsAt, ends_at: endsAt, updated_at: new Date() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      ),
    { movingAppointmentId: id, preferredBayId: current.bayId },
  );
  await publishAppointmentEvent(trx, orgId, 'appointment.rescheduled', moved, current);
  return moved;
}
