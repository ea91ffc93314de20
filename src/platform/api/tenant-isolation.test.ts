import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvisioning } from '../../agents/load-provisioning.js';
import { encodeWav } from '../../audio/wav.js';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../testing/api/api-test-context.js';
import { testBackends } from '../../testing/database/test-databases.js';
import { recordingKey } from '../calls/spool-paths.js';
import { publishWebhookEvents } from '../webhooks/publish-webhook-events.js';

const [template] = loadProvisioning('test/fixtures/test-agents.yaml').agents;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly hasBody: boolean;
}

/** Everything organisation B owns, by the name path parameters use for it. */
type ForeignIds = Record<
  | 'agentId'
  | 'numberId'
  | 'userId'
  | 'keyId'
  | 'customerId'
  | 'vehicleId'
  | 'appointmentId'
  | 'bayId'
  | 'callId'
  | 'endpointId'
  | 'deliveryId'
  | 'jobId'
  | 'emailId',
  string
>;

/**
 * A body for each operation that takes one. Where a body can point at another record, it points
 * at organisation B's, so "create something that references B" is tried too. A new operation
 * without an entry here fails the test: decide what it should be tried with.
 */
function bodyFor(operationId: string, b: ForeignIds): unknown {
  const agent = { ...template, name: `agent-${randomUUID().slice(0, 8)}` };
  const bodies: Record<string, unknown> = {
    updateOrganization: { defaultAgentId: b.agentId },
    createUser: {
      email: `${randomUUID()}@example.com`,
      password: 'a long enough password',
      role: 'viewer',
    },
    createApiKey: { name: 'probe' },
    setCredential: { apiKey: 'sk-probe-0000' },
    createAgent: agent,
    updateAgent: agent,
    createPhoneNumber: { number: '+14155550177', inboundAgentId: b.agentId },
    updatePhoneNumber: { label: 'taken over', inboundAgentId: b.agentId },
    createCustomer: { firstName: 'Probe', lastName: 'Person', phone: '+14155550178' },
    updateCustomer: { notes: 'taken over' },
    createVehicle: { customerId: b.customerId, vin: '1HGCM82633A004352' },
    updateVehicle: { mileage: 1 },
    addServiceRecord: { performedAt: '2025-01-02T10:00:00Z', serviceType: 'probe' },
    bookAppointment: { customerId: b.customerId, serviceType: 'probe', startsAt: tomorrowAt(14) },
    cancelAppointment: { reason: 'taken over' },
    rescheduleAppointment: { startsAt: tomorrowAt(15) },
    setBusinessHours: { hours: [{ weekday: 1, opens: '09:00', closes: '10:00' }] },
    createServiceBay: { name: `Probe ${randomUUID().slice(0, 6)}` },
    updateServiceBay: { active: false },
    createWebhookEndpoint: { url: 'https://alpha.example/hooks', events: ['*'] },
    updateWebhookEndpoint: { active: true, url: 'https://alpha.example/taken-over' },
    revealWebhookSecret: { rotate: true },
    analyzeCall: { email: 'always' },
    // B's user with a wrong password, and a setup key that is nobody's: both refused.
    signIn: { email: 'bravo@example.com', password: 'not bravo password' },
    createOwner: {
      setupKey: 'sb_probe',
      name: 'Probe',
      email: 'probe@example.com',
      password: 'a long enough password',
    },
  };
  if (!(operationId in bodies))
    throw new Error(`the isolation test has no body for ${operationId}: add one`);
  return bodies[operationId];
}

/** Operations whose body points at B's records: they must fail as if those records did not exist. */
const REFERENCES_FOREIGN_RECORD = new Set([
  'updateOrganization',
  'createPhoneNumber',
  'createVehicle',
  'bookAppointment',
]);

function tomorrowAt(hour: number): string {
  const date = new Date(Date.now() + 86_400_000);
  date.setUTCHours(hour, 0, 0, 0);
  return date.toISOString();
}

