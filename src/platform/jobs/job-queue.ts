import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from '../../logging/logger.js';
import type { DatabaseSchema } from '../db/database-schema.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';

/** pg-boss's one-method view of a database. */
type JobDatabase = PgBoss.Db;

/**
 * The queue's database seam over one of ours: parameterised statements go through Kysely (so on
 * the embedded engine they queue for its one connection like everything else); parameterless
 * scripts (pg-boss's migrations send several statements at once) go through `runScript`.
 */
export function fromSwitchboardDatabase(database: SwitchboardDatabase): JobDatabase {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      if (values.length === 0) return { rows: await database.runScript('jobs', text) };
      const result = await database.asSystem('jobs', (db) =>
        db.executeQuery(CompiledQuery.raw(text, values)),
      );
      return { rows: [...result.rows] };
    },
  };
}

/**
 * A transaction as the queue's database, so a job is enqueued in the same transaction as the
 * record change that causes it: both happen, or neither.
 */
export function fromTransaction(
  trx: Transaction<DatabaseSchema> | Kysely<DatabaseSchema>,
): JobDatabase {
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}

export interface JobQueueOptions {
  readonly database: SwitchboardDatabase;
  /** Schema the queue keeps its tables in (default `pgboss`; tests use one each). */
  readonly schema?: string;
  readonly logger: Logger;
}

/**
 * Starts the durable job queue (pg-boss 10) on Switchboard's own database, embedded or server:
 * jobs survive restarts, retry with backoff, and land in a dead-letter queue when they run out of
 * attempts.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    db: fromSwitchboardDatabase(options.database),
    schema: options.schema ?? 'pgboss',
    // Maintenance and monitoring run on timers in this process; the embedded engine is one process's.
    supervise: true,
  });
  boss.on('error', (error: Error) => options.logger.error({ err: error }, 'job queue error'));
  await boss.start();
  return boss;
}
