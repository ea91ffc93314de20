import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvisioning } from '../../agents/load-provisioning.js';
import { silentLogger } from '../../logging/logger.js';
import { testBackends } from '../../testing/database/test-databases.js';
import { archiveAgent, createAgent, getAgentVersion, updateAgent } from '../agents/agent-store.js';
import { syncProvisioning } from '../agents/sync-provisioning.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createPhoneNumber, InvalidPhoneNumberError } from '../numbers/phone-numbers.js';
import { createOrganization, updateOrganization } from '../tenancy/organizations.js';
import { createCallRouter, type CallRouter } from './call-router.js';

const provisioning = loadProvisioning('test/fixtures/test-agents.yaml');
const INSTALLATION_ACCOUNT = `AC${'1'.repeat(32)}`;

describe.each(testBackends())('routing on $name', (backend) => {
  let database: SwitchboardDatabase;
  let router: CallRouter;
  let defaultOrgId: string;
  const callSid = () => `CA${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    database = await backend.open();
    const synced = await syncProvisioning(
      database,
      {
        ...provisioning,
        organization: {
          slug: 'default',
          name: 'Default',
          timeZone: 'UTC',
          defaultAgent: 'quick-desk',
        },
      },
      silentLogger,
    );
    defaultOrgId = synced.orgId;
    router = createCallRouter({
      database,
      defaultOrgId,
      installationAccounts: [INSTALLATION_ACCOUNT],
      logger: silentLogger,
    });
  }, 60_000);
  afterAll(async () => database?.close());

  const request = (overrides: Partial<Parameters<CallRouter['route']>[0]> = {}) => ({
    carrier: 'twilio' as const,
    carrierCallId: callSid(),
    accountId: INSTALLATION_ACCOUNT,
    from: '+15557654321',
    to: '+15550100000',
    ...overrides,
  });

  it('routes by the dialled number and records the call before anything else happens', async () => {
    const outcome = await router.route(request());
    expect(outcome).toMatchObject({
      kind: 'accept',
      orgId: defaultOrgId,
      agentName: 'quick-desk',
      routedBy: 'number',
      agentVersion: 1,
    });
    const row = await database.asSystem('administration', (db) =>
      db
        .selectFrom('calls')
        .selectAll()
        .where('id', '=', outcome.callId ?? '')
        .executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({
      status: 'ringing',
      routed_by: 'number',
      direction: 'inbound',
      to_number: '+15550100000',
    });
  });

  it('gives a retried webhook the call it already routed', async () => {
    const first = request();
    const outcomes = await Promise.all([router.route(first), router.route(first)]);
    const again = await router.route(first);
    expect(new Set([...outcomes, again].map((outcome) => outcome.callId)).size).toBe(1);
    expect(again.kind === 'accept' && again.routedBy).toBe('conversation');
  });

  it('prefers an agent the carrier names, then falls back to the default agent, then apologises', async () => {
    const second = 'second-desk';
    await database.forOrganization(defaultOrgId, (trx) =>
      createAgent(trx, defaultOrgId, { ...provisioning.agents[0], name: second }),
    );
    expect(await router.route(request({ agentParameter: second }))).toMatchObject({
      routedBy: 'carrier-parameter',
      agentName: second,
    });
    // A number nobody provisioned, on the installation's carrier account: the default agent.
    expect(await router.route(request({ to: '+15550109999' }))).toMatchObject({
      routedBy: 'default-agent',
      agentName: 'quick-desk',
    });
    // An unknown number on an account nobody owns: no organisation, nothing recorded, an apology.
    expect(
      await router.route(request({ to: '+15550109999', accountId: `AC${'9'.repeat(32)}` })),
    ).toEqual({
      kind: 'reject',
      reason: 'unknown-number',
    });
  });

  it('records an apology against the organisation whose number has no agent', async () => {
    const organization = await createOrganization(database, { name: `No Agent ${Math.random()}` });
    await database.forOrganization(organization.id, (trx) =>
      createPhoneNumber(trx, organization.id, { number: '+1 415 555 0100' }),
    );
    const outcome = await router.route(request({ to: '+14155550100' }));
    expect(outcome).toMatchObject({
      kind: 'reject',
      orgId: organization.id,
      reason: 'unknown-number',
    });
    const row = await database.forOrganization(organization.id, (trx) =>
      trx
        .selectFrom('calls')
        .select(['routed_by', 'end_reason', 'status'])
        .executeTakeFirstOrThrow(),
    );
    expect(row).toEqual({ routed_by: 'none', end_reason: 'unknown-number', status: 'completed' });
  });

  it('versions an agent on change; calls keep the version that answered; archived agents stop routing', async () => {
    const organization = await createOrganization(database, { name: `Versions ${Math.random()}` });
    const base = { ...provisioning.agents[0], name: 'versioned' };
    const agent = await database.forOrganization(organization.id, async (trx) => {
      const created = await createAgent(trx, organization.id, base);
      await createPhoneNumber(trx, organization.id, {
        number: '+14155550111',
        inboundAgentId: created.id,
      });
      return created;
    });
    const first = await router.route(request({ to: '+14155550111' }));
    const updated = await database.forOrganization(organization.id, (trx) =>
      updateAgent(trx, agent.id, { ...base, firstMessage: 'Hello again!' }),
    );
    expect(updated?.version).toBe(2);
    const second = await router.route(request({ to: '+14155550111' }));
    expect(
      [first, second].map((outcome) => outcome.kind === 'accept' && outcome.agentVersion),
    ).toEqual([1, 2]);
    const v1 = await database.forOrganization(organization.id, (trx) =>
      getAgentVersion(trx, agent.id, 1),
    );
    expect(v1?.firstMessage).toBe('Hi!');
    await database.forOrganization(organization.id, (trx) =>
      updateOrganization(trx, organization.id, { defaultAgentId: null }),
    );
    await database.forOrganization(organization.id, (trx) => archiveAgent(trx, agent.id));
    expect(await router.route(request({ to: '+14155550111' }))).toMatchObject({
      kind: 'reject',
      reason: 'unknown-number',
    });
  });

  it('refuses numbers that are not real numbers', async () => {
    const organization = await createOrganization(database, {
      name: `Bad Numbers ${Math.random()}`,
    });
    await expect(
      database.forOrganization(organization.id, (trx) =>
        createPhoneNumber(trx, organization.id, { number: '+1 999 123' }),
      ),
    ).rejects.toBeInstanceOf(InvalidPhoneNumberError);
  });
});
