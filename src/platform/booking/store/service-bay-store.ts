import type { TenantTransaction } from '../../db/switchboard-database.js';
import { isUuid } from './postgres-errors.js';

/** A lift or rack that takes one appointment at a time. Inactive bays take no new bookings. */
export interface ServiceBay {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

/** Adds a bay (names are unique per organisation). */
export async function createServiceBay(
  trx: TenantTransaction,
  orgId: string,
  input: { readonly name: string; readonly active?: boolean },
): Promise<ServiceBay> {
  return trx
    .insertInto('service_bays')
    .values({ org_id: orgId, name: input.name.trim(), active: input.active ?? true })
    .returning(['id', 'name', 'active'])
    .executeTakeFirstOrThrow();
}

/**
 * Bays ordered by name, which is also the order bookings fill them in. `activeOnly` leaves out
 * bays taken out of service.
 */
export async function listServiceBays(
  trx: TenantTransaction,
  options: { readonly activeOnly?: boolean } = {},
): Promise<ServiceBay[]> {
  let query = trx.selectFrom('service_bays').select(['id', 'name', 'active']);
  if (options.activeOnly === true) query = query.where('active', '=', true);
  return query.orderBy('name').orderBy('id').execute();
}

/** Takes a bay out of service or back; undefined when there is no such bay. Booked work stays. */
export async function setServiceBayActive(
  trx: TenantTransaction,
  id: string,
  active: boolean,
): Promise<ServiceBay | undefined> {
  if (!isUuid(id)) return undefined;
  return trx
    .updateTable('service_bays')
    .set({ active })
    .where('id', '=', id)
    .returning(['id', 'name', 'active'])
    .executeTakeFirst();
}
