import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/webhook-event-types.js';

interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  active: boolean;
  pausedAt: string | null;
  pauseReason: string | null;
  consecutiveFailures: number;
  secret?: string;
}

async function send<T>(
  org: TestOrganization,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T; type: string | null }> {
  const response = await org.request(method, path, body);
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
    type: response.headers.get('content-type'),
  };
}

describe.each(testBackends())('webhook endpoint API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Hook Motors');
  }, 60_000);
  afterAll(async () => context?.close());

  it('creates an endpoint with its secret once, then lists and gets it without', async () => {
    const created = await send<Endpoint>(org, 'POST', '/v1/webhook-endpoints', {
      url: 'https://example.com/hooks',
      events: ['call.ended', 'call.analyzed', 'call.ended'],
      description: 'CRM',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      url: 'https://example.com/hooks',
      events: ['call.ended', 'call.analyzed'],
      description: 'CRM',
      active: true,
      pausedAt: null,
      consecutiveFailures: 0,
    });
    expect(created.body.secret).toMatch(/^whsec_/);

    const list = await send<{ data: Endpoint[] }>(org, 'GET', '/v1/webhook-endpoints');
    expect(list.body.data.map((endpoint) => endpoint.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const one = await send<Endpoint>(org, 'GET', `/v1/webhook-endpoints/${created.body.id}`);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.body.events).toEqual(['call.ended', 'call.analyzed']);
  });

  it('reads ["*"] as every event type there is', async () => {
    const created = await send<Endpoint>(org, 'POST', '/v1/webhook-endpoints', {
      url: 'http://hooks.example.net:8080/all',
      events: ['*'],
    });
    expect(created.status).toBe(201);
    expect(created.body.events).toEqual([...WEBHOOK_EVENT_TYPES]);
  });

  it('refuses a URL that is not http(s), an empty or unknown subscription', async () => {
    for (const body of [
      { url: 'ftp://example.com/hooks', events: ['call.ended'] },
      { url: 'https://example.com/hooks', events: [] },
      { url: 'https://example.com/hooks', events: ['call.exploded'] },
      { url: `https://example.com/${'a'.repeat(2048)}`, events: ['call.ended'] },
    ]) {
      const response = await send<{ code: string }>(org, 'POST', '/v1/webhook-endpoints', body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(response.type).toContain('application/problem+json');
      expect(response.body.code).toBe('validation_failed');
    }
  });

  it('reveals the secret, rotates it, and signs with the new one from then on', async () => {
    const created = await send<Endpoint>(org, 'POST', '/v1/webhook-endpoints', {
      url: 'https://example.com/secret',
      events: ['call.started'],
    });
    const path = `/v1/webhook-endpoints/${created.body.id}/secret`;
    const revealed = await send<{ secret: string }>(org, 'POST', path);
    expect(revealed).toMatchObject({ status: 200, body: { secret: created.body.secret } });
    const rotated = await send<{ secret: string }>(org, 'POST', path, { rotate: true });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const again = await send<{ secret: string }>(org, 'POST', path, { rotate: false });
    expect(again.body.secret).toBe(rotated.body.secret);
  });

  it('changes only the fields sent, and `active: true` resumes a paused endpoint', async () => {
    const created = await send<Endpoint>(org, 'POST', '/v1/webhook-endpoints', {
      url: 'https://example.com/paused',
      events: ['call.ended'],
      description: 'kept',
    });
    const id = created.body.id;
    await context.database.forOrganization(org.orgId, (trx) =>
      trx
        .updateTable('webhook_endpoints')
        .set({
          paused_at: new Date(),
          pause_reason: 'paused after 20 consecutive failed attempts',
          consecutive_failures: 20,
        })
        .where('id', '=', id)
        .execute(),
    );
    const paused = await send<Endpoint>(org, 'GET', `/v1/webhook-endpoints/${id}`);
    expect(paused.body).toMatchObject({ active: true, consecutiveFailures: 20 });
    expect(paused.body.pausedAt).not.toBeNull();

    const renamed = await send<Endpoint>(org, 'PATCH', `/v1/webhook-endpoints/${id}`, {
      events: ['*'],
    });
    expect(renamed.body).toMatchObject({ description: 'kept', events: [...WEBHOOK_EVENT_TYPES] });
    expect(renamed.body.pausedAt).not.toBeNull();

    const resumed = await send<Endpoint>(org, 'PATCH', `/v1/webhook-endpoints/${id}`, {
      active: true,
    });
    expect(resumed.body).toMatchObject({
      active: true,
      pausedAt: null,
      pauseReason: null,
      consecutiveFailures: 0,
      url: 'https://example.com/paused',
    });
    const disabled = await send<Endpoint>(org, 'PATCH', `/v1/webhook-endpoints/${id}`, {
      active: false,
      description: null,
    });
    expect(disabled.body).toMatchObject({ active: false, description: null });
  });

  it('deletes an endpoint; unknown ones are a 404 problem everywhere', async () => {
    const created = await send<Endpoint>(org, 'POST', '/v1/webhook-endpoints', {
      url: 'https://example.com/gone',
      events: ['call.ended'],
    });
    const path = `/v1/webhook-endpoints/${created.body.id}`;
    expect((await send(org, 'DELETE', path)).status).toBe(204);
    for (const [method, target, body] of [
      ['GET', path],
      ['PATCH', path, { active: true }],
      ['DELETE', path],
      ['POST', `${path}/secret`, { rotate: true }],
    ] as const) {
      const response = await send<{ code: string }>(org, method, target, body);
      expect(response.status, `${method} ${target}`).toBe(404);
      expect(response.body.code).toBe('not_found');
    }
  });

  it('lets a viewer key read endpoints but not add one or see a secret', async () => {
    const key = await send<{ secret: string }>(org, 'POST', '/v1/api-keys', {
      name: 'viewer',
      role: 'viewer',
    });
    const viewer = (method: string, path: string, body?: unknown) =>
      context.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${key.body.secret}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    expect((await viewer('GET', '/v1/webhook-endpoints')).status).toBe(200);
    const create = await viewer('POST', '/v1/webhook-endpoints', {
      url: 'https://example.com/viewer',
      events: ['call.ended'],
    });
    expect(create.status).toBe(403);
    const list = await send<{ data: Endpoint[] }>(org, 'GET', '/v1/webhook-endpoints');
    const first = list.body.data[0];
    expect((await viewer('POST', `/v1/webhook-endpoints/${first?.id}/secret`)).status).toBe(403);
  });
});
