import type { TenantTransaction } from '../../db/switchboard-database.js';
import { publishAppointmentEvent } from './appointment-events.js';
import { toAppointment, type Appointment } from './appointment-store.js';
import { BookingNotFoundError, InvalidBookingError } from './booking-errors.js';
import { checkBookingTime, loadBookingRules } from './booking-rules.js';
import { placeInFreeBay } from './place-in-free-bay.js';
import { isUuid } from './postgres-errors.js';

/** What {@link bookAppointment} needs. */
export interface NewAppointment {
  readonly customerId: string;
  readonly vehicleId?: string | null;
  readonly serviceType: string;
  readonly startsAt: Date;
  /** Default 60. */
  readonly durationMinutes?: number;
  readonly notes?: string | null;
  /**
   * The call that made the booking. Recorded only when it is a call of this organisation (an
   * unknown id, such as a test call that was never recorded, is left out rather than refused).
   */
  readonly callId?: string | null;
}

/** Options shared by booking and rescheduling. */
export interface BookingOptions {
  /** The current time; appointments may not start before it. Defaults to the clock. */
  readonly now?: Date;
}

/** Default appointment length in minutes. */
export const DEFAULT_APPOINTMENT_MINUTES = 60;

const minuteMs = 60_000;

/**
 * Books an appointment on the first free active bay (bays in name order), safely under
 * concurrency (see placeInFreeBay). The customer and vehicle must belong to this organisation and
 * the vehicle to the customer; the time must be in the future and inside business hours in the
 * organisation's time zone.
 *
 * @throws SlotUnavailableError, OutsideBusinessHoursError, InvalidBookingError,
 *   BookingNotFoundError.
 */
export async function bookAppointment(
  trx: TenantTransaction,
  orgId: string,
  input: NewAppointment,
  options: BookingOptions = {},
): Promise<Appointment> {
  const serviceType = input.serviceType.trim();
  if (serviceType === '') throw new InvalidBookingError('Say what service the appointment is for.');
  const startsAt = input.startsAt;
  const endsAt = new Date(
    startsAt.getTime() + (input.durationMinutes ?? DEFAULT_APPOINTMENT_MINUTES) * minuteMs,
  );
  await checkParties(trx, input.customerId, input.vehicleId ?? null);
  const callId = await findCallId(trx, input.callId);
  const rules = await loadBookingRules(trx, orgId);
  checkBookingTime(rules, startsAt, endsAt, options.now ?? new Date());
  const appointment = await placeInFreeBay(trx, startsAt, endsAt, async (bayId) =>
    toAppointment(
      await trx
        .insertInto('appointments')
        .values({
          org_id: orgId,
          customer_id: input.customerId,
          vehicle_id: input.vehicleId ?? null,
          bay_id: bayId,
          service_type: serviceType,
          starts_at: startsAt,
          ends_at: endsAt,
          status: 'booked',
          notes: input.notes ?? null,
          call_id: callId,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    ),
  );
  await publishAppointmentEvent(trx, orgId, 'appointment.booked', appointment);
  return appointment;
}

/**
 * Checked under row-level security, because foreign keys alone would accept ids of another
 * organisation's rows.
 */
async function checkParties(
  trx: TenantTransaction,
  customerId: string,
  vehicleId: string | null,
): Promise<void> {
  const customer = isUuid(customerId)
    ? await trx.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst()
    : undefined;
  if (customer === undefined) throw new BookingNotFoundError('customer', customerId);
  if (vehicleId === null) return;
  const vehicle = isUuid(vehicleId)
    ? await trx
        .selectFrom('vehicles')
        .select('customer_id')
        .where('id', '=', vehicleId)
        .executeTakeFirst()
    : undefined;
  if (vehicle === undefined) throw new BookingNotFoundError('vehicle', vehicleId);
  if (vehicle.customer_id !== customerId)
    throw new InvalidBookingError('That vehicle belongs to a different customer.');
}

async function findCallId(
  trx: TenantTransaction,
  callId: string | null | undefined,
): Promise<string | null> {
  if (!isUuid(callId)) return null;
  const call = await trx
    .selectFrom('calls')
    .select('id')
    .where('id', '=', callId)
    .executeTakeFirst();
  return call?.id ?? null;
}
