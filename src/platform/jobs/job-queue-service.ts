import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import { fromTransaction, startJobQueue } from './job-queue.js';
import type { OrganizationJobData } from './job-runner.js';
import { signalJobQueued } from './jobs-queued.js';

/** The queues Switchboard runs, with their retry policy. */
export const JOB_QUEUES = {
  /** Post-call analysis: LLM calls fail transiently, so several spaced retries. */
  analyzeCall: { name: 'analyze-call', retryLimit: 6, retryDelay: 15 },
  /** Emails: SMTP servers greylist and restart; retries span about an hour. */
  sendEmail: { name: 'send-email', retryLimit: 8, retryDelay: 15 },
} as const;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES]['name'];
export const JOB_QUEUE_NAMES: readonly JobQueueName[] = Object.values(JOB_QUEUES).map(
  (queue) => queue.name,
);
export const JOB_STATES = [
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A job as the API shows it. */
export interface JobRecord {
  readonly id: string;
  readonly queue: string;
  readonly state: JobState;
  readonly data: Record<string, unknown>;
  readonly attempts: number;
  readonly retryLimit: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  /** What the last failure said (pg-boss keeps the error as the job's output). */
  readonly lastError: string | null;
  /** Microseconds since the epoch of `createdAt`, for keyset pages. */
  readonly createdMicros: string;
}

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: Record<string, unknown>;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: unknown;
  created_micros: string;
}

function errorOf(output: unknown): string | null {
  if (output !== null && typeof output === 'object' && 'message' in output) {
    const message = (output as { message: unknown }).message;
    return typeof message === 'string' ? message : null;
  }
  return null;
}

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    data: row.data,
    attempts: row.state === 'created' ? 0 : row.retry_count + (row.started_on === null ? 0 : 1),
    retryLimit: row.retry_limit,
    createdAt: new Date(row.created_on).toISOString(),
    startedAt: row.started_on === null ? null : new Date(row.started_on).toISOString(),
    completedAt: row.completed_on === null ? null : new Date(row.completed_on).toISOString(),
    lastError: row.state === 'completed' ? null : errorOf(row.output),
    createdMicros: row.created_micros,
  };
}

/**
 * The durable job queue as the platform uses it: pg-boss on Switchboard's database, its queues
 * created, jobs enqueued inside the transaction of the change that causes them, and an
 * organisation's jobs listed and replayed through the API.
 */
export class JobQueue {
  readonly boss: PgBoss;
  readonly #database: SwitchboardDatabase;
  readonly #schema: string;

  private constructor(boss: PgBoss, database: SwitchboardDatabase, schema: string) {
    this.boss = boss;
    this.#database = database;
    this.#schema = schema;
  }

