import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/database/test-databases.js';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../testing/webhook-receiver/index.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { createOrganization } from '../tenancy/organizations.js';
import { SecretBox } from '../tenancy/secret-box.js';
import { publishWebhookEvents } from './publish-webhook-events.js';
import type { PausedEndpoint } from './record-attempt-results.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import {
  getWebhookDelivery,
  listWebhookDeliveries,
  replayWebhookDelivery,
} from './webhook-delivery-store.js';
import { createWebhookEndpoint, updateWebhookEndpoint } from './webhook-endpoint-store.js';
import { retryOnDeadlock } from '../db/postgres-errors.js';
import { deterministicEventId, type NewWebhookEvent } from './webhook-event-types.js';

const secrets = SecretBox.fromText('ab'.repeat(32));

function callEvents(callId: string): NewWebhookEvent[] {
  return (['call.started', 'call.ended', 'call.analyzed'] as const).map((type) => ({
    id: deterministicEventId(callId, type),
    type,
    subjectId: callId,
    callId,
    data: { call: { id: callId } },
  }));
}

describe.each(testBackends())('webhook dispatcher on $name', (backend) => {
  let database: SwitchboardDatabase;
  const dispatchers: WebhookDispatcher[] = [];
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    database = await backend.open();
  }, 60_000);
  // A dispatcher serves every organisation of its database: one per test, stopped after it.
  afterEach(async () => {
    for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
  });
  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
    await database?.close();
  });

  async function setUp(options: {
    failureRate?: number;
    respond?: (request: { eventType: string; attempt: number }) => number;
    maxAttempts?: number;
    pauseAfterFailures?: number;
    allowPrivateNetworks?: boolean;
    onEndpointPaused?: (paused: PausedEndpoint) => void;
  }) {
    const organization = await createOrganization(database, { name: `Hooks ${randomUUID()}` });
    const receiver = await startWebhookReceiver({
      ...(options.failureRate !== undefined ? { failureRate: options.failureRate } : {}),
      ...(options.respond !== undefined ? { respond: options.respond } : {}),
    });
    receivers.push(receiver);
    const { endpoint, secret } = await database.forOrganization(organization.id, (trx) =>
      createWebhookEndpoint(trx, secrets, organization.id, {
        url: receiver.url,
        events: ['call.started', 'call.ended', 'call.analyzed'],
      }),
    );
    receiver.setSecret(secret);
    const dispatcher = new WebhookDispatcher({
      database,
      secrets,
      allowPrivateNetworks: options.allowPrivateNetworks ?? true,
      schedule: { maxAttempts: options.maxAttempts ?? 50, baseDelayMs: 10, maxDelayMs: 40 },
      pauseAfterFailures: options.pauseAfterFailures ?? 1_000,
      pollIntervalMs: 50,
      timeoutMs: 2_000,
      onEndpointPaused: async (_trx, paused) => options.onEndpointPaused?.(paused),
    });
    dispatchers.push(dispatcher);
    dispatcher.start();
    const publish = (events: NewWebhookEvent[]) =>
      database.forOrganization(organization.id, (trx) =>
        publishWebhookEvents(trx, organization.id, events),
      );
    return { orgId: organization.id, endpoint, receiver, dispatcher, publish };
  }

  it('delivers a call’s events in order, signed, with a unique event id each', async () => {
    const { receiver, publish } = await setUp({});
    const callId = randomUUID();
    const published = await publish(callEvents(callId));
    expect(published).toEqual({ events: 3, deliveries: 3 });
    // Publishing the same facts again (a replayed journal) adds nothing.
    expect(await publish(callEvents(callId))).toEqual({ events: 0, deliveries: 0 });
    await receiver.waitFor((received) => received.length >= 3);
    expect(receiver.received.map((hook) => hook.eventType)).toEqual([
      'call.started',
      'call.ended',
      'call.analyzed',
    ]);
    expect(receiver.received.every((hook) => hook.signatureValid)).toBe(true);
    expect(new Set(receiver.received.map((hook) => hook.body.id)).size).toBe(3);
    expect(receiver.received[1]?.body).toMatchObject({
      type: 'call.ended',
      data: { call: { id: callId } },
    });
  });

  it('keeps every call in order while the receiver fails half the requests', async () => {
    const { receiver, publish } = await setUp({ failureRate: 0.5 });
    const calls = Array.from({ length: 12 }, () => randomUUID());
    for (const callId of calls) await publish(callEvents(callId));
    await receiver.waitFor(
      (received) => new Set(received.map((hook) => hook.eventId)).size >= calls.length * 3,
      30_000,
    );
    expect(receiver.requests).toBeGreaterThan(calls.length * 3);
    for (const callId of calls) {
      const order = receiver.received
        .filter((hook) => (hook.body.data.call as { id: string }).id === callId)
        .map((hook) => hook.eventType);
      expect(order).toEqual(['call.started', 'call.ended', 'call.analyzed']);
    }
  });

  it('dead-letters after the last attempt, records each attempt, and replays on request', async () => {
    let failing = true;
    const { orgId, receiver, publish } = await setUp({
      respond: () => (failing ? 503 : 200),
      maxAttempts: 3,
    });
    const callId = randomUUID();
    await publish(callEvents(callId).slice(0, 1));
    const failed = await waitForDeliveries(orgId, 'failed', 1);
    const detail = await database.forOrganization(orgId, (trx) =>
      getWebhookDelivery(trx, failed[0]?.id ?? ''),
    );
    expect(detail?.attempts.map((attempt) => attempt.statusCode)).toEqual([503, 503, 503]);
    expect(detail?.attempts[0]?.responseExcerpt).toBe('nope');
    expect(detail?.lastError).toMatch(/503/);
    failing = false;
    const replay = await database.forOrganization(orgId, (trx) =>
      replayWebhookDelivery(trx, failed[0]?.id ?? ''),
    );
    expect(replay?.replayOf).toBe(failed[0]?.id);
    await receiver.waitFor((received) => received.length === 1);
    expect(receiver.received[0]?.eventId).toBe(detail?.eventId);
  });

  it('pauses an endpoint after consecutive failures, tells its owner, and resumes', async () => {
    const paused: PausedEndpoint[] = [];
    let failing = true;
    const { orgId, endpoint, receiver, publish } = await setUp({
      respond: () => (failing ? 500 : 200),
      pauseAfterFailures: 4,
      onEndpointPaused: (info) => paused.push(info),
    });
    await publish(callEvents(randomUUID()));
    await publish(callEvents(randomUUID()));
    await waitUntil(() => paused.length === 1);
    expect(paused[0]?.endpointId).toBe(endpoint.id);
    expect(paused[0]?.consecutiveFailures).toBeGreaterThanOrEqual(4);
    failing = false;
    // As the API does: resuming races the dispatcher still recording the last failures.
    await retryOnDeadlock(() =>
      database.forOrganization(orgId, (trx) =>
        updateWebhookEndpoint(trx, endpoint.id, { active: true }),
      ),
    );
    await receiver.waitFor((received) => received.length === 6);
  });

  it('refuses private addresses unless they are allowed', async () => {
    const { orgId, publish } = await setUp({ allowPrivateNetworks: false, maxAttempts: 1 });
    await publish(callEvents(randomUUID()).slice(0, 1));
    const [failed] = await waitForDeliveries(orgId, 'failed', 1);
    expect(failed?.lastError).toMatch(/private or local/);
  });

  async function waitForDeliveries(orgId: string, status: 'failed' | 'delivered', count: number) {
    for (let tries = 0; tries < 400; tries += 1) {
      const rows = await database.forOrganization(orgId, (trx) =>
        listWebhookDeliveries(trx, { status }, { limit: 50 }),
      );
      if (rows.length >= count) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${count} ${status} deliveries`);
  }
});

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
