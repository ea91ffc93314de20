import type { Selectable } from 'kysely';
import type { VehiclesTable } from '../../db/database-schema.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { decodeVin, normalizeVin, validateVin } from '../vin/index.js';
import {
  BookingNotFoundError,
  DuplicateVinError,
  InvalidBookingError,
  InvalidVinError,
} from './booking-errors.js';
import { isUuid } from './postgres-errors.js';

/** A customer's vehicle. `make` and `modelYear` come from the VIN unless given. */
export interface Vehicle {
  readonly id: string;
  readonly customerId: string;
  readonly vin: string;
  readonly make: string | null;
  readonly model: string | null;
  readonly modelYear: number | null;
  readonly mileage: number | null;
  readonly createdAt: Date;
}

/** Fields for {@link createVehicle}. */
export interface NewVehicle {
  readonly customerId: string;
  readonly vin: string;
  readonly make?: string | null;
  readonly model?: string | null;
  readonly modelYear?: number | null;
  readonly mileage?: number | null;
}

/**
 * Adds a vehicle. The VIN must pass validateVin (check digit included); make and model year are
 * decoded from it when not given. `now` picks among model years 30 years apart.
 *
 * @throws InvalidVinError with validateVin's reason; BookingNotFoundError for an unknown customer;
 *   DuplicateVinError when the VIN is already on file (the transaction stays usable).
 */
export async function createVehicle(
  trx: TenantTransaction,
  orgId: string,
  input: NewVehicle,
  options: { now?: Date } = {},
): Promise<Vehicle> {
  const validation = validateVin(input.vin);
  if (!validation.valid)
    throw new InvalidVinError(normalizeVin(String(input.vin)), validation.reason);
  checkMileage(input.mileage);
  // Checked under row-level security: a foreign key alone would accept another organisation's id.
  const customer = isUuid(input.customerId)
    ? await trx
        .selectFrom('customers')
        .select('id')
        .where('id', '=', input.customerId)
        .executeTakeFirst()
    : undefined;
  if (customer === undefined) throw new BookingNotFoundError('customer', input.customerId);
  const decoded = decodeVin(validation.vin, options.now === undefined ? {} : { now: options.now });
  const row = await trx
    .insertInto('vehicles')
    .values({
      org_id: orgId,
      customer_id: input.customerId,
      vin: validation.vin,
      make: input.make ?? decoded.manufacturer ?? null,
      model: input.model ?? null,
      model_year: input.modelYear ?? decoded.modelYear ?? null,
      mileage: input.mileage ?? null,
    })
    .onConflict((conflict) => conflict.columns(['org_id', 'vin']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new DuplicateVinError(validation.vin);
  return toVehicle(row);
}

/** The vehicle with this id, or undefined. */
export async function getVehicle(trx: TenantTransaction, id: string): Promise<Vehicle | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await trx.selectFrom('vehicles').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toVehicle(row);
}

/** The vehicle with this VIN (trimmed and upper-cased first), or undefined. */
export async function findVehicleByVin(
  trx: TenantTransaction,
  vin: string,
): Promise<Vehicle | undefined> {
  const row = await trx
    .selectFrom('vehicles')
    .selectAll()
    .where('vin', '=', normalizeVin(vin))
    .executeTakeFirst();
  return row === undefined ? undefined : toVehicle(row);
}

/** The vehicles of one or more customers, oldest first. */
export async function listVehiclesByCustomer(
  trx: TenantTransaction,
  customerIds: string | readonly string[],
): Promise<Vehicle[]> {
  const ids = (typeof customerIds === 'string' ? [customerIds] : [...customerIds]).filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('vehicles')
    .selectAll()
    .where('customer_id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toVehicle);
}

/** Records a new odometer reading; undefined when there is no such vehicle. */
export async function updateVehicleMileage(
  trx: TenantTransaction,
  id: string,
  mileage: number,
): Promise<Vehicle | undefined> {
  checkMileage(mileage);
  if (!isUuid(id)) return undefined;
  const row = await trx
    .updateTable('vehicles')
    .set({ mileage })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toVehicle(row);
}

function checkMileage(mileage: number | null | undefined): void {
  if (mileage === undefined || mileage === null) return;
  if (!Number.isInteger(mileage) || mileage < 0 || mileage > 2_000_000) {
    throw new InvalidBookingError(
      `Mileage must be a whole number from 0 to 2,000,000, got ${mileage}.`,
    );
  }
}

/** Maps a `vehicles` row. */
export function toVehicle(row: Selectable<VehiclesTable>): Vehicle {
  return {
    id: row.id,
    customerId: row.customer_id,
    vin: row.vin,
    make: row.make,
    model: row.model,
    modelYear: row.model_year,
    mileage: row.mileage,
    createdAt: row.created_at,
  };
}
