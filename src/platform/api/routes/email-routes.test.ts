import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { EmailStatus } from '../../db/database-schema.js';

interface Email {
  id: string;
  callId: string | null;
  kind: string;
  status: string;
  subject: string;
  html?: string;
  text?: string;
}

interface Page {
  data: Email[];
  nextCursor: string | null;
}

async function json<T>(org: TestOrganization, path: string) {
  const response = await org.request('GET', path);
  return { status: response.status, body: (await response.json()) as T };
}

describe.each(testBackends())('email API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  const callId = randomUUID();
  const ids: string[] = [];

  const insert = (
    owner: TestOrganization,
    kind: 'call-summary' | 'endpoint-paused',
    status: EmailStatus,
    call: string | null,
  ) => {
    const id = randomUUID();
    return context.database
      .forOrganization(owner.orgId, (trx) =>
        trx
          .insertInto('emails')
          .values({
            id,
            org_id: owner.orgId,
            call_id: call,
            kind,
            recipients: ['desk@example.com'],
            subject: `${kind} ${id.slice(0, 6)}`,
            html: `<p>${kind}</p>`,
            text_body: kind,
            status,
          })
          .execute(),
      )
      .then(() => id);
  };

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Mail Motors');
    ids.push(await insert(org, 'call-summary', 'sent', callId));
    ids.push(await insert(org, 'endpoint-paused', 'outbox', null));
    ids.push(await insert(org, 'call-summary', 'failed', callId));
    const other = await context.createOrganization('Other Motors');
    await insert(other, 'call-summary', 'sent', callId);
  }, 60_000);
  afterAll(async () => context?.close());

  it('lists emails newest first without their bodies, page by page', async () => {
    const first = await json<Page>(org, '/v1/emails?limit=2');
    expect(first.body.data.map((email) => email.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.data[0]).not.toHaveProperty('html');
    const second = await json<Page>(org, `/v1/emails?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({
      data: [expect.objectContaining({ id: ids[0] })],
      nextCursor: null,
    });
  });

  it('filters by call, status and kind', async () => {
    const list = async (query: string) =>
      (await json<Page>(org, `/v1/emails?${query}`)).body.data.map((email) => email.id);
    expect(await list(`callId=${callId}`)).toEqual([ids[2], ids[0]]);
    expect(await list('status=outbox')).toEqual([ids[1]]);
    expect(await list('kind=call-summary&status=sent')).toEqual([ids[0]]);
    expect((await org.request('GET', '/v1/emails?kind=newsletter')).status).toBe(422);
  });

  it('gets one email with its HTML and text; an unknown one is a 404', async () => {
    const email = await json<Email>(org, `/v1/emails/${ids[0]}`);
    expect(email.body).toMatchObject({
      id: ids[0],
      callId,
      kind: 'call-summary',
      status: 'sent',
      html: '<p>call-summary</p>',
      text: 'call-summary',
    });
    const missing = await json<{ code: string }>(org, `/v1/emails/${randomUUID()}`);
    expect(missing).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
