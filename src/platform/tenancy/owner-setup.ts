import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createUser, type User } from './users.js';

/** Whether the installation has an owner yet: the dashboard's first run offers to create one. */
export async function ownerExists(database: SwitchboardDatabase): Promise<boolean> {
  const row = await database.asSystem('authentication', (db) =>
    db.selectFrom('users').select('id').where('role', '=', 'owner').limit(1).executeTakeFirst(),
  );
  return row !== undefined;
}

/**
 * Creates the owner of an organisation that has none. The organisation's row is locked so two
 * simultaneous first runs cannot both succeed; the loser gets `undefined`.
 */
export async function createOwner(
  database: SwitchboardDatabase,
  orgId: string,
  input: { email: string; password: string; name?: string },
): Promise<User | undefined> {
  return database.forOrganization(orgId, async (trx) => {
    await trx
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', orgId)
      .forUpdate()
      .execute();
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'owner')
      .limit(1)
      .executeTakeFirst();
    if (existing !== undefined) return undefined;
    return createUser(trx, orgId, { ...input, role: 'owner' });
  });
}
