import type { Logger } from '../../logging/logger.js';
import type { Migration } from './migrations/index.js';

/** One database session: migrations need a session-level lock and multi-statement scripts. */
export interface MigrationSession {
  query(sql: string, parameters?: readonly unknown[]): Promise<readonly Record<string, unknown>[]>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
}

/** Any fixed number: it names Switchboard's migration lock among advisory locks. */
const LOCK_NAMESPACE = 727_274;

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so that
 * two servers starting together do not race. Running it again applies nothing.
 */
export async function runMigrations(
  session: MigrationSession,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<{ applied: number[] }> {
  await session.query('select pg_advisory_lock($1, hashtext(current_schema()))', [LOCK_NAMESPACE]);
  try {
    await session.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`);
    const rows = await session.query('select version from schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await session.exec('begin');
      try {
        await session.exec(migration.sql);
        await session.query('insert into schema_migrations (version, name) values ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await session.exec('commit');
      } catch (error) {
        await session.exec('rollback');
        throw new Error(
          `database migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      applied.push(migration.version);
      logger.info(
        { version: migration.version, name: migration.name },
        'database migration applied',
      );
    }
    // Tenant work runs as switchboard_tenant, which sees only what RLS lets through.
    await session.exec(`do $$ begin
      execute format('grant usage on schema %I to switchboard_tenant', current_schema());
      execute format('grant select, insert, update, delete on all tables in schema %I to switchboard_tenant', current_schema());
      execute format('grant usage on all sequences in schema %I to switchboard_tenant', current_schema());
      execute format('revoke all on schema_migrations from switchboard_tenant');
    end $$`);
    return { applied };
  } finally {
    await session.query('select pg_advisory_unlock($1, hashtext(current_schema()))', [
      LOCK_NAMESPACE,
    ]);
  }
}
