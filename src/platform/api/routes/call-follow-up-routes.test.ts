import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { CallStatus } from '../../db/database-schema.js';

interface Job {
  id: string;
  queue: string;
  state: string;
  data: Record<string, unknown>;
}

interface SummaryEmailSettings {
  recipients: string[];
  minDurationSeconds: number;
  includeCallsWithoutCallerSpeech: boolean;
}

async function json<T>(org: TestOrganization, method: string, path: string, body?: unknown) {
  const response = await org.request(method, path, body);
  return { status: response.status, body: (await response.json()) as T };
}

describe.each(testBackends())('post-call API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  const ended = randomUUID();
  const live = randomUUID();
  const analysed = randomUUID();

  const insertCall = (id: string, status: CallStatus, minute: number) =>
    context.database.forOrganization(org.orgId, (trx) =>
      trx
        .insertInto('calls')
        .values({
          id,
          org_id: org.orgId,
          direction: 'inbound',
          status,
          from_number: '+14155550100',
          to_number: '+14155550199',
          carrier: 'twilio',
          routed_by: 'number',
          created_at: new Date(Date.UTC(2025, 5, 1, 9, minute)).toISOString(),
          ...(status === 'in-progress' ? {} : { ended_at: new Date().toISOString() }),
        })
        .execute(),
    );

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Follow-up Motors');
    await insertCall(ended, 'completed', 0);
    await insertCall(live, 'in-progress', 1);
    await insertCall(analysed, 'completed', 2);
    await context.database.forOrganization(org.orgId, (trx) =>
      trx
        .updateTable('calls')
        .set({
          analysis: JSON.stringify({
            version: 1,
            summary: 'Booked an oil change.',
            sentiment: 'positive',
            success: { achieved: true, reason: 'The caller booked.' },
          }),
          analysis_status: 'done',
          analyzed_at: new Date().toISOString(),
        })
        .where('id', '=', analysed)
        .execute(),
    );
  }, 60_000);
  afterAll(async () => context?.close());

  it('shows the analysis on the call and its verdict in the list', async () => {
    const detail = await json<Record<string, unknown>>(org, 'GET', `/v1/calls/${analysed}`);
    expect(detail.body).toMatchObject({
      analysisStatus: 'done',
      analysis: { summary: 'Booked an oil change.', success: { achieved: true } },
      sentiment: 'positive',
      success: true,
    });
    expect(detail.body.analyzedAt).toEqual(expect.any(String));
    const list = await json<{ data: Record<string, unknown>[] }>(org, 'GET', '/v1/calls');
    expect(
      list.body.data.map(({ id, analysisStatus, sentiment, success }) => ({
        id,
        analysisStatus,
        sentiment,
        success,
      })),
    ).toEqual([
      { id: analysed, analysisStatus: 'done', sentiment: 'positive', success: true },
      { id: live, analysisStatus: 'none', sentiment: null, success: null },
      { id: ended, analysisStatus: 'none', sentiment: null, success: null },
    ]);
    const plain = await json<Record<string, unknown>>(org, 'GET', `/v1/calls/${ended}`);
    expect(plain.body).toMatchObject({ analysis: null, analyzedAt: null, analysisStatus: 'none' });
  });

  it('queues an analysis of an ended call and marks it pending', async () => {
    const queued = await json<{ jobId: string }>(org, 'POST', `/v1/calls/${ended}/analysis`);
    expect(queued.status).toBe(202);
    const job = await json<Job>(org, 'GET', `/v1/jobs/${queued.body.jobId}`);
    expect(job.body).toMatchObject({
      queue: 'analyze-call',
      state: 'created',
      data: { orgId: org.orgId, callId: ended, email: 'never', trigger: 'api' },
    });
    const call = await json<{ analysisStatus: string }>(org, 'GET', `/v1/calls/${ended}`);
    expect(call.body.analysisStatus).toBe('pending');

    const withEmail = await json<{ jobId: string }>(org, 'POST', `/v1/calls/${analysed}/analysis`, {
      email: 'always',
    });
    const listed = await json<{ data: Job[] }>(org, 'GET', '/v1/jobs?queue=analyze-call');
    expect(listed.body.data.map((entry) => [entry.id, entry.state, entry.data.email])).toEqual([
      [withEmail.body.jobId, 'created', 'always'],
      [queued.body.jobId, 'created', 'never'],
    ]);
  });

  it('refuses a call that has not ended (409) or does not exist (404)', async () => {
    for (const path of ['analysis', 'summary-email']) {
      const running = await json<{ code: string }>(org, 'POST', `/v1/calls/${live}/${path}`);
      expect(running).toMatchObject({ status: 409, body: { code: 'call_not_ended' } });
      const missing = await json<{ code: string }>(
        org,
        'POST',
        `/v1/calls/${randomUUID()}/${path}`,
      );
      expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
    }
    const invalid = await org.request('POST', `/v1/calls/${ended}/analysis`, {
      email: 'sometimes',
    });
    expect(invalid.status).toBe(422);
  });

  it('keeps summary-email settings on the organisation, merging partial updates', async () => {
    const initial = await json<{ summaryEmail: SummaryEmailSettings }>(
      org,
      'GET',
      '/v1/organization',
    );
    expect(initial.body.summaryEmail).toEqual({
      recipients: [],
      minDurationSeconds: 15,
      includeCallsWithoutCallerSpeech: false,
    });
    const first = await json<{ summaryEmail: SummaryEmailSettings; name: string }>(
      org,
      'PATCH',
      '/v1/organization',
      { summaryEmail: { recipients: ['desk@example.com'], minDurationSeconds: 30 } },
    );
    expect(first.status).toBe(200);
    expect(first.body.name).toBe('Follow-up Motors');
    const second = await json<{ summaryEmail: SummaryEmailSettings }>(
      org,
      'PATCH',
      '/v1/organization',
      { name: 'Follow-up Motors', summaryEmail: { includeCallsWithoutCallerSpeech: true } },
    );
    expect(second.body.summaryEmail).toEqual({
      recipients: ['desk@example.com'],
      minDurationSeconds: 30,
      includeCallsWithoutCallerSpeech: true,
    });
    const renamed = await json<{ summaryEmail: SummaryEmailSettings }>(
      org,
      'PATCH',
      '/v1/organization',
      { name: 'Follow-up Motors' },
    );
    expect(renamed.body.summaryEmail).toEqual(second.body.summaryEmail);
    const invalid = await org.request('PATCH', '/v1/organization', {
      summaryEmail: { recipients: ['not an address'] },
    });
    expect(invalid.status).toBe(422);
  });

  it('queues a summary email once the organisation has recipients', async () => {
    await json(org, 'PATCH', '/v1/organization', { summaryEmail: { recipients: [] } });
    const none = await json<{ code: string }>(org, 'POST', `/v1/calls/${ended}/summary-email`);
    expect(none).toMatchObject({ status: 409, body: { code: 'no_recipients' } });

    await json(org, 'PATCH', '/v1/organization', {
      summaryEmail: { recipients: ['desk@example.com'] },
    });
    const queued = await json<{ jobId: string; emailId: string }>(
      org,
      'POST',
      `/v1/calls/${ended}/summary-email`,
    );
    expect(queued.status).toBe(202);
    const [job] = (await json<{ data: Job[] }>(org, 'GET', '/v1/jobs?queue=send-email')).body.data;
    expect(job).toMatchObject({
      id: queued.body.jobId,
      state: 'created',
      data: { emailId: queued.body.emailId, callId: ended, kind: 'call-summary', force: true },
    });
  });
});
