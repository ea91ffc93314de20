import type { ToolContext } from '../../../engine/tool.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import {
  BookingNotFoundError,
  cancelAppointment,
  findCustomersByPhone,
  getAppointment,
  getCustomer,
  listUpcomingAppointments,
  rescheduleAppointment,
  type Appointment,
} from '../store/index.js';
import type { BookingCallSession } from './booking-call-session.js';
import type { BookingToolSpec } from './booking-tool.js';
import { summarizeAppointment } from './booking-tool-results.js';
import { parseStartTime } from './parse-start-time.js';
import { notCallersCustomer } from './resolve-booking-parties.js';
import { optionalInteger, optionalString, requiredString } from './tool-arguments.js';

const appointmentIdProperty = {
  type: 'string',
  description: 'appointmentId from lookup_customer or get_upcoming_appointments.',
} as const;

/** The appointment, if it belongs to one of the caller's customers (see BookingCallSession). */
async function loadCallersAppointment(
  trx: TenantTransaction,
  appointmentId: string,
  context: ToolContext,
  session: BookingCallSession,
): Promise<Appointment> {
  const appointment = await getAppointment(trx, appointmentId);
  if (appointment === undefined) throw new BookingNotFoundError('appointment', appointmentId);
  const customer = await getCustomer(trx, appointment.customerId);
  if (customer === undefined || !session.isCallersCustomer(customer, context))
    throw notCallersCustomer();
  return appointment;
}

/** `get_upcoming_appointments`: the booked appointments of the caller's customers (or one of them). */
export const getUpcomingAppointmentsTool: BookingToolSpec = {
  name: 'get_upcoming_appointments',
  description:
    "List the caller's upcoming booked appointments (up to 10), each with appointmentId and a spoken description. " +
    'Without customerId it uses the caller ID and the customers identified earlier in the call.',
  parameters: {
    type: 'object',
    properties: { customerId: { type: 'string', description: 'customerId from lookup_customer.' } },
    additionalProperties: false,
  },
  async execute(args, context, session) {
    const customerId = optionalString(args, 'customerId', 64);
    return session.run(async (trx) => {
      let customerIds: string[];
      if (customerId !== undefined) {
        const customer = await getCustomer(trx, customerId);
        if (customer === undefined || !session.isCallersCustomer(customer, context))
          throw notCallersCustomer();
        customerIds = [customer.id];
      } else {
        const phone = session.callerPhone(context);
        const byPhone = phone === undefined ? [] : await findCustomersByPhone(trx, phone);
        customerIds = [
          ...new Set([
            ...session.establishedCustomerIds(),
            ...byPhone.map((customer) => customer.id),
          ]),
        ];
      }
      if (customerIds.length === 0) {
        return {
          found: false,
          appointments: [],
          spoken:
            'No customer record matches this caller yet; use lookup_customer with the number on file.',
        };
      }
      const timeZone = await session.timeZone(trx);
      const upcoming = await listUpcomingAppointments(trx, customerIds, {
        now: session.now(),
        limit: 10,
      });
      return {
        found: true,
        appointments: upcoming.map((appointment) => summarizeAppointment(appointment, timeZone)),
        ...(upcoming.length === 0 ? { spoken: 'No upcoming appointments.' } : {}),
      };
    });
  },
};

/** `cancel_appointment`: cancels one of the caller's booked appointments. */
export const cancelAppointmentTool: BookingToolSpec = {
  name: 'cancel_appointment',
  description:
    "Cancel one of the caller's booked appointments. Confirm with the caller which appointment first, and ask why (the reason is kept on record).",
  parameters: {
    type: 'object',
    properties: {
      appointmentId: appointmentIdProperty,
      reason: { type: 'string', description: 'Why the caller cancels, in a few words.' },
    },
    required: ['appointmentId', 'reason'],
    additionalProperties: false,
  },
  async execute(args, context, session) {
    const appointmentId = requiredString(args, 'appointmentId', 64);
    const reason = requiredString(args, 'reason', 500);
    return session.run(async (trx) => {
      await loadCallersAppointment(trx, appointmentId, context, session);
      const cancelled = await cancelAppointment(trx, appointmentId, reason);
      const summary = summarizeAppointment(cancelled, await session.timeZone(trx));
      return { cancelled: true, ...summary, spoken: `Cancelled: ${summary.spoken}` };
    });
  },
};

/** `reschedule_appointment`: moves one of the caller's booked appointments to another time. */
export const rescheduleAppointmentTool: BookingToolSpec = {
  name: 'reschedule_appointment',
  description:
    "Move one of the caller's booked appointments to a new time, keeping its length unless durationMinutes is given. " +
    'Check the new time with get_available_slots first. If it was just taken, the error says so: offer another time.',
  parameters: {
    type: 'object',
    properties: {
      appointmentId: appointmentIdProperty,
      startsAt: {
        type: 'string',
        description:
          'New start: a startsAt from get_available_slots, or local dealership time as YYYY-MM-DDTHH:MM.',
      },
      durationMinutes: {
        type: 'integer',
        minimum: 15,
        maximum: 480,
        description: 'New length in minutes, if it changes.',
      },
    },
    required: ['appointmentId', 'startsAt'],
    additionalProperties: false,
  },
  async execute(args, context, session) {
    const appointmentId = requiredString(args, 'appointmentId', 64);
    const startsAtText = requiredString(args, 'startsAt', 40);
    const durationMinutes =
      args.durationMinutes === undefined || args.durationMinutes === null
        ? undefined
        : optionalInteger(args, 'durationMinutes', { minimum: 15, maximum: 480 }, 60);
    return session.run(async (trx) => {
      const timeZone = await session.timeZone(trx);
      const startsAt = parseStartTime(startsAtText, timeZone);
      const previous = await loadCallersAppointment(trx, appointmentId, context, session);
      const moved = await rescheduleAppointment(
        trx,
        session.orgId,
        appointmentId,
        { startsAt, ...(durationMinutes === undefined ? {} : { durationMinutes }) },
        { now: session.now() },
      );
      return {
        rescheduled: true,
        previousStartsAt: previous.startsAt.toISOString(),
        ...summarizeAppointment(moved, timeZone),
      };
    });
  },
};