describe.each(testBackends())('organisation isolation on $name', (backend) => {
  let context: ApiTestContext;
  let a: TestOrganization;
  let b: TestOrganization;
  let foreign: ForeignIds;
  let endpointSecretOfB: string;
  let snapshotOfB: () => Promise<string>;
  let tables: string[];

  async function json<T>(response: Response | Promise<Response>): Promise<T> {
    const resolved = await response;
    expect(resolved.status, `${resolved.url}`).toBeLessThan(300);
    return (await resolved.json()) as T;
  }

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    a = await context.createOrganization('Alpha Motors');
    b = await context.createOrganization('Bravo Motors');
    // Organisation B gets one of everything, through its own key.
    const agent = await json<{ id: string }>(
      b.request('POST', '/v1/agents', { ...template, name: 'bravo-desk' }),
    );
    const number = await json<{ id: string }>(
      b.request('POST', '/v1/phone-numbers', { number: '+14155550170', inboundAgentId: agent.id }),
    );
    const user = await json<{ id: string }>(
      b.request('POST', '/v1/users', {
        email: 'bravo@example.com',
        password: 'bravo password 123',
        role: 'admin',
      }),
    );
    const key = await json<{ id: string }>(b.request('POST', '/v1/api-keys', { name: 'second' }));
    await json(b.request('PUT', '/v1/credentials/openai', { apiKey: 'sk-bravo-secret-9999' }));
    const customer = await json<{ id: string }>(
      b.request('POST', '/v1/customers', {
        firstName: 'Bea',
        lastName: 'Bravo',
        phone: '+14155550171',
      }),
    );
    const vehicle = await json<{ id: string }>(
      b.request('POST', '/v1/vehicles', { customerId: customer.id, vin: '1M8GDM9AXKP042788' }),
    );
    await json(
      b.request('PUT', '/v1/business-hours', {
        hours: Array.from({ length: 7 }, (_, weekday) => ({
          weekday,
          opens: '00:00',
          closes: '24:00',
        })),
      }),
    );
    const bay = await json<{ id: string }>(
      b.request('POST', '/v1/service-bays', { name: 'Bravo bay' }),
    );
    const appointment = await json<{ id: string }>(
      b.request('POST', '/v1/appointments', {
        customerId: customer.id,
        vehicleId: vehicle.id,
        serviceType: 'oil change',
        startsAt: tomorrowAt(10),
      }),
    );
    await json(
      b.request('POST', `/v1/vehicles/${vehicle.id}/service-history`, {
        performedAt: '2025-01-01T10:00:00Z',
        serviceType: 'tires',
      }),
    );
    const callId = randomUUID();
    await context.database.forOrganization(b.orgId, async (trx) => {
      await trx
        .insertInto('calls')
        .values({
          id: callId,
          org_id: b.orgId,
          direction: 'inbound',
          status: 'completed',
          from_number: '+14155550171',
          to_number: '+14155550170',
          carrier: 'twilio',
          agent_id: agent.id,
          agent_version: 1,
          routed_by: 'number',
          total_cost: 0,
          recording_key: recordingKey(b.orgId, callId),
          recording_duration_ms: 1000,
          analysis: JSON.stringify({
            summary: 'bravo secret words',
            sentiment: 'positive',
            success: { achieved: true, reason: 'bravo secret words' },
          }),
          analysis_status: 'done',
        })
        .execute();
      await trx
        .insertInto('call_transcript_turns')
        .values({
          call_id: callId,
          org_id: b.orgId,
          seq: 0,
          turn: 0,
          speaker: 'caller',
          text: 'bravo secret words',
          start_ms: 0,
          end_ms: 900,
          interrupted: false,
        })
        .execute();
    });
    const wavPath = join(context.dataDir, 'b.wav');
    await writeFile(wavPath, encodeWav([new Int16Array(8000), new Int16Array(8000)], 8000));
    await context.storage.put(recordingKey(b.orgId, callId), wavPath, 'audio/wav');
    // Post-call records: an endpoint with a delivery, a failed job and an email.
    const endpoint = await json<{ id: string; secret: string }>(
      b.request('POST', '/v1/webhook-endpoints', {
        url: 'https://bravo.example/hooks',
        events: ['call.ended'],
      }),
    );
    endpointSecretOfB = endpoint.secret;
    await context.database.forOrganization(b.orgId, (trx) =>
      publishWebhookEvents(trx, b.orgId, [
        {
          id: randomUUID(),
          type: 'call.ended',
          subjectId: callId,
          callId,
          data: { callId, note: 'bravo secret words' },
        },
      ]),
    );
    const [delivery] = (
      await json<{ data: { id: string }[] }>(b.request('GET', '/v1/webhook-deliveries'))
    ).data;
    if (delivery === undefined)
      throw new Error('publishing left organisation B without a delivery');
    const jobId = await context.database.forOrganization(b.orgId, (trx) =>
      context.jobs.enqueue(
        trx,
        'send-email',
        { orgId: b.orgId, emailId: randomUUID(), kind: 'call-summary', callId, force: true },
        { retry: { limit: 0, delaySeconds: 0 } },
      ),
    );
    await context.jobs.boss.fail('send-email', jobId, { message: 'bravo smtp failure' });
    const emailId = randomUUID();
    await context.database.forOrganization(b.orgId, (trx) =>
      trx
        .insertInto('emails')
        .values({
          id: emailId,
          org_id: b.orgId,
          call_id: callId,
          kind: 'call-summary',
          recipients: ['bravo@example.com'],
          subject: 'Bravo summary',
          html: '<p>bravo secret words</p>',
          text_body: 'bravo secret words',
          status: 'sent',
        })
        .execute(),
    );
    foreign = {
      agentId: agent.id,
      numberId: number.id,
      userId: user.id,
      keyId: key.id,
      customerId: customer.id,
      vehicleId: vehicle.id,
      appointmentId: appointment.id,
      bayId: bay.id,
      callId,
      endpointId: endpoint.id,
      deliveryId: delivery.id,
      jobId,
      emailId,
    };

    tables = await context.database.asSystem('administration', async (db) =>
      (
        await sql<{ table_name: string }>`
          select table_name from information_schema.columns
          where column_name = 'org_id' and table_schema = current_schema()
          order by table_name`.execute(db)
      ).rows.map((row) => row.table_name),
    );
    snapshotOfB = () =>
      context.database.asSystem('administration', async (db) => {
        const parts: unknown[] = [];
        for (const table of tables) {
          const rows =
            await sql`select * from ${sql.table(table)} where org_id = ${b.orgId}`.execute(db);
          parts.push(rows.rows.map((row) => JSON.stringify(row)).sort());
        }
        return JSON.stringify(parts);
      });
  }, 120_000);
  afterAll(async () => context?.close());

  it('cannot read, list, change or delete anything of another organisation through any endpoint', async () => {
    const document = (await (await context.app.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    };
    const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        hasBody: operation.requestBody !== undefined,
      })),
    );
    expect(operations.length).toBeGreaterThan(40);
    const before = await snapshotOfB();
    const secretsOfB = [
      ...Object.values(foreign),
      b.orgId,
      'bravo secret words',
      'sk-bravo',
      'Bea',
      '+14155550171',
      'bravo.example',
      'Bravo summary',
      'bravo smtp failure',
      endpointSecretOfB,
    ];
    const tried: string[] = [];
    // Reads first, then writes, deletes last, so every request meets B's records still in place.
    const order = (operation: Operation) =>
      ({ GET: 0, PUT: 1, PATCH: 1, POST: 1, DELETE: 2 })[operation.method] ?? 1;
    for (const operation of [...operations].sort((left, right) => order(left) - order(right))) {
      const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
      const path = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
        if (name === 'provider') return 'openai';
        if (!(name in foreign))
          throw new Error(`the isolation test does not know path parameter ${name}: add it`);
        return foreign[name as keyof ForeignIds];
      });
      const body = operation.hasBody ? bodyFor(operation.operationId, foreign) : undefined;
      const response = await a.request(operation.method, path, body);
      const text = await response.text();
      tried.push(`${operation.method} ${operation.path} → ${response.status}`);
      // A problem may echo what the caller sent (the path, an id in the body); nothing else of B's.
      const sent = `${path} ${JSON.stringify(body ?? null)}`;
      for (const secret of secretsOfB.filter((value) => !sent.includes(value))) {
        expect(text, `${operation.method} ${operation.path} leaked ${secret}`).not.toContain(
          secret,
        );
      }
      const namesForeignRecord = names.some((name) => name !== 'provider');
      if (namesForeignRecord || REFERENCES_FOREIGN_RECORD.has(operation.operationId)) {
        expect(response.status, `${operation.method} ${operation.path}`).toBe(404);
      } else if (operation.method === 'GET') {
        expect(response.status, `${operation.method} ${operation.path}`).toBe(200);
      }
    }
    // Lists filtered by B's ids are empty rather than B's.
    for (const path of [
      `/v1/appointments?customerId=${foreign.customerId}`,
      `/v1/calls?agentId=${foreign.agentId}`,
      `/v1/calls?search=bravo`,
      `/v1/calls?sentiment=positive`,
      `/v1/calls?success=true`,
      `/v1/customers?search=Bea`,
      `/v1/webhook-deliveries?endpointId=${foreign.endpointId}`,
      `/v1/webhook-deliveries?callId=${foreign.callId}`,
      `/v1/emails?callId=${foreign.callId}`,
      `/v1/jobs?state=failed`,
    ]) {
      const response = await a.request('GET', path);
      expect(response.status, path).toBe(200);
      expect(((await response.json()) as { data: unknown[] }).data, path).toEqual([]);
    }
    // Statistics count none of B's calls (made just now, inside the default window).
    const stats = await a.request('GET', '/v1/stats/overview');
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { totals: { calls: number } }).totals.calls).toBe(0);
    expect(await snapshotOfB()).toBe(before);
    // Jobs live in the queue's own schema, outside the snapshot: B's is as it was.
    expect(await context.jobs.get(b.orgId, foreign.jobId)).toMatchObject({
      state: 'failed',
      lastError: 'bravo smtp failure',
    });
    expect(tried.length).toBe(operations.length);
  }, 60_000);

  it('a raw query without an organisation filter returns no foreign rows, in every table', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(15);
    for (const table of tables) {
      const seen = await context.database.forOrganization(
        a.orgId,
        async (trx) =>
          (await sql<{ org_id: string }>`select org_id from ${sql.table(table)}`.execute(trx)).rows,
      );
      expect(
        seen.filter((row) => row.org_id !== a.orgId),
        table,
      ).toEqual([]);
    }
    const organizations = await context.database.forOrganization(
      a.orgId,
      async (trx) => (await sql<{ id: string }>`select id from organizations`.execute(trx)).rows,
    );
    expect(organizations).toEqual([{ id: a.orgId }]);
  });
});
