import type { Selectable } from 'kysely';
import type { ServiceHistoryTable } from '../../db/database-schema.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { BookingNotFoundError } from './booking-errors.js';
import { pageLimit } from './list-page.js';
import { isUuid } from './postgres-errors.js';

/** Work done on a vehicle. `cost` is an exact decimal string such as "129.95". */
export interface ServiceRecord {
  readonly id: string;
  readonly vehicleId: string;
  readonly performedAt: Date;
  readonly serviceType: string;
  readonly mileage: number | null;
  readonly notes: string | null;
  readonly cost: string | null;
}

/** Fields for {@link addServiceRecord}. */
export interface NewServiceRecord {
  readonly vehicleId: string;
  readonly performedAt: Date;
  readonly serviceType: string;
  readonly mileage?: number | null;
  readonly notes?: string | null;
  /** A decimal string or number of currency units. */
  readonly cost?: string | number | null;
}

/** Records work done on a vehicle. @throws BookingNotFoundError for an unknown vehicle. */
export async function addServiceRecord(
  trx: TenantTransaction,
  orgId: string,
  input: NewServiceRecord,
): Promise<ServiceRecord> {
  // Checked under row-level security: the foreign key alone would accept another organisation's id.
  const vehicle = isUuid(input.vehicleId)
    ? await trx
        .selectFrom('vehicles')
        .select('id')
        .where('id', '=', input.vehicleId)
        .executeTakeFirst()
    : undefined;
  if (vehicle === undefined) throw new BookingNotFoundError('vehicle', input.vehicleId);
  const row = await trx
    .insertInto('service_history')
    .values({
      org_id: orgId,
      vehicle_id: input.vehicleId,
      performed_at: input.performedAt,
      service_type: input.serviceType.trim(),
      mileage: input.mileage ?? null,
      notes: input.notes ?? null,
      cost: input.cost ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toServiceRecord(row);
}

/** A vehicle's service history, most recent first (at most `limit`, default 50). */
export async function listServiceHistory(
  trx: TenantTransaction,
  vehicleId: string,
  options: { readonly limit?: number } = {},
): Promise<ServiceRecord[]> {
  if (!isUuid(vehicleId)) return [];
  const rows = await trx
    .selectFrom('service_history')
    .selectAll()
    .where('vehicle_id', '=', vehicleId)
    .orderBy('performed_at', 'desc')
    .orderBy('id')
    .limit(pageLimit(options.limit))
    .execute();
  return rows.map(toServiceRecord);
}

/** Maps a `service_history` row. */
export function toServiceRecord(row: Selectable<ServiceHistoryTable>): ServiceRecord {
  return {
    id: row.id,
    vehicleId: row.vehicle_id,
    performedAt: row.performed_at,
    serviceType: row.service_type,
    mileage: row.mileage,
    notes: row.notes,
    cost: row.cost,
  };
}
