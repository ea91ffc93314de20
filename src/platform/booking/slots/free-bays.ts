import type { Bay, BayAppointment } from './slot-types.js';

/** Appointments grouped by bay, so checking many slots does not rescan every appointment. */
export type AppointmentsByBay = ReadonlyMap<string, readonly BayAppointment[]>;

/** Groups appointments by bay id. */
export function groupAppointmentsByBay(appointments: readonly BayAppointment[]): AppointmentsByBay {
  const grouped = new Map<string, BayAppointment[]>();
  for (const appointment of appointments) {
    const list = grouped.get(appointment.bayId);
    if (list === undefined) grouped.set(appointment.bayId, [appointment]);
    else list.push(appointment);
  }
  return grouped;
}

/**
 * True when [startsAt, endsAt) and the appointment share any time. Touching ends do not overlap:
 * a job ending at 10:00 leaves the bay free for one starting at 10:00.
 */
export function overlapsAppointment(
  appointment: BayAppointment,
  startsAt: Date,
  endsAt: Date,
): boolean {
  return (
    appointment.startsAt.getTime() < endsAt.getTime() &&
    startsAt.getTime() < appointment.endsAt.getTime()
  );
}

/** Ids of the bays with no appointment overlapping [startsAt, endsAt), in the order given. */
export function findFreeBayIds(
  bays: readonly Bay[],
  appointments: readonly BayAppointment[],
  startsAt: Date,
  endsAt: Date,
): string[] {
  return findFreeBayIdsInGroups(bays, groupAppointmentsByBay(appointments), startsAt, endsAt);
}

/** {@link findFreeBayIds} on appointments already grouped, for checking many slots. */
export function findFreeBayIdsInGroups(
  bays: readonly Bay[],
  appointmentsByBay: AppointmentsByBay,
  startsAt: Date,
  endsAt: Date,
): string[] {
  const free: string[] = [];
  for (const bay of bays) {
    if (free.includes(bay.id)) continue;
    const busy = (appointmentsByBay.get(bay.id) ?? []).some((appointment) =>
      overlapsAppointment(appointment, startsAt, endsAt),
    );
    if (!busy) free.push(bay.id);
  }
  return free;
}

/**
 * The first bay (in the order given) that is free for all of [startsAt, endsAt), or undefined when
 * every bay is taken. Call it again inside the booking transaction, with fresh appointments, so
 * two callers booking the same slot cannot get the same bay.
 *
 * @example pickFreeBay([{ id: 'lift-1' }], [], slot.startsAt, slot.endsAt) // 'lift-1'
 */
export function pickFreeBay(
  bays: readonly Bay[],
  appointments: readonly BayAppointment[],
  startsAt: Date,
  endsAt: Date,
): string | undefined {
  return findFreeBayIds(bays, appointments, startsAt, endsAt)[0];
}
