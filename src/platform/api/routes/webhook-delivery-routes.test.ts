import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import { publishWebhookEvents } from '../../webhooks/publish-webhook-events.js';
import type { WebhookEventType } from '../../webhooks/webhook-event-types.js';
import { encodeCursor } from '../http/cursor-pagination.js';

interface Delivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  callId: string | null;
  status: string;
  replayOf: string | null;
}

interface DeliveryDetail extends Delivery {
  event: { id: string; type: string; data: Record<string, unknown> };
  attempts: {
    attempt: number;
    latencyMs: number;
    statusCode: number | null;
    error: string | null;
    responseExcerpt: string | null;
  }[];
}

interface Page {
  data: Delivery[];
  nextCursor: string | null;
}

async function json<T>(org: TestOrganization, method: string, path: string, body?: unknown) {
  const response = await org.request(method, path, body);
  return { status: response.status, body: (await response.json()) as T };
}

describe.each(testBackends())('webhook delivery API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let crm: string;
  let audit: string;
  const callA = randomUUID();
  const callB = randomUUID();

  const publish = (type: WebhookEventType, callId: string) =>
    context.database.forOrganization(org.orgId, (trx) =>
      publishWebhookEvents(trx, org.orgId, [
        { id: randomUUID(), type, subjectId: callId, callId, data: { callId, type } },
      ]),
    );

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Delivery Motors');
    const endpoint = async (events: string[]) =>
      (
        await json<{ id: string }>(org, 'POST', '/v1/webhook-endpoints', {
          url: 'https://example.com/hooks',
          events,
        })
      ).body.id;
    crm = await endpoint(['call.ended', 'call.analyzed']);
    audit = await endpoint(['*']);
    await publish('call.started', callA); // audit only
    await publish('call.ended', callA); // both
    await publish('call.ended', callB); // both
    await publish('call.analyzed', callB); // both
  }, 60_000);
  afterAll(async () => context?.close());

  it('lists deliveries newest first and follows the cursor to the end', async () => {
    const seen: Delivery[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page: { body: Page } = await json<Page>(
        org,
        'GET',
        `/v1/webhook-deliveries?limit=3${query}`,
      );
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((delivery) => delivery.id)).size).toBe(7);
    expect(seen[0]).toMatchObject({ eventType: 'call.analyzed', callId: callB, status: 'pending' });
    expect(seen.at(-1)).toMatchObject({ eventType: 'call.started', endpointId: audit });
  });

  it('filters by endpoint, call, event type and status', async () => {
    const list = async (query: string) =>
      (await json<Page>(org, 'GET', `/v1/webhook-deliveries?${query}`)).body.data;
    expect(await list(`endpointId=${crm}`)).toHaveLength(3);
    expect(await list(`callId=${callA}`)).toHaveLength(3);
    expect(await list(`callId=${callB}&endpointId=${audit}&eventType=call.analyzed`)).toHaveLength(
      1,
    );
    expect(await list('status=pending')).toHaveLength(7);
    expect(await list('status=delivered')).toEqual([]);
    const bad = await org.request('GET', '/v1/webhook-deliveries?status=lost');
    expect(bad.status).toBe(422);
    const forged = await org.request(
      'GET',
      `/v1/webhook-deliveries?cursor=${encodeCursor(['1 or 1=1'])}`,
    );
    expect(forged.status).toBe(400);
  });

  it('gets a delivery with its event and attempts', async () => {
    const [delivery] = (await json<Page>(org, 'GET', `/v1/webhook-deliveries?endpointId=${crm}`))
      .body.data;
    if (delivery === undefined) throw new Error('no delivery');
    await context.database.forOrganization(org.orgId, (trx) =>
      trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: delivery.id,
          attempt: 1,
          org_id: org.orgId,
          started_at: new Date(),
          latency_ms: 120,
          status_code: 503,
          error: 'HTTP 503',
          response_excerpt: 'upstream unavailable',
        })
        .execute(),
    );
    const detail = await json<DeliveryDetail>(org, 'GET', `/v1/webhook-deliveries/${delivery.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.event).toMatchObject({
      id: delivery.eventId,
      type: 'call.analyzed',
      data: { callId: callB, type: 'call.analyzed' },
    });
    expect(detail.body.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        latencyMs: 120,
        statusCode: 503,
        error: 'HTTP 503',
        responseExcerpt: 'upstream unavailable',
      }),
    ]);
  });

  it('replays a delivery as a new one carrying the same event', async () => {
    const [original] = (await json<Page>(org, 'GET', `/v1/webhook-deliveries?callId=${callA}`)).body
      .data;
    if (original === undefined) throw new Error('no delivery');
    const replay = await json<Delivery>(
      org,
      'POST',
      `/v1/webhook-deliveries/${original.id}/replay`,
    );
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({
      endpointId: original.endpointId,
      eventId: original.eventId,
      status: 'pending',
      replayOf: original.id,
    });
    expect(replay.body.id).not.toBe(original.id);
    const [newest] = (await json<Page>(org, 'GET', '/v1/webhook-deliveries?limit=1')).body.data;
    expect(newest?.id).toBe(replay.body.id);
  });

  it('answers 404 for a delivery that does not exist', async () => {
    const id = randomUUID();
    expect((await org.request('GET', `/v1/webhook-deliveries/${id}`)).status).toBe(404);
    expect((await org.request('POST', `/v1/webhook-deliveries/${id}/replay`)).status).toBe(404);
  });
});
