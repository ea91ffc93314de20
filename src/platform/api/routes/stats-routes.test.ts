import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startApiTestContext,
  type ApiTestContext,
  type TestOrganization,
} from '../../../testing/api/api-test-context.js';
import { testBackends } from '../../../testing/database/test-databases.js';
import type { CallDisposition } from '../../db/database-schema.js';

interface Overview {
  from: string;
  to: string;
  timeZone: string;
  days: {
    date: string;
    calls: number;
    minutes: number;
    avgLatencyMs: number | null;
    p95LatencyMs: number | null;
  }[];
  outcomes: { outcome: string; count: number }[];
  providers: { provider: string; kind: string; minutes: number; cost: string }[];
  totals: {
    calls: number;
    minutes: number;
    cost: string;
    avgLatencyMs: number | null;
    p95LatencyMs: number | null;
  };
}

interface SeededCall {
  readonly createdAt: string;
  readonly durationMs?: number;
  readonly disposition?: CallDisposition;
  readonly ended?: boolean;
  readonly turnsMs?: readonly number[];
  readonly usage?: readonly {
    kind: 'stt' | 'llm' | 'tts' | 'telephony';
    provider: string;
    seconds: string;
    cost: string;
  }[];
}

/** Seeds calls with their turn metrics and usage straight into the tables, in the organisation. */
async function seedCalls(
  context: ApiTestContext,
  org: TestOrganization,
  calls: readonly SeededCall[],
): Promise<void> {
  await context.database.forOrganization(org.orgId, async (trx) => {
    for (const call of calls) {
      const id = randomUUID();
      const ended = call.ended ?? true;
      await trx
        .insertInto('calls')
        .values({
          id,
          org_id: org.orgId,
          direction: 'inbound',
          status: ended ? 'completed' : 'in-progress',
          from_number: '+15557000001',
          to_number: '+15550100000',
          carrier: 'twilio',
          routed_by: 'number',
          created_at: call.createdAt,
          ended_at: ended ? call.createdAt : null,
          duration_ms: ended ? (call.durationMs ?? 60_000) : null,
          disposition: call.disposition ?? null,
          total_cost: '0',
        })
        .execute();
      const turns = call.turnsMs ?? [];
      if (turns.length > 0) {
        await trx
          .insertInto('call_turn_metrics')
          .values(
            turns.map((totalMs, turn) => ({
              call_id: id,
              org_id: org.orgId,
              turn,
              endpointing_ms: 0,
              stt_ms: 0,
              llm_ms: totalMs,
              tts_ms: 0,
              tool_ms: 0,
              overhead_ms: 0,
              total_ms: totalMs,
            })),
          )
          .execute();
      }
      const usage = call.usage ?? [];
      if (usage.length > 0) {
        await trx
          .insertInto('call_usage')
          .values(
            usage.map((row, seq) => ({
              call_id: id,
              org_id: org.orgId,
              seq,
              kind: row.kind,
              provider: row.provider,
              model: 'model',
              audio_seconds: row.seconds,
              cost: row.cost,
            })),
          )
          .execute();
      }
    }
  });
}

