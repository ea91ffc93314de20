import { toE164 } from '../../numbers/phone-numbers.js';
import {
  findCustomersByPhone,
  listUpcomingAppointments,
  listVehiclesByCustomer,
} from '../store/index.js';
import type { BookingToolSpec } from './booking-tool.js';
import { summarizeAppointment, summarizeVehicle } from './booking-tool-results.js';
import { optionalString } from './tool-arguments.js';

const maxCustomers = 5;

/**
 * `lookup_customer`: the customers whose phone is the caller's number (or a number the caller
 * said), each with vehicles and next appointment. Found customers become the caller's for the
 * rest of the call (see BookingCallSession). Nobody found: `{ found: false }`.
 */
export const lookupCustomerTool: BookingToolSpec = {
  name: 'lookup_customer',
  description:
    "Look up the caller's customer record by phone number: name, vehicles on file and next appointment. " +
    'Call it at the start of a service call. It uses the number the caller is calling from; pass phone only when the caller gives another number. ' +
    'Returns found: false when no customer has that number (then ask for their name to book as a new customer).',
  parameters: {
    type: 'object',
    properties: {
      phone: {
        type: 'string',
        description:
          'A phone number the caller said, with area code, e.g. "415 555 0123". Leave out to use the caller ID.',
      },
    },
    additionalProperties: false,
  },
  async execute(args, context, session) {
    const spokenPhone = optionalString(args, 'phone', 40);
    const phone =
      spokenPhone === undefined ? session.callerPhone(context) : toE164(spokenPhone, 'US');
    if (phone === undefined) {
      return {
        found: false,
        reason: 'The caller ID is withheld; ask for the phone number on file.',
      };
    }
    const result = await session.run(async (trx) => {
      const customers = (await findCustomersByPhone(trx, phone)).slice(0, maxCustomers);
      if (customers.length === 0) return { found: false as const };
      const ids = customers.map((customer) => customer.id);
      const timeZone = await session.timeZone(trx);
      const vehicles = await listVehiclesByCustomer(trx, ids);
      const upcoming = await listUpcomingAppointments(trx, ids, { now: session.now(), limit: 50 });
      return {
        found: true as const,
        customers: customers.map((customer) => {
          const next = upcoming.find((appointment) => appointment.customerId === customer.id);
          return {
            customerId: customer.id,
            firstName: customer.firstName,
            lastName: customer.lastName,
            vehicles: vehicles
              .filter((vehicle) => vehicle.customerId === customer.id)
              .map(summarizeVehicle),
            nextAppointment: next === undefined ? null : summarizeAppointment(next, timeZone),
          };
        }),
      };
    });
    if (result.found) session.establish(result.customers.map((customer) => customer.customerId));
    return result;
  },
};
