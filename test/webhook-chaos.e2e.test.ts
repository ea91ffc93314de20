import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCallerSpeech } from '../src/cli/caller-speech.js';
import {
  DEMO_ACCOUNT_SID,
  DEMO_AUTH_TOKEN,
  DEMO_NUMBER,
  startDemoEnvironment,
  type DemoEnvironment,
} from '../src/cli/demo-environment.js';
import { initialApiKeyPath } from '../src/platform/tenancy/bootstrap-api-key.js';
import { SimulatedCaller } from '../src/testing/simulated-caller/simulated-caller.js';
import {
  startWebhookReceiver,
  type ReceivedWebhook,
  type WebhookReceiver,
} from '../src/testing/webhook-receiver/index.js';
import { WEBHOOK_EVENT_TYPES } from '../src/platform/webhooks/webhook-event-types.js';
import { createApiClient } from './support/api-client.js';
import {
  serverProcessEnv,
  startServerProcess,
  type ServerProcess,
} from './support/server-process.js';
import { TEST_CALLER_NUMBER } from './support/test-stack.js';

const speech = createCallerSpeech('rms');
const SCRIPT = ['Hi, I need my car looked at.', 'Thanks, goodbye.'];
/** Order of a subject's events that share a transaction (and so a timestamp). */
const RANK: Record<string, number> = {
  'call.started': 0,
  'transcript.updated': 1,
  'call.ended': 2,
  'call.analyzed': 3,
  'appointment.booked': 0,
  'appointment.rescheduled': 1,
  'appointment.cancelled': 2,
};

function subjectOf(hook: ReceivedWebhook): string {
  const data = hook.body.data as {
    call?: { id: string };
    callId?: string;
    appointment?: { id: string };
  };
  return data.call?.id ?? data.callId ?? data.appointment?.id ?? 'unknown';
}

/** Every event ever accepted, deduplicated, and whether each subject's arrivals kept their order. */
function judge(received: readonly ReceivedWebhook[]) {
  const bySubject = new Map<string, ReceivedWebhook[]>();
  for (const hook of received) {
    const list = bySubject.get(subjectOf(hook)) ?? [];
    list.push(hook);
    bySubject.set(subjectOf(hook), list);
  }
  const outOfOrder: string[] = [];
  for (const [subject, hooks] of bySubject) {
    // At least once: a repeat of an event already seen is fine; a new event must come after all
    // earlier ones of its subject.
    const seen = new Set<string>();
    const firstArrivals = hooks.filter((hook) => {
      if (seen.has(hook.eventId)) return false;
      seen.add(hook.eventId);
      return true;
    });
    const sorted = [...firstArrivals].sort(
      (a, b) =>
        a.body.createdAt.localeCompare(b.body.createdAt) ||
        (RANK[a.eventType] ?? 9) - (RANK[b.eventType] ?? 9),
    );
    if (sorted.some((hook, index) => hook.eventId !== firstArrivals[index]?.eventId)) {
      outOfOrder.push(
        `${subject}: ${firstArrivals.map((hook) => `${hook.eventType}@${hook.body.createdAt}`).join(', ')}`,
      );
    }
  }
  return { eventIds: new Set(received.map((hook) => hook.eventId)), outOfOrder };
}

