import { sql, type Selectable } from 'kysely';
import type { AppointmentStatus, AppointmentsTable } from '../../db/database-schema.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { decodeStoreCursor, pageLimit, toPage, type Page, type PageOptions } from './list-page.js';
import { isUuid } from './postgres-errors.js';

/** An appointment on one service bay over [startsAt, endsAt). */
export interface Appointment {
  readonly id: string;
  readonly customerId: string;
  readonly vehicleId: string | null;
  readonly bayId: string;
  readonly serviceType: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly status: AppointmentStatus;
  readonly notes: string | null;
  readonly cancelReason: string | null;
  /** The call during which it was booked, if any. */
  readonly callId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Filters of {@link listAppointments}; all optional and combined with "and". */
export interface AppointmentListOptions extends PageOptions {
  /** Appointments starting at or after this instant. */
  readonly from?: Date;
  /** Appointments starting before this instant. */
  readonly to?: Date;
  readonly status?: AppointmentStatus | readonly AppointmentStatus[];
  readonly customerId?: string;
  readonly vehicleId?: string;
}

/** The appointment with this id, or undefined. */
export async function getAppointment(
  trx: TenantTransaction,
  id: string,
): Promise<Appointment | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await trx
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toAppointment(row);
}

/** Appointments ordered by (startsAt, id); the cursor carries those values of the last row. */
export async function listAppointments(
  trx: TenantTransaction,
  options: AppointmentListOptions = {},
): Promise<Page<Appointment>> {
  const limit = pageLimit(options.limit);
  let query = trx.selectFrom('appointments').selectAll();
  if (options.from !== undefined) query = query.where('starts_at', '>=', options.from);
  if (options.to !== undefined) query = query.where('starts_at', '<', options.to);
  if (options.status !== undefined) {
    const statuses = typeof options.status === 'string' ? [options.status] : [...options.status];
    if (statuses.length === 0) return { items: [], nextCursor: null };
    query = query.where('status', 'in', statuses);
  }
  for (const [column, id] of [
    ['customer_id', options.customerId],
    ['vehicle_id', options.vehicleId],
  ] as const) {
    if (id === undefined) continue;
    if (!isUuid(id)) return { items: [], nextCursor: null };
    query = query.where(column, '=', id);
  }
  if (options.cursor !== undefined) {
    const [startsAt, id] = decodeStoreCursor(options.cursor, 2);
    const instant = new Date(startsAt ?? '');
    if (!isUuid(id) || Number.isNaN(instant.getTime())) return { items: [], nextCursor: null };
    query = query.where(
      sql<boolean>`(starts_at, id) > (${instant.toISOString()}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return toPage(rows.map(toAppointment), limit, (appointment) => [
    appointment.startsAt.toISOString(),
    appointment.id,
  ]);
}

/** Booked appointments of these customers that start at or after `now`, earliest first. */
export async function listUpcomingAppointments(
  trx: TenantTransaction,
  customerIds: string | readonly string[],
  options: { readonly now?: Date; readonly limit?: number } = {},
): Promise<Appointment[]> {
  const ids = (typeof customerIds === 'string' ? [customerIds] : [...customerIds]).filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('appointments')
    .selectAll()
    .where('customer_id', 'in', ids)
    .where('status', '=', 'booked')
    .where('starts_at', '>=', options.now ?? new Date())
    .orderBy('starts_at')
    .orderBy('id')
    .limit(pageLimit(options.limit ?? 10))
    .execute();
  return rows.map(toAppointment);
}

/** Maps an `appointments` row. */
export function toAppointment(row: Selectable<AppointmentsTable>): Appointment {
  return {
    id: row.id,
    customerId: row.customer_id,
    vehicleId: row.vehicle_id,
    bayId: row.bay_id,
    serviceType: row.service_type,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    notes: row.notes,
    cancelReason: row.cancel_reason,
    callId: row.call_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
