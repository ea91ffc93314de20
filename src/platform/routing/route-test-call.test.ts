import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvisioning } from '../../agents/load-provisioning.js';
import { silentLogger } from '../../logging/logger.js';
import { testBackends } from '../../testing/database/test-databases.js';
import { archiveAgent, createAgent, updateAgent } from '../agents/agent-store.js';
import { syncProvisioning } from '../agents/sync-provisioning.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import { closeUnstartedTestCall, routeTestCall } from './route-test-call.js';

const provisioning = loadProvisioning('test/fixtures/test-agents.yaml');

describe.each(testBackends())('browser test call routing on $name', (backend) => {
  let database: SwitchboardDatabase;
  let orgId: string;
  let agentId: string;

  beforeAll(async () => {
    database = await backend.open();
    const synced = await syncProvisioning(
      database,
      {
        ...provisioning,
        organization: { slug: 'default', name: 'Default', timeZone: 'UTC' },
      },
      silentLogger,
    );
    orgId = synced.orgId;
    agentId = await database.forOrganization(orgId, async (trx) => {
      const row = await trx
        .selectFrom('agents')
        .select('id')
        .where('name', '=', 'quick-desk')
        .executeTakeFirstOrThrow();
      return row.id;
    });
  }, 60_000);
  afterAll(async () => database?.close());

  const callRow = (callId: string) =>
    database.forOrganization(orgId, (trx) =>
      trx.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow(),
    );

  it('records the call as a browser call routed by the API, in progress, to the current version', async () => {
    const base = { ...provisioning.agents[0], name: 'quick-desk' };
    await database.forOrganization(orgId, (trx) =>
      updateAgent(trx, agentId, { ...base, firstMessage: 'Hello from version two!' }),
    );
    const routed = await routeTestCall(database, {
      orgId,
      agentId,
      from: 'browser:key-1',
      variables: { customer_name: 'Ada' },
    });
    expect(routed).toMatchObject({ agentName: 'quick-desk', agentVersion: 2, to: 'quick-desk' });
    expect(routed?.carrierCallId).toMatch(/^browser-[0-9a-f-]{36}$/);
    const row = await callRow(routed?.callId ?? '');
    expect(row).toMatchObject({
      org_id: orgId,
      direction: 'inbound',
      status: 'in-progress',
      carrier: 'browser',
      carrier_call_id: routed?.carrierCallId,
      routed_by: 'api',
      from_number: 'browser:key-1',
      to_number: 'quick-desk',
      agent_id: agentId,
      agent_version: 2,
      agent_name: 'quick-desk',
      variables: { customer_name: 'Ada' },
      ended_at: null,
    });
  });

  it('keeps a carrier call id it is given', async () => {
    const carrierCallId = `browser-${randomUUID()}`;
    const routed = await routeTestCall(database, {
      orgId,
      agentId,
      from: 'browser:k',
      carrierCallId,
    });
    expect(routed?.carrierCallId).toBe(carrierCallId);
  });

  it('finds no agent that is unknown, archived, another organisation’s, or not an id', async () => {
    const other = await createOrganization(database, { name: `Other ${Math.random()}` });
    const archived = await database.forOrganization(orgId, async (trx) => {
      const created = await createAgent(trx, orgId, {
        ...provisioning.agents[0],
        name: `archived-${randomUUID().slice(0, 8)}`,
      });
      await archiveAgent(trx, created.id);
      return created.id;
    });
    for (const request of [
      { orgId, agentId: randomUUID() },
      { orgId, agentId: archived },
      { orgId: other.id, agentId },
      { orgId, agentId: 'quick-desk' },
    ]) {
      expect(await routeTestCall(database, { ...request, from: 'browser:k' })).toBeUndefined();
    }
    const count = await database.forOrganization(other.id, (trx) =>
      trx
        .selectFrom('calls')
        .select(({ fn }) => fn.countAll<number>().as('count'))
        .executeTakeFirst(),
    );
    expect(Number(count?.count)).toBe(0);
  });

  it('closes a call that never started as failed, and leaves an ended call alone', async () => {
    const routed = await routeTestCall(database, { orgId, agentId, from: 'browser:k' });
    const callId = routed?.callId ?? '';
    await closeUnstartedTestCall(database, { orgId, callId, reason: 'error' });
    const closed = await callRow(callId);
    expect(closed).toMatchObject({
      status: 'failed',
      disposition: 'failed',
      end_reason: 'error',
      duration_ms: 0,
    });
    expect(closed.ended_at).not.toBeNull();
    await closeUnstartedTestCall(database, { orgId, callId, reason: 'shutdown' });
    expect((await callRow(callId)).end_reason).toBe('error');
  });
});
