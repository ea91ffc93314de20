import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { encodeCursor } from '../http/cursor-pagination.js';

interface Job {
  id: string;
  queue: string;
  state: string;
  data: Record<string, unknown>;
  attempts: number;
  retryLimit: number;
  lastError: string | null;
}

interface Page {
  data: Job[];
  nextCursor: string | null;
}

async function json<T>(org: TestOrganization, method: string, path: string) {
  const response = await org.request(method, path);
  return { status: response.status, body: (await response.json()) as T };
}

describe.each(testBackends())('job API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let other: TestOrganization;
  let failedJob: string;
  const queued: string[] = [];

  /** Enqueues a job of `org` the way the platform does: inside a tenant transaction. */
  const enqueue = (
    owner: TestOrganization,
    queue: 'analyze-call' | 'send-email',
    retry?: { limit: number; delaySeconds: number },
  ) =>
    context.database.forOrganization(owner.orgId, (trx) =>
      context.jobs.enqueue(
        trx,
        queue,
        queue === 'analyze-call'
          ? { orgId: owner.orgId, callId: randomUUID(), email: 'never', trigger: 'api' }
          : { orgId: owner.orgId, emailId: randomUUID(), kind: 'call-summary', force: true },
        retry === undefined ? {} : { retry },
      ),
    );

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Job Motors');
    other = await context.createOrganization('Other Motors');
    // No runner here: failing a job by hand is how one gets to the dead-letter state.
    failedJob = await enqueue(org, 'send-email', { limit: 0, delaySeconds: 0 });
    await context.jobs.boss.fail('send-email', failedJob, { message: 'SMTP said no' });
    for (let index = 0; index < 4; index += 1)
      queued.push(await enqueue(org, index % 2 === 0 ? 'analyze-call' : 'send-email'));
    await enqueue(other, 'analyze-call');
  }, 60_000);
  afterAll(async () => context?.close());

  it("lists the organisation's jobs newest first, page by page", async () => {
    const seen: Job[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: { body: Page } = await json<Page>(org, 'GET', `/v1/jobs?limit=2${suffix}`);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen.map((job) => job.id)).toEqual([...queued].reverse().concat(failedJob));
    expect(seen.every((job) => job.data.orgId === org.orgId)).toBe(true);
    expect(seen[0]).toMatchObject({ state: 'created', attempts: 0, lastError: null });
  });

  it('filters by state and queue', async () => {
    const list = async (query: string) =>
      (await json<Page>(org, 'GET', `/v1/jobs?${query}`)).body.data.map((job) => job.id);
    expect(await list('state=failed')).toEqual([failedJob]);
    expect(await list('queue=analyze-call')).toEqual([queued[2], queued[0]]);
    expect(await list('queue=send-email&state=created')).toEqual([queued[3], queued[1]]);
    expect((await org.request('GET', '/v1/jobs?queue=mystery')).status).toBe(422);
    const forged = await org.request('GET', `/v1/jobs?cursor=${encodeCursor(['x', 'y'])}`);
    expect(forged.status).toBe(400);
  });

  it('gets one job, and not another organisation\u2019s', async () => {
    const job = await json<Job>(org, 'GET', `/v1/jobs/${failedJob}`);
    expect(job.body).toMatchObject({
      id: failedJob,
      queue: 'send-email',
      state: 'failed',
      retryLimit: 0,
      lastError: 'SMTP said no',
    });
    expect((await other.request('GET', `/v1/jobs/${failedJob}`)).status).toBe(404);
    expect((await org.request('GET', `/v1/jobs/${randomUUID()}`)).status).toBe(404);
  });

  it('retries a failed job; anything else is a 409 or a 404', async () => {
    const waiting = await json<{ code: string }>(org, 'POST', `/v1/jobs/${queued[0]}/retry`);
    expect(waiting).toMatchObject({ status: 409, body: { code: 'job_not_failed' } });
    expect((await other.request('POST', `/v1/jobs/${failedJob}/retry`)).status).toBe(404);
    const retried = await json<Job>(org, 'POST', `/v1/jobs/${failedJob}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: failedJob, state: 'retry' });
    const again = await json<{ code: string }>(org, 'POST', `/v1/jobs/${failedJob}/retry`);
    expect(again.status).toBe(409);
  });
});
