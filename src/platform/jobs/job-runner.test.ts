import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/logger.js';
import { testBackends } from '../../testing/database/test-databases.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import { JOB_QUEUES, JobQueue } from './job-queue-service.js';
import { JobRunner } from './job-runner.js';

interface TestJob {
  readonly orgId: string;
  readonly label: string;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(testBackends())('job runner on $name', (backend) => {
  let database: SwitchboardDatabase;
  let queue: JobQueue;
  let runner: JobRunner;
  const schema = `pgboss_${randomBytes(4).toString('hex')}`;
  const handled: string[] = [];
  const runningByOrg = new Map<string, number>();
  let maxRunningByOrg = 0;
  let failuresLeft = new Map<string, number>();

  beforeAll(async () => {
    database = await backend.open();
    queue = await JobQueue.start({ database, schema, logger: silentLogger });
    runner = new JobRunner({ boss: queue.boss, pollIntervalMs: 200 });
    runner.register<TestJob>(
      JOB_QUEUES.analyzeCall.name,
      async (job) => {
        const running = (runningByOrg.get(job.data.orgId) ?? 0) + 1;
        runningByOrg.set(job.data.orgId, running);
        maxRunningByOrg = Math.max(maxRunningByOrg, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        runningByOrg.set(job.data.orgId, (runningByOrg.get(job.data.orgId) ?? 1) - 1);
        const left = failuresLeft.get(job.data.label) ?? 0;
        if (left > 0) {
          failuresLeft.set(job.data.label, left - 1);
          throw new Error(`planned failure of ${job.data.label}`);
        }
        handled.push(job.data.label);
      },
      { concurrency: 6, perOrganization: 2 },
    );
    runner.start();
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await queue?.stop();
    if (backend.name === 'postgres')
      await database.runScript('administration', `drop schema if exists ${schema} cascade`);
    await database?.close();
  });

  it('runs jobs enqueued in a tenant transaction, never more than the per-organisation limit at once', async () => {
    const organization = await createOrganization(database, { name: `Jobs ${randomUUID()}` });
    const labels = Array.from({ length: 8 }, (_, index) => `job-${index}`);
    await database.forOrganization(organization.id, async (trx) => {
      for (const label of labels)
        await queue.enqueue(trx, 'analyze-call', { orgId: organization.id, label });
    });
    await waitUntil(() => labels.every((label) => handled.includes(label)));
    expect(maxRunningByOrg).toBeLessThanOrEqual(2);
  });

  it('leaves no job when the enqueuing transaction rolls back', async () => {
    const organization = await createOrganization(database, { name: `Jobs ${randomUUID()}` });
    await database
      .forOrganization(organization.id, async (trx) => {
        await queue.enqueue(trx, 'analyze-call', { orgId: organization.id, label: 'undone' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await queue.list(organization.id, {}, { limit: 10 })).toEqual([]);
  });

  it('dead-letters a job after its retries, lists it for its organisation only, and replays it', async () => {
    const organization = await createOrganization(database, { name: `Jobs ${randomUUID()}` });
    const other = await createOrganization(database, { name: `Jobs ${randomUUID()}` });
    failuresLeft = new Map([['doomed', 2]]);
    const id = await database.forOrganization(organization.id, (trx) =>
      queue.enqueue(
        trx,
        'analyze-call',
        { orgId: organization.id, label: 'doomed' },
        { retry: { limit: 1, delaySeconds: 0 } },
      ),
    );
    await waitUntil(async () => (await queue.get(organization.id, id))?.state === 'failed');
    const [failed] = await queue.list(organization.id, { state: 'failed' }, { limit: 10 });
    expect(failed).toMatchObject({ id, queue: 'analyze-call', attempts: 2 });
    expect(failed?.lastError).toMatch(/planned failure of doomed/);
    expect(await queue.list(other.id, { state: 'failed' }, { limit: 10 })).toEqual([]);
    expect(await queue.retry(other.id, id)).toBe(false);
    expect(await queue.retry(organization.id, id)).toBe(true);
    await waitUntil(() => handled.includes('doomed'));
    await waitUntil(async () => (await queue.get(organization.id, id))?.state === 'completed');
  });
});
