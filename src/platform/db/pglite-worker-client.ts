import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { pgliteWorkerSource } from './pglite-worker-source.js';

/** What the Kysely dialect and the migrations need from an embedded database. */
export interface EmbeddedDatabase {
  query<R>(
    sql: string,
    parameters: readonly unknown[],
  ): Promise<{ rows: R[]; affectedRows?: number }>;
  /** Runs several statements without parameters; resolves with the last one's rows. */
  exec(script: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

interface Answer {
  readonly id: number;
  readonly ready?: boolean;
  readonly rows?: unknown[];
  readonly affectedRows?: number;
  readonly error?: { readonly message: string } & Record<string, string>;
}

/** A PostgreSQL error re-created on this side of the thread, with its fields (`code`…). */
export class EmbeddedDatabaseError extends Error {
  readonly code: string | undefined;
  constructor(fields: { readonly message: string } & Record<string, string>) {
    super(fields.message);
    this.name = 'EmbeddedDatabaseError';
    Object.assign(this, fields);
    this.code = fields.code;
  }
}

/** Starts PGlite in a worker thread (data in `dataDir`, or in memory) and resolves once it is ready. */
export function startPgliteWorker(dataDir: string | undefined): Promise<EmbeddedDatabase> {
  const require = createRequire(import.meta.url);
  const worker = new Worker(pgliteWorkerSource, {
    eval: true,
    workerData: {
      dataDir,
      pglitePath: require.resolve('@electric-sql/pglite'),
      btreeGistPath: require.resolve('@electric-sql/pglite/contrib/btree_gist'),
    },
    // Plain CommonJS: the parent's loaders (tsx, vitest) would only slow it down.
    execArgv: [],
  });
  const pending = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) =>
    failAll(new Error(`the embedded database thread stopped (exit code ${code})`)),
  );

  const send = (message: Record<string, unknown>): Promise<Answer> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<Answer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  };

  return new Promise<EmbeddedDatabase>((resolve, reject) => {
    worker.on('message', (answer: Answer) => {
      if (answer.id === 0) {
        if (answer.error !== undefined) reject(new EmbeddedDatabaseError(answer.error));
        else resolve(database);
        return;
      }
      const request = pending.get(answer.id);
      if (request === undefined) return;
      pending.delete(answer.id);
      if (answer.error !== undefined) request.reject(new EmbeddedDatabaseError(answer.error));
      else request.resolve(answer);
    });
    worker.once('error', reject);
    const database: EmbeddedDatabase = {
      async query<R>(sql: string, parameters: readonly unknown[]) {
        const answer = await send({ kind: 'query', sql, parameters });
        return {
          rows: (answer.rows ?? []) as R[],
          ...(answer.affectedRows !== undefined ? { affectedRows: answer.affectedRows } : {}),
        };
      },
      async exec(script: string) {
        return ((await send({ kind: 'exec', sql: script })).rows ?? []) as Record<
          string,
          unknown
        >[];
      },
      async close() {
        await send({ kind: 'close' }).catch(() => undefined);
        await worker.terminate();
      },
    };
  });
}