  static async start(options: {
    readonly database: SwitchboardDatabase;
    readonly schema?: string;
    readonly logger: Logger;
  }): Promise<JobQueue> {
    const schema = options.schema ?? 'pgboss';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid job queue schema "${schema}"`);
    const boss = await startJobQueue({ ...options, schema });
    for (const queue of Object.values(JOB_QUEUES)) {
      if ((await boss.getQueue(queue.name)) === null) {
        await boss.createQueue(queue.name, {
          name: queue.name,
          retryLimit: queue.retryLimit,
          retryDelay: queue.retryDelay,
          retryBackoff: true,
          expireInSeconds: 15 * 60,
        });
      }
    }
    // Tenant transactions enqueue follow-up work next to their own writes; the tenant role may
    // add jobs and read back their ids, and nothing else in the queue's schema.
    await options.database.runScript(
      'jobs',
      `grant usage on schema ${schema} to switchboard_tenant;
       grant select on ${schema}.queue to switchboard_tenant;
       grant insert on ${schema}.job to switchboard_tenant;
       grant select (id) on ${schema}.job to switchboard_tenant;`,
    );
    return new JobQueue(boss, options.database, schema);
  }

  /**
   * Adds a job in `trx`: it exists only if the transaction commits, and this process's runner is
   * woken the moment it does. `id` makes the enqueue idempotent (a second one is ignored).
   */
  async enqueue<T extends OrganizationJobData>(
    trx: TenantTransaction,
    queue: JobQueueName,
    data: T,
    options: {
      readonly id?: string;
      readonly startAfterSeconds?: number;
      /** Overrides the queue's retry policy for this job. */
      readonly retry?: { readonly limit: number; readonly delaySeconds: number };
    } = {},
  ): Promise<string> {
    const id = options.id ?? randomUUID();
    await this.boss.send(queue, data as object, {
      id,
      db: fromTransaction(trx),
      ...(options.retry !== undefined
        ? { retryLimit: options.retry.limit, retryDelay: options.retry.delaySeconds }
        : {}),
      ...(options.startAfterSeconds !== undefined ? { startAfter: options.startAfterSeconds } : {}),
    });
    signalJobQueued(trx, queue);
    return id;
  }

  /** The columns a {@link JobRecord} is made from, and the table. */
  #jobColumns() {
    return sql`select id, name, state, data, retry_count, retry_limit, created_on, started_on,
        completed_on, output,
        (extract(epoch from created_on) * 1000000)::bigint::text as created_micros
      from ${sql.table(`${this.#schema}.job`)}`;
  }

  /** An organisation's jobs, newest first, `limit + 1` rows for the page helper. */
  async list(
    orgId: string,
    filters: { readonly state?: JobState; readonly queue?: JobQueueName },
    page: { readonly limit: number; readonly before?: { micros: string; id: string } },
  ): Promise<JobRecord[]> {
    const result = await this.#database.asSystem('jobs', (db) =>
      sql<JobRow>`
        ${this.#jobColumns()}
        where name = any(${[...JOB_QUEUE_NAMES]}::text[])
          and data->>'orgId' = ${orgId}
          ${filters.state !== undefined ? sql`and state = ${filters.state}::${sql.raw(this.#schema)}.job_state` : sql``}
          ${filters.queue !== undefined ? sql`and name = ${filters.queue}` : sql``}
          ${
            page.before !== undefined
              ? sql`and ((extract(epoch from created_on) * 1000000)::bigint, id) < (${page.before.micros}::bigint, ${page.before.id}::uuid)`
              : sql``
          }
        order by created_on desc, id desc
        limit ${page.limit + 1}`.execute(db),
    );
    return result.rows.map(toRecord);
  }

  async get(orgId: string, id: string): Promise<JobRecord | undefined> {
    const result = await this.#database.asSystem('jobs', (db) =>
      sql<JobRow>`
        ${this.#jobColumns()}
        where id = ${id}::uuid and data->>'orgId' = ${orgId}
          and name = any(${[...JOB_QUEUE_NAMES]}::text[])`.execute(db),
    );
    const row = result.rows[0];
    return row === undefined ? undefined : toRecord(row);
  }

  /**
   * Puts jobs left `active` by a process that died back in line. Only safe when no other process
   * can be running them: the embedded database, which one process opens at a time. With a
   * database server, such jobs come back when their expiry passes instead.
   */
  async reclaimOrphans(): Promise<number> {
    const rows = await this.#database.runScript(
      'jobs',
      `with reclaimed as (
         update ${this.#schema}.job set state = 'retry', start_after = now()
         where state = 'active' and name in (${JOB_QUEUE_NAMES.map((name) => `'${name}'`).join(', ')})
         returning 1
       ) select count(*)::int as count from reclaimed`,
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Runs a dead-lettered (failed) job again. False when it is not the organisation's or not failed. */
  async retry(orgId: string, id: string): Promise<boolean> {
    const job = await this.get(orgId, id);
    if (job === undefined || job.state !== 'failed') return false;
    await this.boss.retry(job.queue, id);
    return true;
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}
