import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import { hashPassword, verifyPassword } from './password-hash.js';

export type UserRole = 'owner' | 'admin' | 'viewer';

export interface User {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: UserRole;
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
}

const USER_COLUMNS = [
  'id',
  'org_id',
  'email',
  'name',
  'role',
  'created_at',
  'last_login_at',
] as const;

export async function createUser(
  trx: TenantTransaction,
  orgId: string,
  input: { email: string; password: string; name?: string; role: UserRole },
): Promise<User> {
  const row = await trx
    .insertInto('users')
    .values({
      org_id: orgId,
      email: input.email.trim().toLowerCase(),
      name: input.name ?? null,
      password_hash: await hashPassword(input.password),
      role: input.role,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function listUsers(trx: TenantTransaction): Promise<User[]> {
  const rows = await trx.selectFrom('users').select(USER_COLUMNS).orderBy('created_at').execute();
  return rows.map(toUser);
}

export async function getUser(trx: TenantTransaction, userId: string): Promise<User | undefined> {
  const row = await trx
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function deleteUser(trx: TenantTransaction, userId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('users')
    .where('id', '=', userId)
    .where('role', '!=', 'owner')
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Signs a user in by email and password. Runs before any organisation is known, hence the system
 * door. A wrong email costs the same time as a wrong password.
 */
export async function authenticateUser(
  database: SwitchboardDatabase,
  email: string,
  password: string,
): Promise<User | undefined> {
  return database.asSystem('authentication', async (db) => {
    const row = await db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'password_hash'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
      .executeTakeFirst();
    const valid = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (row === undefined || !valid) return undefined;
    await db
      .updateTable('users')
      .set({ last_login_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    return toUser(row);
  });
}

/** A hash of nothing in particular, verified when the email is unknown to even out timing. */
const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function toUser(row: {
  id: string;
  org_id: string;
  email: string;
  name: string | null;
  role: UserRole;
  created_at: Date;
  last_login_at: Date | null;
}): User {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}
