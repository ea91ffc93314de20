import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvisioning } from '../../../agents/load-provisioning.js';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';

const [template] = loadProvisioning('test/fixtures/test-agents.yaml').agents;

describe.each(testBackends())('agents and numbers API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Dealer');
  }, 60_000);
  afterAll(async () => context?.close());

  it('creates an agent, versions it on change, and assigns it to a number with webhook URLs', async () => {
    const created = await org.request('POST', '/v1/agents', { ...template, name: 'front-desk' });
    expect(created.status).toBe(201);
    const agent = (await created.json()) as {
      id: string;
      version: number;
      definition: { language: string };
    };
    expect(agent).toMatchObject({ version: 1, definition: { language: 'en' } });

    const changed = await org.request('PUT', `/v1/agents/${agent.id}`, {
      ...template,
      name: 'front-desk',
      firstMessage: 'Hello!',
    });
    expect(((await changed.json()) as { version: number }).version).toBe(2);
    const same = await org.request('PUT', `/v1/agents/${agent.id}`, {
      ...template,
      name: 'front-desk',
      firstMessage: 'Hello!',
    });
    expect(((await same.json()) as { version: number }).version).toBe(2);
    const versions = (await (
      await org.request('GET', `/v1/agents/${agent.id}/versions`)
    ).json()) as { data: { version: number }[] };
    expect(versions.data.map((version) => version.version)).toEqual([2, 1]);

    const number = await org.request('POST', '/v1/phone-numbers', {
      number: '+1 (415) 555-0188',
      inboundAgentId: agent.id,
    });
    expect(number.status).toBe(201);
    expect(await number.json()).toMatchObject({
      number: '+14155550188',
      carrier: 'twilio',
      capabilities: { voice: true, sms: false },
      webhooks: { voiceUrl: 'https://switchboard.example/twilio/voice' },
    });
  });

  it('answers bad input with problem+json naming the field', async () => {
    const response = await org.request('POST', '/v1/agents', {
      ...template,
      name: 'Bad Name',
      tools: ['transfer_call'],
      transferDestinations: [],
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((error) => error.path)).toContain('body.name');
    const number = await org.request('POST', '/v1/phone-numbers', { number: '12' });
    expect(number.status).toBe(422);
    const unauthenticated = await context.app.request('/v1/agents');
    expect(unauthenticated.status).toBe(401);
  });

  it('serves an OpenAPI 3.1 document of every route', async () => {
    const document = (await (await context.app.request('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/agents', '/v1/agents/{agentId}', '/v1/phone-numbers']),
    );
  });
});
