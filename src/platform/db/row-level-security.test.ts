import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from './switchboard-database.js';
import { MIGRATIONS } from './migrations/index.js';

describe.each(testBackends())('database on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    database = await backend.open();
    [orgA, orgB] = (await database.asSystem('administration', async (db) => {
      const rows = await db
        .insertInto('organizations')
        .values([
          { name: 'A', slug: `a-${Math.random()}` },
          { name: 'B', slug: `b-${Math.random()}` },
        ])
        .returning('id')
        .execute();
      return rows.map((row) => row.id);
    })) as [string, string];
    await database.asSystem('administration', (db) =>
      db
        .insertInto('customers')
        .values([
          { org_id: orgA, first_name: 'Ann', last_name: 'A' },
          { org_id: orgB, first_name: 'Bob', last_name: 'B' },
        ])
        .execute(),
    );
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('records every migration once, and a second run applies nothing', async () => {
    const versions = await database.asSystem('administration', async (db) =>
      (
        await sql<{
          version: number;
        }>`select version from schema_migrations order by version`.execute(db)
      ).rows.map((row) => Number(row.version)),
    );
    expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('a raw query without an organisation filter sees only its own rows', async () => {
    const seenByA = await database.forOrganization(
      orgA,
      async (trx) =>
        (await sql<{ first_name: string }>`select first_name from customers`.execute(trx)).rows,
    );
    expect(seenByA.map((row) => row.first_name)).toEqual(['Ann']);
    const orgsSeenByB = await database.forOrganization(orgB, (trx) =>
      trx.selectFrom('organizations').select('id').execute(),
    );
    expect(orgsSeenByB.map((row) => row.id)).toEqual([orgB]);
  });

  it('cannot write a row into another organisation, nor update or delete its rows', async () => {
    await expect(
      database.forOrganization(orgA, (trx) =>
        trx
          .insertInto('customers')
          .values({ org_id: orgB, first_name: 'Eve', last_name: 'X' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await database.forOrganization(orgA, (trx) =>
      trx
        .updateTable('customers')
        .set({ notes: 'hacked' })
        .where('org_id', '=', orgB)
        .executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
    const deleted = await database.forOrganization(orgA, (trx) =>
      trx.deleteFrom('customers').executeTakeFirst(),
    );
    expect(Number(deleted.numDeletedRows)).toBe(1);
    const remaining = await database.asSystem('administration', (db) =>
      db.selectFrom('customers').select('first_name').execute(),
    );
    expect(remaining.map((row) => row.first_name)).toEqual(['Bob']);
  });
});
