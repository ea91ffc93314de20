import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../platform/db/open-database.js';
import type { SwitchboardDatabase } from '../../platform/db/switchboard-database.js';

/** A backend the database tests run against. */
export interface TestBackend {
  readonly name: 'pglite' | 'postgres';
  /** A fresh, migrated database (PGlite in memory, or its own schema on the server). */
  open(): Promise<SwitchboardDatabase>;
}

/**
 * PGlite always; a real Postgres server when TEST_DATABASE_URL is set. CI sets
 * SWITCHBOARD_REQUIRE_POSTGRES=1 so a missing server fails the run instead of skipping half of it.
 */
export function testBackends(): TestBackend[] {
  const backends: TestBackend[] = [{ name: 'pglite', open: () => openDatabase() }];
  const url = process.env.TEST_DATABASE_URL;
  if (url !== undefined && url !== '') {
    backends.push({ name: 'postgres', open: () => openTestSchema(url) });
  } else if (process.env.SWITCHBOARD_REQUIRE_POSTGRES === '1') {
    throw new Error('SWITCHBOARD_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
  }
  return backends;
}

/** A database in a schema of its own, dropped when it is closed. */
export async function openTestSchema(databaseUrl: string): Promise<SwitchboardDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ databaseUrl, schema, maxConnections: 4 });
  const close = database.close.bind(database);
  Object.defineProperty(database, 'close', {
    value: async () => {
      await close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  });
  return database;
}
