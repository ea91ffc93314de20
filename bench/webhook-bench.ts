/**
 * The webhook delivery benchmark: events published in tenant transactions at a steady rate, the
 * real dispatcher signing and posting them to a healthy local receiver (node:http on 127.0.0.1).
 * Measures the sustained delivery rate and enqueue-to-delivery latency (from the commit of the
 * publishing transaction to the receiver reading the request). Prints one JSON line on stdout.
 *
 *   npx tsx bench/webhook-bench.ts [--rate 600] [--seconds 20]          # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/webhook-bench.ts        # a Postgres server
 *
 * Events come in ordered groups of three per subject (like a call's started/ended/analyzed),
 * published in separate transactions, so ordering is exercised as in production.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/platform/db/open-database.js';
import type { SwitchboardDatabase } from '../src/platform/db/switchboard-database.js';
import { createOrganization } from '../src/platform/tenancy/organizations.js';
import { SecretBox } from '../src/platform/tenancy/secret-box.js';
import { publishWebhookEvents } from '../src/platform/webhooks/publish-webhook-events.js';
import { WebhookDispatcher } from '../src/platform/webhooks/webhook-dispatcher.js';
import { createWebhookEndpoint } from '../src/platform/webhooks/webhook-endpoint-store.js';
import type { NewWebhookEvent } from '../src/platform/webhooks/webhook-event-types.js';
import { openTestSchema } from '../src/testing/database/test-databases.js';
import { startWebhookReceiver } from '../src/testing/webhook-receiver/index.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '600' },
    seconds: { type: 'string', default: '20' },
    /** Transactions per second the events are spread over. */
    ticks: { type: 'string', default: '100' },
    /** Deliveries waiting on a failing endpoint of another organisation before the run starts. */
    backlog: { type: 'string', default: '0' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const ticksPerSecond = Number(values.ticks);
const backlog = Number(values.backlog);

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  const database: SwitchboardDatabase =
    url !== undefined && url !== '' ? await openTestSchema(url) : await openDatabase();
  const secrets = new SecretBox(Buffer.alloc(32, 7));
  const receiver = await startWebhookReceiver();
  const organization = await createOrganization(database, { name: `Bench ${randomUUID()}` });
  const orgId = organization.id;
  const { secret } = await database.forOrganization(orgId, (trx) =>
    createWebhookEndpoint(trx, secrets, orgId, {
      url: receiver.url,
      events: ['call.started', 'call.ended', 'call.analyzed'],
    }),
  );
  receiver.setSecret(secret);
  const dispatcher = new WebhookDispatcher({ database, secrets, allowPrivateNetworks: true });
  if (backlog > 0) await addBacklog(database, secrets, backlog);
  dispatcher.start();

  const committedAt = new Map<string, number>();
  const types = ['call.started', 'call.ended', 'call.analyzed'] as const;
  const perTick = rate / ticksPerSecond;
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  let published = 0;
  let carry = 0;
  // Subjects in flight: each gets its three events on three successive ticks.
  let subjects: { id: string; next: number }[] = [];
  const totalTicks = seconds * ticksPerSecond;
  for (let tick = 0; tick < totalTicks; tick += 1) {
    const due = started + (tick * 1000) / ticksPerSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    carry += perTick;
    const count = Math.floor(carry);
    carry -= count;
    const events: NewWebhookEvent[] = [];
    const advancing = subjects.filter((subject) => subject.next < types.length).slice(0, count);
    for (const subject of advancing) {
      const type = types[subject.next] ?? 'call.analyzed';
      subject.next += 1;
      events.push({
        id: randomUUID(),
        type,
        subjectId: subject.id,
        callId: subject.id,
        data: { call: { id: subject.id } },
      });
    }
    for (let fresh = advancing.length; fresh < count; fresh += 1) {
      const id = randomUUID();
      subjects.push({ id, next: 1 });
      events.push({
        id: randomUUID(),
        type: 'call.started',
        subjectId: id,
        callId: id,
        data: { call: { id } },
      });
    }
    subjects = subjects.filter((subject) => subject.next < types.length);
    await database.forOrganization(orgId, (trx) => publishWebhookEvents(trx, orgId, events));
    const now = Date.now();
    for (const event of events) committedAt.set(event.id, now);
    published += events.length;
  }
  const publishEnded = Date.now();
  await receiver
    .waitFor((received) => received.length >= published, 120_000)
    .catch(() => undefined);
  const cpu = process.cpuUsage(cpuBefore);
  const wall = Date.now() - started;
  const latencies = receiver.received
    .map((hook) => hook.receivedAt - (committedAt.get(hook.eventId) ?? Number.NaN))
    .filter((value) => Number.isFinite(value))
    .sort((a, b) => a - b);
  const lastDelivery = receiver.received.at(-1)?.receivedAt ?? publishEnded;
  const claims = dispatcher.claims;
  await dispatcher.stop();
  await receiver.close();
  await database.close();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'webhooks',
      backend: database.backend,
      targetRate: rate,
      seconds,
      backlog,
      published,
      delivered: receiver.received.length,
      requests: receiver.requests,
      sustainedPerSecond: Math.round((receiver.received.length / (lastDelivery - started)) * 1000),
      drainMsAfterLastPublish: lastDelivery - publishEnded,
      latencyMs: {
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        max: percentile(latencies, 1),
      },
      claimsPerSecond: Math.round((claims / wall) * 1000),
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 1000) / 10,
      allSigned: receiver.received.every((hook) => hook.signatureValid),
    })}\n`,
  );
}

/**
 * Another organisation whose endpoint refuses connections, with `count` events of as many calls
 * pending: they fail, back off, and must not slow anyone else's deliveries.
 */
async function addBacklog(
  database: SwitchboardDatabase,
  secrets: SecretBox,
  count: number,
): Promise<void> {
  const other = await createOrganization(database, { name: `Backlog ${randomUUID()}` });
  await database.forOrganization(other.id, (trx) =>
    createWebhookEndpoint(trx, secrets, other.id, {
      url: 'http://127.0.0.1:9/closed',
      events: ['call.ended'],
    }),
  );
  for (let start = 0; start < count; start += 1000) {
    const events: NewWebhookEvent[] = Array.from({ length: Math.min(1000, count - start) }, () => {
      const id = randomUUID();
      return { id: randomUUID(), type: 'call.ended', subjectId: id, callId: id, data: {} };
    });
    await database.forOrganization(other.id, (trx) => publishWebhookEvents(trx, other.id, events));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
