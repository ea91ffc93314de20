import { bookAppointment, DEFAULT_APPOINTMENT_MINUTES } from '../store/index.js';
import type { BookingToolSpec } from './booking-tool.js';
import { summarizeAppointment, summarizeVehicle } from './booking-tool-results.js';
import { parseStartTime } from './parse-start-time.js';
import { resolveCustomer, resolveVehicle } from './resolve-booking-parties.js';
import { optionalInteger, optionalString, requiredString } from './tool-arguments.js';

/**
 * `book_appointment`: books a service appointment for an identified customer or a new one, on
 * the first free bay, recording the call. Customer, vehicle and appointment are written in one
 * transaction, so a slot taken meanwhile leaves nothing half-done.
 */
export const bookAppointmentTool: BookingToolSpec = {
  name: 'book_appointment',
  description:
    'Book a service appointment. Confirm the time and the service with the caller before calling. ' +
    'For a known customer pass customerId from lookup_customer; for a new customer pass firstName and lastName (their phone defaults to the caller ID). ' +
    'Pass vehicleId from lookup_customer, or vehicleVin for a vehicle not on file. ' +
    'If the time was just taken, the error says so: offer another time from get_available_slots.',
  parameters: {
    type: 'object',
    properties: {
      customerId: { type: 'string', description: 'customerId from lookup_customer.' },
      firstName: { type: 'string', description: 'New customer: first name.' },
      lastName: { type: 'string', description: 'New customer: last name.' },
      phone: {
        type: 'string',
        description: 'New customer: phone number if it is not the number they are calling from.',
      },
      vehicleId: { type: 'string', description: 'vehicleId from lookup_customer.' },
      vehicleVin: {
        type: 'string',
        description: 'The 17-character VIN of a vehicle not on file yet.',
      },
      serviceType: {
        type: 'string',
        description: 'What to do, e.g. "oil change", "brake inspection".',
      },
      startsAt: {
        type: 'string',
        description:
          'Start time: a startsAt from get_available_slots, or local dealership time as YYYY-MM-DDTHH:MM.',
      },
      durationMinutes: {
        type: 'integer',
        minimum: 15,
        maximum: 480,
        description: 'Length in minutes. Default 60.',
      },
      notes: {
        type: 'string',
        description: 'Anything the technician should know (symptoms, requests).',
      },
    },
    required: ['serviceType', 'startsAt'],
    additionalProperties: false,
  },
  async execute(args, context, session) {
    const serviceType = requiredString(args, 'serviceType', 200);
    const startsAtText = requiredString(args, 'startsAt', 40);
    const durationMinutes = optionalInteger(
      args,
      'durationMinutes',
      { minimum: 15, maximum: 480 },
      DEFAULT_APPOINTMENT_MINUTES,
    );
    const notes = optionalString(args, 'notes', 1000);
    const customerRequest = optionals(args, ['customerId', 'firstName', 'lastName', 'phone']);
    const vehicleRequest = optionals(args, ['vehicleId', 'vehicleVin']);
    const now = session.now();
    const booked = await session.run(async (trx) => {
      const timeZone = await session.timeZone(trx);
      const startsAt = parseStartTime(startsAtText, timeZone);
      const { customer, created } = await resolveCustomer(trx, customerRequest, context, session);
      const { vehicle } = await resolveVehicle(trx, session.orgId, customer, vehicleRequest, now);
      const appointment = await bookAppointment(
        trx,
        session.orgId,
        {
          customerId: customer.id,
          vehicleId: vehicle?.id ?? null,
          serviceType,
          startsAt,
          durationMinutes,
          notes: notes ?? null,
          callId: session.callId,
        },
        { now },
      );
      return {
        booked: true as const,
        customerCreated: created,
        customerName: `${customer.firstName} ${customer.lastName}`,
        ...(vehicle === undefined ? {} : { vehicle: summarizeVehicle(vehicle) }),
        ...summarizeAppointment(appointment, timeZone),
      };
    });
    session.establish([booked.customerId]);
    return booked;
  },
};

function optionals<const Name extends string>(
  args: Readonly<Record<string, unknown>>,
  names: readonly Name[],
): Partial<Record<Name, string>> {
  const result: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = optionalString(args, name, 200);
    if (value !== undefined) result[name] = value;
  }
  return result;
}
