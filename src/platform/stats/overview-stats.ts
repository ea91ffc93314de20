import { sql } from 'kysely';
import type { TenantTransaction } from '../db/switchboard-database.js';
import { queryCallVolume } from './call-volume-query.js';
import { queryProviderUsage, type ProviderUsageRow } from './provider-usage-query.js';
import { resolveStatsWindow, type StatsRangeRequest } from './stats-window.js';
import { queryTurnLatency, type TurnLatencyRow } from './turn-latency-query.js';

/** One local day of the overview; days without calls are present with zeros. */
export interface OverviewDay {
  /** `YYYY-MM-DD` in the organisation's time zone. */
  readonly date: string;
  readonly calls: number;
  /** Summed call duration, in minutes to 0.01. */
  readonly minutes: number;
  /** Mean turn latency of the day's calls; null when they had no turns. */
  readonly avgLatencyMs: number | null;
  readonly p95LatencyMs: number | null;
}

/** How many calls ended one way. */
export interface OverviewOutcome {
  /** A call disposition, or `in-progress` (not ended yet) or `unknown` (ended without one). */
  readonly outcome: string;
  readonly count: number;
}

/** The organisation's calls over a window: volume, outcomes, latency and what providers cost. */
export interface OverviewStats {
  readonly from: Date;
  readonly to: Date;
  readonly timeZone: string;
  readonly days: OverviewDay[];
  /** Most frequent first. */
  readonly outcomes: OverviewOutcome[];
  /** By kind (telephony, stt, llm, tts), then provider name. */
  readonly providers: ProviderUsageRow[];
  readonly totals: {
    readonly calls: number;
    readonly minutes: number;
    /** Exact decimal with six places. */
    readonly cost: string;
    readonly avgLatencyMs: number | null;
    readonly p95LatencyMs: number | null;
  };
}

/** Memory each hash aggregate of the statistics queries may use before it spills to disk. */
const STATS_WORK_MEM = '64MB';

const toMinutes = (durationMs: number): number => Math.round(durationMs / 600) / 100;

/**
 * The overview of the organisation's calls created in `[from, to)`, in its time zone: calls and
 * minutes per day, outcomes, turn latency per day and overall, minutes and cost per provider.
 * Three aggregate queries, each one range scan of the window's calls (`calls_org_created_idx`)
 * with their turn and usage rows looked up by primary key: the cost grows with the calls in the
 * window (about 20 rows each), not with the organisation's history. That is still seconds for a
 * window of a few hundred thousand calls; `bench/stats-bench.ts` measures it. Raises `work_mem`
 * and turns JIT off for the rest of the transaction, so run it in a transaction of its own.
 *
 * @throws StatsRangeError when the range is reversed or too long.
 */
export async function getOverviewStats(
  trx: TenantTransaction,
  orgId: string,
  request: StatsRangeRequest,
  now: Date = new Date(),
): Promise<OverviewStats> {
  const window = await resolveStatsWindow(trx, orgId, request, now);
  // The latency histogram is a hash aggregate over (day, latency): tens of thousands of groups in
  // a busy month, which spill to disk under the default 4 MB. The per-call lookups make the
  // planner's cost estimate large enough to compile the queries with JIT, which takes longer
  // (a third of a second) than it saves. Both settings end with this transaction.
  await sql`select set_config('work_mem', ${STATS_WORK_MEM}, true), set_config('jit', 'off', true)`.execute(
    trx,
  );
  const volume = await queryCallVolume(trx, window);
  const latency = await queryTurnLatency(trx, window);
  const usage = await queryProviderUsage(trx, window);

  const perDay = new Map<string, { calls: number; durationMs: number }>();
  const perOutcome = new Map<string, number>();
  for (const row of volume) {
    const day = perDay.get(row.day) ?? { calls: 0, durationMs: 0 };
    day.calls += row.calls;
    day.durationMs += row.durationMs;
    perDay.set(row.day, day);
    perOutcome.set(row.outcome, (perOutcome.get(row.outcome) ?? 0) + row.calls);
  }
  const latencyByDay = new Map<string | null, TurnLatencyRow>(latency.map((row) => [row.day, row]));
  const days = window.days.map((date) => {
    const day = perDay.get(date);
    const turns = latencyByDay.get(date);
    return {
      date,
      calls: day?.calls ?? 0,
      minutes: toMinutes(day?.durationMs ?? 0),
      avgLatencyMs: turns?.avgMs ?? null,
      p95LatencyMs: turns?.p95Ms ?? null,
    };
  });
  const outcomes = [...perOutcome]
    .map(([outcome, count]) => ({ outcome, count }))
    .sort((left, right) => right.count - left.count || left.outcome.localeCompare(right.outcome));
  const overall = latencyByDay.get(null);
  const totalDurationMs = volume.reduce((sum, row) => sum + row.durationMs, 0);
  return {
    from: window.from,
    to: window.to,
    timeZone: window.timeZone,
    days,
    outcomes,
    providers: usage.providers,
    totals: {
      calls: volume.reduce((sum, row) => sum + row.calls, 0),
      minutes: toMinutes(totalDurationMs),
      cost: usage.totalCost,
      avgLatencyMs: overall?.avgMs ?? null,
      p95LatencyMs: overall?.p95Ms ?? null,
    },
  };
}
