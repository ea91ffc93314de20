import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { DatabaseSchema } from './database-schema.js';
import { MIGRATIONS } from './migrations/index.js';
import { createPgliteDialect } from './pglite-dialect.js';
import { startPgliteWorker } from './pglite-worker-client.js';
import { runMigrations, type MigrationSession } from './run-migrations.js';
import { SwitchboardDatabase } from './switchboard-database.js';

export interface OpenDatabaseOptions {
  /** `postgres://…` for a real server; absent: embedded PGlite. */
  readonly databaseUrl?: string;
  /** PGlite's data folder; absent: in memory (tests). */
  readonly dataDir?: string;
  /** Postgres schema to work in (tests use one per file); default `public`. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Apply pending migrations before returning (default true). */
  readonly migrate?: boolean;
  readonly logger?: Logger;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the database, applies migrations and returns the tenant-aware handle. */
export async function openDatabase(
  options: OpenDatabaseOptions = {},
): Promise<SwitchboardDatabase> {
  const logger = options.logger ?? silentLogger;
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`database schema name ${JSON.stringify(schema)} is not a plain identifier`);
  return options.databaseUrl === undefined
    ? openPglite(options.dataDir, options.migrate ?? true, logger)
    : openPostgres(options.databaseUrl, schema, options, logger);
}

async function openPglite(
  dataDir: string | undefined,
  migrate: boolean,
  logger: Logger,
): Promise<SwitchboardDatabase> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  // In a worker thread: PGlite runs statements synchronously on its thread (see pglite-worker-source.ts).
  const pglite = await startPgliteWorker(dataDir);
  if (migrate) {
    const session: MigrationSession = {
      query: async (text, parameters) =>
        (await pglite.query<Record<string, unknown>>(text, [...(parameters ?? [])])).rows,
      exec: async (script) => {
        await pglite.exec(script);
      },
    };
    await runMigrations(session, MIGRATIONS, logger);
  }
  const db = new Kysely<DatabaseSchema>({ dialect: createPgliteDialect(pglite) });
  return new SwitchboardDatabase(
    'pglite',
    db,
    async () => {
      await db.destroy();
      await pglite.close();
    },
    // Holding Kysely's one connection keeps the script from landing inside someone's transaction.
    (script) => db.connection().execute(() => pglite.exec(script)),
  );
}

async function openPostgres(
  databaseUrl: string,
  schema: string,
  options: OpenDatabaseOptions,
  logger: Logger,
): Promise<SwitchboardDatabase> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    options: `-c search_path=${schema},public`,
  });
  // An idle client losing its server is reported here; without a listener it would crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'database connection lost'));
  // So is a checked-out client that loses it between two statements (inside a transaction, say):
  // the pool listens only to idle clients. The statement that uses it next fails and is retried
  // by its caller; the pool drops the dead client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) =>
      logger.warn({ err: error }, 'database connection lost while in use'),
    );
  });
  if (schema !== 'public') await pool.query(`create schema if not exists ${schema}`);
  if (options.migrate ?? true) {
    const client = await pool.connect();
    try {
      const session: MigrationSession = {
        query: async (text, parameters) =>
          (await client.query(text, [...(parameters ?? [])])).rows as Record<string, unknown>[],
        exec: async (script) => {
          await client.query(script);
        },
      };
      await runMigrations(session, MIGRATIONS, logger);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return new SwitchboardDatabase(
    'postgres',
    db,
    () => db.destroy(),
    async (script) => {
      // No parameters: the simple protocol, which takes several statements and answers each.
      const result = (await pool.query(script)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last?.rows ?? []) as Record<string, unknown>[];
    },
  );
}
