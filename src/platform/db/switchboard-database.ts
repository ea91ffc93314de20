import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';

export type DatabaseBackend = 'pglite' | 'postgres';
export type TenantTransaction = Transaction<DatabaseSchema>;
export type SystemDatabase = Kysely<DatabaseSchema>;

/** Why a piece of code reads or writes across organisations; kept so such paths are greppable. */
export type SystemPurpose =
  | 'routing'
  | 'authentication'
  | 'recovery'
  | 'provisioning'
  | 'call-records'
  | 'seeding'
  | 'jobs'
  | 'administration';

const afterCommitCallbacks = new WeakMap<TenantTransaction, (() => void)[]>();

/**
 * Runs `callback` once `trx` (from `forOrganization` or `transaction`) has committed, never when
 * it rolls back: how work queued inside a transaction wakes its worker only once the work is
 * really there. Code deep in a transaction needs only the transaction to use it.
 */
export function afterCommit(trx: TenantTransaction, callback: () => void): void {
  const callbacks = afterCommitCallbacks.get(trx);
  if (callbacks === undefined) afterCommitCallbacks.set(trx, [callback]);
  else callbacks.push(callback);
}

function runAfterCommit(trx: TenantTransaction): void {
  const callbacks = afterCommitCallbacks.get(trx);
  if (callbacks === undefined) return;
  afterCommitCallbacks.delete(trx);
  for (const callback of callbacks) {
    try {
      callback();
    } catch (_error) {
      // A wake-up signal that throws must not turn a committed transaction into a failure.
    }
  }
}

/**
 * The database as the rest of Switchboard sees it. There are two doors:
 * - `forOrganization` runs work in a transaction as the `switchboard_tenant` role with the
 *   organisation set, so Postgres row-level security hides every other organisation's rows even
 *   from a query that forgets its filter;
 * - `asSystem` hands out the owner connection, which row-level security does not restrict, and
 *   names its purpose. Only the router, authentication, recovery, record writing, provisioning and
 *   seeding use it.
 */
export class SwitchboardDatabase {
  readonly backend: DatabaseBackend;
  readonly #db: Kysely<DatabaseSchema>;
  readonly #close: () => Promise<void>;
  readonly #runScript: (script: string) => Promise<Record<string, unknown>[]>;

  constructor(
    backend: DatabaseBackend,
    db: Kysely<DatabaseSchema>,
    close: () => Promise<void>,
    runScript: (script: string) => Promise<Record<string, unknown>[]>,
  ) {
    this.backend = backend;
    this.#db = db;
    this.#close = close;
    this.#runScript = runScript;
  }

  /**
   * Runs SQL without parameters, possibly several statements, on the owner connection (other
   * libraries' migrations, such as the job queue's), and resolves with the last statement's rows.
   * A system door: it names no organisation.
   */
  runScript(_purpose: SystemPurpose, script: string): Promise<Record<string, unknown>[]> {
    return this.#runScript(script);
  }

  /** Runs `work` in one transaction that can only see organisation `orgId`. */
  async forOrganization<T>(
    orgId: string,
    work: (trx: TenantTransaction) => Promise<T>,
  ): Promise<T> {
    let committed: TenantTransaction | undefined;
    const result = await this.#db.transaction().execute(async (trx) => {
      committed = trx;
      await sql`select set_config('app.org_id', ${orgId}, true), set_config('role', 'switchboard_tenant', true)`.execute(
        trx,
      );
      return work(trx);
    });
    if (committed !== undefined) runAfterCommit(committed);
    return result;
  }

  /** A transaction on the owner connection (system work), with `afterCommit` support. */
  async transaction<T>(
    _purpose: SystemPurpose,
    work: (trx: TenantTransaction) => Promise<T>,
  ): Promise<T> {
    let committed: TenantTransaction | undefined;
    const result = await this.#db.transaction().execute(async (trx) => {
      committed = trx;
      return work(trx);
    });
    if (committed !== undefined) runAfterCommit(committed);
    return result;
  }

  /** The unrestricted connection, for work that must span organisations. */
  asSystem<T>(_purpose: SystemPurpose, work: (db: SystemDatabase) => Promise<T>): Promise<T> {
    return work(this.#db);
  }

  /** Checks the database answers (readiness). */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }

  close(): Promise<void> {
    return this.#close();
  }
}
