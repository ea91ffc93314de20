import type PgBoss from 'pg-boss';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { onJobsQueued } from './jobs-queued.js';

/** Every job carries its organisation: limits, logs and the API's view are per organisation. */
export interface OrganizationJobData {
  readonly orgId: string;
}

/** A job as a handler sees it. */
export interface RunningJob<T extends OrganizationJobData> {
  readonly id: string;
  readonly queue: string;
  readonly data: T;
  /** Attempts before this one. */
  readonly retryCount: number;
  readonly retryLimit: number;
}

export type JobHandler<T extends OrganizationJobData> = (job: RunningJob<T>) => Promise<void>;

export interface QueueWorkerOptions {
  /** Jobs of this queue running at once, all organisations together (default 4). */
  readonly concurrency?: number;
  /** Jobs of this queue running at once for one organisation (default 2). */
  readonly perOrganization?: number;
}

interface QueueState {
  readonly name: string;
  readonly handler: JobHandler<OrganizationJobData>;
  readonly concurrency: number;
  readonly perOrganization: number;
  readonly runningByOrg: Map<string, number>;
  /** Fetched jobs whose organisation is at its limit, in arrival order. */
  held: RunningJob<OrganizationJobData>[];
  running: number;
  fetching: boolean;
  fetchAgain: boolean;
}

/**
 * Runs pg-boss jobs with a limit per queue and a limit per organisation, so one organisation's
 * burst of calls cannot take every worker (or its whole LLM rate limit) from the others. Jobs
 * are fetched when this process enqueues one (after its transaction commits) and on a poll;
 * a handler that throws fails the job, and pg-boss retries it with exponential backoff and
 * jitter until its retry limit, after which it stays `failed`: the dead letter the API lists.
 */
export class JobRunner {
  readonly #boss: PgBoss;
  readonly #logger: Logger;
  readonly #pollIntervalMs: number;
  readonly #queues = new Map<string, QueueState>();
  readonly #active = new Set<Promise<void>>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopped = true;

  constructor(options: { boss: PgBoss; logger?: Logger; pollIntervalMs?: number }) {
    this.#boss = options.boss;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'job-runner' });
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  register<T extends OrganizationJobData>(
    queue: string,
    handler: JobHandler<T>,
    options: QueueWorkerOptions = {},
  ): void {
    this.#queues.set(queue, {
      name: queue,
      handler: handler as JobHandler<OrganizationJobData>,
      concurrency: options.concurrency ?? 4,
      perOrganization: options.perOrganization ?? 2,
      runningByOrg: new Map(),
      held: [],
      running: 0,
      fetching: false,
      fetchAgain: false,
    });
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unsubscribe = onJobsQueued((queue) => this.wake(queue));
    this.#timer = setInterval(() => this.wake(), this.#pollIntervalMs);
    this.#timer.unref();
    this.wake();
  }

  /** Looks for jobs now (in one queue, or all). */
  wake(queue?: string): void {
    if (this.#stopped) return;
    for (const state of this.#queues.values()) {
      if (queue === undefined || state.name === queue) this.#fill(state);
    }
  }

  /** Stops fetching and waits for running jobs; held ones expire and are retried later. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    while (this.#active.size > 0) await Promise.allSettled([...this.#active]);
  }

  #fill(state: QueueState): void {
    if (state.fetching) {
      state.fetchAgain = true;
      return;
    }
    // Jobs held back for a busy organisation do not stop others from being fetched, up to a bound.
    const room = Math.min(
      state.concurrency - state.running,
      state.concurrency * 4 - state.held.length,
    );
    if (room <= 0) return;
    state.fetching = true;
    const fetching = this.#fetch(state, room).finally(() => {
      state.fetching = false;
      this.#active.delete(fetching);
      if (state.fetchAgain && !this.#stopped) {
        state.fetchAgain = false;
        this.#fill(state);
      }
    });
    this.#active.add(fetching);
  }

  async #fetch(state: QueueState, room: number): Promise<void> {
    let jobs: PgBoss.JobWithMetadata<OrganizationJobData>[];
    try {
      jobs = await this.#boss.fetch<OrganizationJobData>(state.name, {
        batchSize: room,
        includeMetadata: true,
      });
    } catch (error) {
      this.#logger.warn({ err: error, queue: state.name }, 'jobs could not be fetched; will retry');
      return;
    }
    for (const job of jobs) {
      state.held.push({
        id: job.id,
        queue: state.name,
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
      });
    }
    this.#startHeld(state);
    if (jobs.length === room) state.fetchAgain = true;
  }

  #startHeld(state: QueueState): void {
    const waiting: RunningJob<OrganizationJobData>[] = [];
    for (const job of state.held) {
      const orgRunning = state.runningByOrg.get(job.data.orgId) ?? 0;
      if (state.running >= state.concurrency || orgRunning >= state.perOrganization) {
        waiting.push(job);
        continue;
      }
      state.running += 1;
      state.runningByOrg.set(job.data.orgId, orgRunning + 1);
      const run = this.#run(state, job).finally(() => {
        this.#active.delete(run);
        state.running -= 1;
        const left = (state.runningByOrg.get(job.data.orgId) ?? 1) - 1;
        if (left <= 0) state.runningByOrg.delete(job.data.orgId);
        else state.runningByOrg.set(job.data.orgId, left);
        this.#startHeld(state);
        if (!this.#stopped) this.#fill(state);
      });
      this.#active.add(run);
    }
    state.held = waiting;
  }

  async #run(state: QueueState, job: RunningJob<OrganizationJobData>): Promise<void> {
    const logger = this.#logger.child({ queue: state.name, jobId: job.id, orgId: job.data.orgId });
    try {
      await state.handler(job);
      await this.#boss.complete(state.name, job.id);
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      logger.warn(
        { err: error, attempt: job.retryCount + 1, retryLimit: job.retryLimit },
        last ? 'job failed for the last time; dead-lettered' : 'job failed; will retry',
      );
      await this.#boss
        .fail(state.name, job.id, {
          message: error instanceof Error ? error.message : String(error),
        })
        .catch((failError: unknown) =>
          logger.error(
            { err: failError },
            'a failed job could not be marked failed; it will expire and retry',
          ),
        );
    }
  }
}
