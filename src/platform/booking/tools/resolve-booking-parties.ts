import type { ToolContext } from '../../../engine/tool.js';
import { SwitchboardError } from '../../../errors/index.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { toE164 } from '../../numbers/phone-numbers.js';
import {
  createCustomer,
  createVehicle,
  findCustomersByPhone,
  findVehicleByVin,
  getCustomer,
  getVehicle,
  InvalidBookingError,
  type Customer,
  type Vehicle,
} from '../store/index.js';
import type { BookingCallSession } from './booking-call-session.js';
import { ToolArgumentError } from './tool-arguments.js';

/** The error for a customer this call has not identified. */
export function notCallersCustomer(): SwitchboardError {
  return new SwitchboardError(
    'That customer has not been identified on this call. Use lookup_customer with the phone number on file first.',
    { code: 'not_callers_customer' },
  );
}

/** Who the booking is for, as the model described them. */
export interface CustomerRequest {
  readonly customerId?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly phone?: string;
}

/**
 * The customer to book for: an established customer by id, or by name with the caller's number
 * (an existing customer with that name and number is reused, otherwise one is created).
 */
export async function resolveCustomer(
  trx: TenantTransaction,
  request: CustomerRequest,
  context: ToolContext,
  session: BookingCallSession,
): Promise<{ customer: Customer; created: boolean }> {
  if (request.customerId !== undefined) {
    const customer = await getCustomer(trx, request.customerId);
    if (customer === undefined || !session.isCallersCustomer(customer, context))
      throw notCallersCustomer();
    return { customer, created: false };
  }
  if (request.firstName === undefined || request.lastName === undefined) {
    throw new ToolArgumentError(
      'Give customerId (from lookup_customer), or firstName and lastName to create a new customer.',
    );
  }
  const phone =
    request.phone === undefined ? session.callerPhone(context) : toE164(request.phone, 'US');
  const sameName = (customer: Customer): boolean =>
    customer.firstName.toLowerCase() === request.firstName?.toLowerCase() &&
    customer.lastName.toLowerCase() === request.lastName?.toLowerCase();
  const existing =
    phone === undefined ? undefined : (await findCustomersByPhone(trx, phone)).find(sameName);
  if (existing !== undefined) return { customer: existing, created: false };
  const customer = await createCustomer(trx, session.orgId, {
    firstName: request.firstName,
    lastName: request.lastName,
    phone: phone ?? null,
  });
  return { customer, created: true };
}

/**
 * The vehicle to book, if any: by id (it must be the customer's), or by VIN (the customer's
 * vehicle on file, or a new one; a VIN on file for someone else is refused).
 */
export async function resolveVehicle(
  trx: TenantTransaction,
  orgId: string,
  customer: Customer,
  request: { readonly vehicleId?: string; readonly vehicleVin?: string },
  now: Date,
): Promise<{ vehicle: Vehicle | undefined; created: boolean }> {
  if (request.vehicleId !== undefined) {
    const vehicle = await getVehicle(trx, request.vehicleId);
    if (vehicle === undefined || vehicle.customerId !== customer.id) {
      throw new InvalidBookingError(
        "That vehicleId is not one of this customer's vehicles; use one from lookup_customer.",
      );
    }
    return { vehicle, created: false };
  }
  if (request.vehicleVin === undefined) return { vehicle: undefined, created: false };
  const vin = request.vehicleVin.replace(/[\s-]/g, '');
  const onFile = await findVehicleByVin(trx, vin);
  if (onFile !== undefined) {
    if (onFile.customerId !== customer.id) {
      throw new InvalidBookingError(
        'That VIN is on file for a different customer; check the VIN with the caller.',
      );
    }
    return { vehicle: onFile, created: false };
  }
  const vehicle = await createVehicle(trx, orgId, { customerId: customer.id, vin }, { now });
  return { vehicle, created: true };
}
