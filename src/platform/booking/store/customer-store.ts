import { sql, type Selectable } from 'kysely';
import type { CustomersTable } from '../../db/database-schema.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import { toE164 } from '../../numbers/phone-numbers.js';
import { decodeStoreCursor, pageLimit, toPage, type Page, type PageOptions } from './list-page.js';
import { isUuid } from './postgres-errors.js';

/** A customer of the service department. `phone` is E.164. */
export interface Customer {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly notes: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Fields for {@link createCustomer}; a phone in any common form is stored as E.164. */
export interface NewCustomer {
  readonly firstName: string;
  readonly lastName: string;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly notes?: string | null;
}

/** Changes for {@link updateCustomer}; absent fields stay, null clears. */
export type CustomerChanges = Partial<NewCustomer>;

/** Options of {@link listCustomers}. */
export interface CustomerListOptions extends PageOptions {
  /** Part of a name ("smi", "john smith") or at least three digits of a phone number. */
  readonly search?: string;
}

/** A phone as E.164; numbers without a country code are read as US numbers. */
function normalizePhone(phone: string | null | undefined): string | null | undefined {
  return phone === undefined || phone === null ? phone : toE164(phone, 'US');
}

/** Creates a customer. @throws InvalidPhoneNumberError for a phone libphonenumber rejects. */
export async function createCustomer(
  trx: TenantTransaction,
  orgId: string,
  input: NewCustomer,
): Promise<Customer> {
  const row = await trx
    .insertInto('customers')
    .values({
      org_id: orgId,
      first_name: input.firstName.trim(),
      last_name: input.lastName.trim(),
      phone: normalizePhone(input.phone) ?? null,
      email: input.email?.trim() ?? null,
      notes: input.notes ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCustomer(row);
}

/** The customer with this id, or undefined (also for ids that are not UUIDs). */
export async function getCustomer(
  trx: TenantTransaction,
  id: string,
): Promise<Customer | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await trx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toCustomer(row);
}

/**
 * Customers ordered by (last name, first name, id), case-insensitively, which matches the
 * `customers_org_name_idx` index; the cursor carries those three values of the last row.
 */
export async function listCustomers(
  trx: TenantTransaction,
  options: CustomerListOptions = {},
): Promise<Page<Customer>> {
  const limit = pageLimit(options.limit);
  let query = trx.selectFrom('customers').selectAll();
  const search = options.search?.trim() ?? '';
  if (search !== '') {
    const digits = search.replace(/\D/g, '');
    const looksLikePhone = /^[\d\s()+.-]+$/.test(search) && digits.length >= 3;
    query = looksLikePhone
      ? query.where('phone', 'like', `%${digits}%`)
      : query.where(
          sql<boolean>`(first_name || ' ' || last_name) ilike ${`%${escapeLike(search)}%`}`,
        );
  }
  if (options.cursor !== undefined) {
    const [lastName, firstName, id] = decodeStoreCursor(options.cursor, 3);
    if (!isUuid(id)) return { items: [], nextCursor: null };
    query = query.where(
      sql<boolean>`(lower(last_name), lower(first_name), id) > (${lastName}, ${firstName}, ${id}::uuid)`,
    );
  }
  const rows = await query
    .orderBy(sql`lower(last_name)`)
    .orderBy(sql`lower(first_name)`)
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  return toPage(rows.map(toCustomer), limit, (customer) => [
    customer.lastName.toLowerCase(),
    customer.firstName.toLowerCase(),
    customer.id,
  ]);
}

/** Applies `changes`; undefined when there is no such customer. */
export async function updateCustomer(
  trx: TenantTransaction,
  id: string,
  changes: CustomerChanges,
): Promise<Customer | undefined> {
  if (!isUuid(id)) return undefined;
  const phone = normalizePhone(changes.phone);
  const row = await trx
    .updateTable('customers')
    .set({
      ...(changes.firstName !== undefined ? { first_name: changes.firstName.trim() } : {}),
      ...(changes.lastName !== undefined ? { last_name: changes.lastName.trim() } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(changes.email !== undefined ? { email: changes.email?.trim() ?? null } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toCustomer(row);
}

/** Deletes a customer with their vehicles and appointments; false when there was none. */
export async function deleteCustomer(trx: TenantTransaction, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await trx.deleteFrom('customers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Customers whose phone is this number (any common form; an invalid number finds nobody). */
export async function findCustomersByPhone(
  trx: TenantTransaction,
  phone: string,
): Promise<Customer[]> {
  let e164: string;
  try {
    e164 = toE164(phone, 'US');
  } catch (_error) {
    return [];
  }
  const rows = await trx
    .selectFrom('customers')
    .selectAll()
    .where('phone', '=', e164)
    .orderBy('last_name')
    .orderBy('first_name')
    .limit(20)
    .execute();
  return rows.map(toCustomer);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Maps a `customers` row. */
export function toCustomer(row: Selectable<CustomersTable>): Customer {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    email: row.email,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
