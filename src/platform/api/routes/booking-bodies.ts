import type {
  Appointment,
  Customer,
  Page,
  ServiceRecord,
  Vehicle,
} from '../../booking/store/index.js';

/** Response bodies of the booking API: the store's rows with their `Date`s as ISO strings. */

const minuteMs = 60_000;

/** A customer as the API shows it. */
export function toCustomerBody(customer: Customer) {
  return {
    ...customer,
    createdAt: customer.createdAt.toISOString(),
    updatedAt: customer.updatedAt.toISOString(),
  };
}

/** A vehicle as the API shows it. */
export function toVehicleBody(vehicle: Vehicle) {
  return { ...vehicle, createdAt: vehicle.createdAt.toISOString() };
}

/** A service record as the API shows it. */
export function toServiceRecordBody(record: ServiceRecord) {
  return { ...record, performedAt: record.performedAt.toISOString() };
}

/** An appointment as the API shows it, with its length in minutes for convenience. */
export function toAppointmentBody(appointment: Appointment) {
  return {
    ...appointment,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    durationMinutes: Math.round(
      (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / minuteMs,
    ),
    createdAt: appointment.createdAt.toISOString(),
    updatedAt: appointment.updatedAt.toISOString(),
  };
}

/** The store's `{ items, nextCursor }` as the API's list envelope `{ data, nextCursor }`. */
export function toListEnvelope<TItem, TBody>(
  page: Page<TItem>,
  toBody: (item: TItem) => TBody,
): { data: TBody[]; nextCursor: string | null } {
  return { data: page.items.map(toBody), nextCursor: page.nextCursor };
}