describe.each(testBackends())('stats API on $name', (backend) => {
  let context: ApiTestContext;
  let org: TestOrganization;
  let other: TestOrganization;

  const overview = async (organization: TestOrganization, query = '') => {
    const response = await organization.request('GET', `/v1/stats/overview${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Overview;
  };
  // New York around the start of daylight saving time (2025-03-09, 02:00 → 03:00).
  const range = '?from=2025-03-08T05:00:00Z&to=2025-03-11T04:00:00Z';

  beforeAll(async () => {
    context = await startApiTestContext(backend);
    org = await context.createOrganization('Stats Motors');
    other = await context.createOrganization('Elsewhere');
    await context.database.asSystem('administration', (db) =>
      db
        .updateTable('organizations')
        .set({ time_zone: 'America/New_York' })
        .where('id', '=', org.orgId)
        .execute(),
    );
    const twilio = (seconds: string, cost: string) =>
      ({ kind: 'telephony', provider: 'twilio', seconds, cost }) as const;
    await seedCalls(context, org, [
      // 2025-03-08 in New York (UTC-5).
      {
        createdAt: '2025-03-08T15:00:00Z',
        durationMs: 90_000,
        disposition: 'completed',
        turnsMs: [100, 200, 300, 400, 1000],
        usage: [
          twilio('90.000', '0.100001'),
          { kind: 'llm', provider: 'openai', seconds: '0', cost: '0.000171' },
          { kind: 'llm', provider: 'openai', seconds: '0', cost: '0.000171' },
        ],
      },
      {
        createdAt: '2025-03-08T16:00:00Z',
        durationMs: 30_000,
        disposition: 'voicemail',
        usage: [twilio('30.000', '0.200002')],
      },
      // 23:30 on 2025-03-09 in New York (already UTC-4), though 2025-03-10 in UTC.
      {
        createdAt: '2025-03-10T03:30:00Z',
        durationMs: 60_000,
        turnsMs: [500, 700],
        usage: [
          twilio('60.000', '0.100000'),
          { kind: 'stt', provider: 'deepgram', seconds: '60.000', cost: '0.007700' },
        ],
      },
      // Still running: no disposition, no end.
      { createdAt: '2025-03-09T12:00:00Z', ended: false },
      // Outside the range: the first instant after it, and the last one before it.
      { createdAt: '2025-03-11T04:00:00Z', disposition: 'completed', turnsMs: [9000] },
      { createdAt: '2025-03-08T04:59:59Z', disposition: 'completed', turnsMs: [9000] },
    ]);
  }, 60_000);
  afterAll(async () => context?.close());

  it('counts calls and minutes per local day, every day present', async () => {
    const body = await overview(org, range);
    expect(body.timeZone).toBe('America/New_York');
    expect(body.from).toBe('2025-03-08T05:00:00.000Z');
    expect(body.to).toBe('2025-03-11T04:00:00.000Z');
    expect(body.days).toEqual([
      { date: '2025-03-08', calls: 2, minutes: 2, avgLatencyMs: 400, p95LatencyMs: 880 },
      { date: '2025-03-09', calls: 2, minutes: 1, avgLatencyMs: 600, p95LatencyMs: 690 },
      { date: '2025-03-10', calls: 0, minutes: 0, avgLatencyMs: null, p95LatencyMs: null },
    ]);
  });

  it('reports outcomes, provider usage and exact totals', async () => {
    const body = await overview(org, range);
    expect(body.outcomes).toEqual([
      { outcome: 'completed', count: 1 },
      { outcome: 'in-progress', count: 1 },
      { outcome: 'unknown', count: 1 },
      { outcome: 'voicemail', count: 1 },
    ]);
    expect(body.providers).toEqual([
      { provider: 'twilio', kind: 'telephony', minutes: 3, cost: '0.400003' },
      { provider: 'deepgram', kind: 'stt', minutes: 1, cost: '0.007700' },
      { provider: 'openai', kind: 'llm', minutes: 0, cost: '0.000342' },
    ]);
    // Turns 100 200 300 400 500 700 1000: mean 457.1; rank 0.95 × 6 = 5.7 → 700 + 0.7 × 300.
    expect(body.totals).toEqual({
      calls: 4,
      minutes: 3,
      cost: '0.408045',
      avgLatencyMs: 457,
      p95LatencyMs: 910,
    });
  });

  it('defaults to the last 30 days in the organisation time zone', async () => {
    const body = await overview(org);
    expect(body.days).toHaveLength(30);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
      new Date(body.to),
    );
    expect(body.days.at(-1)?.date).toBe(today);
    expect(Date.now() - Date.parse(body.to)).toBeLessThan(60_000);
    expect(body.totals).toMatchObject({ calls: 0, cost: '0.000000', p95LatencyMs: null });
    // Only `to`: the 30 local days up to it.
    const until = await overview(org, '?to=2025-03-11T04:00:00Z');
    expect(until.days).toHaveLength(30);
    expect(until.days[0]?.date).toBe('2025-02-09');
    expect(until.days.at(-1)?.date).toBe('2025-03-10');
    expect(until.totals.calls).toBe(5);
  });

  it('refuses reversed, empty and overlong ranges, naming the parameter', async () => {
    const problem = async (query: string) => {
      const response = await org.request('GET', `/v1/stats/overview${query}`);
      expect(response.status, query).toBe(400);
      return (await response.json()) as { code: string; errors: { path: string }[] };
    };
    const reversed = await problem('?from=2025-03-11T00:00:00Z&to=2025-03-01T00:00:00Z');
    expect(reversed.code).toBe('invalid_range');
    expect(reversed.errors.map((error) => error.path)).toEqual(['query.to']);
    const empty = await problem('?from=2025-03-11T00:00:00Z&to=2025-03-11T00:00:00Z');
    expect(empty.errors.map((error) => error.path)).toEqual(['query.to']);
    const long = await problem('?from=2024-01-01T00:00:00Z&to=2025-03-01T00:00:00Z');
    expect(long.errors.map((error) => error.path)).toEqual(['query.from']);
    const future = await problem(`?from=${new Date(Date.now() + 86_400_000).toISOString()}`);
    expect(future.errors.map((error) => error.path)).toEqual(['query.from']);
    const malformed = await org.request('GET', '/v1/stats/overview?from=yesterday');
    expect(malformed.status).toBe(422);
    // 366 days exactly is allowed.
    const year = await overview(org, '?from=2024-03-10T05:00:00Z&to=2025-03-11T04:00:00Z');
    expect(year.days).toHaveLength(366);
  });

  it('shows another organisation none of the calls', async () => {
    const body = await overview(other, range);
    expect(body.timeZone).toBe('UTC');
    expect(body.days.map((day) => day.calls)).toEqual([0, 0, 0, 0]);
    expect(body.outcomes).toEqual([]);
    expect(body.providers).toEqual([]);
    expect(body.totals).toEqual({
      calls: 0,
      minutes: 0,
      cost: '0.000000',
      avgLatencyMs: null,
      p95LatencyMs: null,
    });
  });
});