describe('webhooks to a receiver that fails half the time, across two server restarts', () => {
  let demo: DemoEnvironment | undefined;
  let receiver: WebhookReceiver | undefined;
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await demo?.close();
    await receiver?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every event at least once, in order per call and per appointment', async () => {
    demo = await startDemoEnvironment({ script: SCRIPT });
    receiver = await startWebhookReceiver({ failureRate: 0.5 });
    dataDir = await mkdtemp(join(tmpdir(), 'switchboard-chaos-'));
    const env = {
      ...serverProcessEnv(demo, dataDir),
      ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_PAUSE_AFTER_FAILURES: '100000',
    };
    server = await startServerProcess(env);
    const apiKey = (await readFile(initialApiKeyPath(dataDir), 'utf8')).trim();
    const call = createApiClient(
      () => server!.url,
      () => apiKey,
    );
    // Every request here must succeed: a failure says which and why.
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const reply = await call<T>(method, path, body);
      if (reply.status >= 400)
        throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body;
    };
    const placeCalls = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          new SimulatedCaller({
            serverUrl: server!.url,
            publicUrl: server!.publicUrl,
            accountSid: DEMO_ACCOUNT_SID,
            authToken: DEMO_AUTH_TOKEN,
            from: TEST_CALLER_NUMBER,
            to: DEMO_NUMBER,
            script: SCRIPT.map((say) => ({ say })),
            speech,
            endWaitMs: 15_000,
          })
            .run()
            .catch(() => undefined),
        ),
      );

    const endpoint = await api<{ secret: string }>('POST', '/v1/webhook-endpoints', {
      url: receiver.url,
      events: [...WEBHOOK_EVENT_TYPES],
    });
    receiver.setSecret(endpoint.secret);
    const allWeek = Array.from({ length: 7 }, (_, weekday) => ({
      weekday,
      opens: '00:00',
      closes: '24:00',
    }));
    await api('PUT', '/v1/business-hours', { hours: allWeek });
    for (let bay = 1; bay <= 4; bay += 1)
      await api('POST', '/v1/service-bays', { name: `Bay ${bay}` });
    const customer = await api<{ id: string }>('POST', '/v1/customers', {
      firstName: 'Chaos',
      lastName: 'Monkey',
      phone: '+14155550123',
    });
    const day = 24 * 60 * 60 * 1000;
    const at = (days: number, hour: number) => {
      const date = new Date(Date.now() + days * day);
      date.setUTCHours(hour, 0, 0, 0);
      return date.toISOString();
    };

    // Life 1: calls and bookings, then SIGKILL with deliveries (and maybe analyses) in flight.
    const appointments: string[] = [];
    const calls = placeCalls(2);
    for (let index = 0; index < 8; index += 1) {
      const booked = await api<{ id: string }>('POST', '/v1/appointments', {
        customerId: customer.id,
        serviceType: `service ${index}`,
        startsAt: at(2 + index, 10),
      });
      appointments.push(booked.id);
    }
    await calls;
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGKILL');
    await server.exited;

    // Life 2: reschedules and more calls, then a graceful stop.
    server = await startServerProcess(env);
    const moreCalls = placeCalls(2);
    for (const [index, id] of appointments.entries())
      await api('POST', `/v1/appointments/${id}/reschedule`, { startsAt: at(2 + index, 14) });
    await moreCalls;
    server.child.kill('SIGTERM');
    await server.exited;

    // Life 3: cancellations and a last call, then wait for everything to be delivered.
    server = await startServerProcess(env);
    const lastCall = placeCalls(1);
    for (const id of appointments)
      await api('POST', `/v1/appointments/${id}/cancel`, { reason: 'chaos' });
    await lastCall;

    const deadline = Date.now() + 120_000;
    for (;;) {
      const callList = await api<{ data: { analysisStatus: string }[] }>(
        'GET',
        '/v1/calls?limit=50',
      );
      const pending = await api<{ data: unknown[] }>(
        'GET',
        '/v1/webhook-deliveries?status=pending&limit=1',
      );
      const analysed = callList.data.every((call) => call.analysisStatus === 'done');
      if (analysed && pending.data.length === 0) break;
      if (Date.now() > deadline) throw new Error('deliveries still pending after 120 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    // Every event the server recorded was accepted at least once, in order.
    const expected = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { data: { eventId: string; status: string }[]; nextCursor: string | null } =
        await api(
          'GET',
          `/v1/webhook-deliveries?limit=200${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
      for (const delivery of page.data) {
        expect(delivery.status).toBe('delivered');
        expect(delivery.status).not.toBe('failed');
        expected.add(delivery.eventId);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    const { eventIds, outOfOrder } = judge(receiver.received);
    const missing = [...expected].filter((id) => !eventIds.has(id));
    expect(missing).toEqual([]);
    expect(outOfOrder).toEqual([]);
    // The chaos was real: many requests failed, and all five calls and 24 appointment changes came through.
    expect(receiver.requests).toBeGreaterThan(receiver.received.length * 1.5);
    const types = receiver.received.map((hook) => hook.eventType);
    expect(types.filter((type) => type === 'call.analyzed').length).toBeGreaterThanOrEqual(5);
    expect(
      new Set(types.filter((type) => type.startsWith('appointment.')).map((t) => t)).size,
    ).toBe(3);
    expect(receiver.received.every((hook) => hook.signatureValid)).toBe(true);
  }, 300_000);
});
