import { sql } from 'kysely';
import type { TenantTransaction } from '../db/switchboard-database.js';
import type { StatsWindow } from './stats-window.js';

/** Response time over the turns of one local day's calls (or of the whole window). */
export interface TurnLatencyRow {
  /** `YYYY-MM-DD`, or null for the whole window. */
  readonly day: string | null;
  readonly turns: number;
  /** Mean of `total_ms`, rounded to whole milliseconds. */
  readonly avgMs: number;
  /** The 95th percentile of `total_ms`, interpolated as `percentile_cont` does, rounded. */
  readonly p95Ms: number;
}

/** Which percentile the overview reports. */
const PERCENTILE = 0.95;

/**
 * Average and 95th-percentile turn latency (`call_turn_metrics.total_ms`) per local day of the
 * call's creation, and over the whole window.
 *
 * Sorting millions of turns for `percentile_cont` would dominate the cost, so the turns are first
 * counted per (day, total_ms) in a hash aggregate: latencies are whole milliseconds in a narrow
 * range, so a day has at most a few thousand distinct values. The window's histogram is the sum
 * of the days'. The percentile is read off the running counts: exactly `percentile_cont(0.95)`,
 * interpolating between the two values around rank 0.95 × (n − 1), as the per-call percentiles of
 * the call list are computed.
 *
 * Each call's turns are read by its primary key (`offset 0` keeps the lateral subquery a
 * per-call lookup): the work grows with the calls in the window, never with the organisation's
 * history, which a hash join would scan whole. The day is worked out once per call, for the
 * same reason.
 */
export async function queryTurnLatency(
  trx: TenantTransaction,
  window: StatsWindow,
): Promise<TurnLatencyRow[]> {
  const { rows } = await sql<{
    day: string | null;
    turns: number;
    sum_ms: number;
    low_ms: number;
    high_ms: number;
    fraction: number;
  }>`
    with histogram as (
      select window_calls.day, metric.total_ms, count(*)::float8 as turns
      from (
        select id, (created_at at time zone ${window.timeZone})::date as day
        from calls
        where created_at >= ${window.from} and created_at < ${window.to}
        offset 0
      ) as window_calls
      cross join lateral (
        select total_ms from call_turn_metrics where call_id = window_calls.id offset 0
      ) as metric
      group by window_calls.day, metric.total_ms
    ), combined as (
      select day, total_ms, turns from histogram
      union all
      select null, total_ms, sum(turns) from histogram group by total_ms
    ), ranked as (
      select day, total_ms,
        sum(turns) over (partition by day order by total_ms) as running,
        sum(turns) over (partition by day) as total,
        sum(turns * total_ms) over (partition by day) as sum_ms
      from combined
    ), positioned as (
      select day, total_ms, running, total, sum_ms,
        ${PERCENTILE}::float8 * (total - 1) as position
      from ranked
    )
    select day::text as day,
      max(total) as turns,
      max(sum_ms) as sum_ms,
      min(total_ms) filter (where running > floor(position)) as low_ms,
      min(total_ms) filter (where running > ceil(position)) as high_ms,
      max(position - floor(position)) as fraction
    from positioned
    group by day`.execute(trx);
  return rows.map((row) => {
    const low = Number(row.low_ms);
    const high = Number(row.high_ms ?? row.low_ms);
    const turns = Number(row.turns);
    return {
      day: row.day,
      turns,
      avgMs: Math.round(Number(row.sum_ms) / turns),
      p95Ms: Math.round(low + (high - low) * Number(row.fraction)),
    };
  });
}
