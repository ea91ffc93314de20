import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/database/test-databases.js';
import type { EmailStatus } from '../db/database-schema.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import { getEmail, listEmails, type EmailKind } from './email-records.js';

describe.each(testBackends())('email records on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let otherOrgId: string;
  const callId = randomUUID();
  const ids: string[] = [];

  async function insertEmail(
    org: string,
    values: { kind: EmailKind; status: EmailStatus; callId?: string | null },
  ): Promise<string> {
    const id = randomUUID();
    await database.forOrganization(org, (trx) =>
      trx
        .insertInto('emails')
        .values({
          id,
          org_id: org,
          call_id: values.callId ?? null,
          kind: values.kind,
          recipients: ['service@example.com'],
          subject: `Subject ${id.slice(0, 8)}`,
          html: '<p>Hello</p>',
          text_body: 'Hello',
          status: values.status,
          ...(values.status === 'sent' ? { transport: 'smtp', sent_at: new Date() } : {}),
        })
        .execute(),
    );
    return id;
  }

  beforeAll(async () => {
    database = await backend.open();
    orgId = (await createOrganization(database, { name: 'Mail Motors' })).id;
    otherOrgId = (await createOrganization(database, { name: 'Other Motors' })).id;
    ids.push(await insertEmail(orgId, { kind: 'call-summary', status: 'sent', callId }));
    ids.push(await insertEmail(orgId, { kind: 'endpoint-paused', status: 'outbox' }));
    ids.push(await insertEmail(orgId, { kind: 'call-summary', status: 'failed', callId }));
    ids.push(await insertEmail(orgId, { kind: 'call-summary', status: 'pending' }));
    await insertEmail(otherOrgId, { kind: 'call-summary', status: 'sent', callId });
  }, 60_000);
  afterAll(async () => database?.close());

  const list = (
    filters: Parameters<typeof listEmails>[1],
    page: Parameters<typeof listEmails>[2] = { limit: 10 },
  ) => database.forOrganization(orgId, (trx) => listEmails(trx, filters, page));

  it('lists newest first, one extra row for the page helper, and pages on seq', async () => {
    const firstPage = await list({}, { limit: 2 });
    expect(firstPage.map((email) => email.id)).toEqual([ids[3], ids[2], ids[1]]);
    const last = firstPage[1];
    const secondPage = await list({}, { limit: 2, ...(last ? { beforeSeq: last.seq } : {}) });
    expect(secondPage.map((email) => email.id)).toEqual([ids[1], ids[0]]);
    expect(firstPage[0]).not.toHaveProperty('html');
  });

  it('filters by call, status and kind, and never shows another organisation', async () => {
    expect((await list({ callId })).map((email) => email.id)).toEqual([ids[2], ids[0]]);
    expect((await list({ status: 'outbox' })).map((email) => email.id)).toEqual([ids[1]]);
    expect((await list({ kind: 'call-summary', status: 'sent' })).map((e) => e.id)).toEqual([
      ids[0],
    ]);
  });

  it('gets one email with its bodies', async () => {
    const id = ids[0] ?? '';
    const email = await database.forOrganization(orgId, (trx) => getEmail(trx, id));
    expect(email).toMatchObject({
      id,
      callId,
      kind: 'call-summary',
      status: 'sent',
      transport: 'smtp',
      recipients: ['service@example.com'],
      html: '<p>Hello</p>',
      text: 'Hello',
    });
    expect(email?.sentAt).toEqual(expect.any(String));
    const foreign = await database.forOrganization(otherOrgId, (trx) => getEmail(trx, id));
    expect(foreign).toBeUndefined();
  });
});
