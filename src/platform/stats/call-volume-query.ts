import { sql } from 'kysely';
import type { TenantTransaction } from '../db/switchboard-database.js';
import type { StatsWindow } from './stats-window.js';

/** Calls of one local day with one outcome, and their summed duration. */
export interface CallVolumeRow {
  /** `YYYY-MM-DD` in the window's time zone. */
  readonly day: string;
  /** The call's disposition; `in-progress` while it has not ended, `unknown` if it ended without one. */
  readonly outcome: string;
  readonly calls: number;
  readonly durationMs: number;
}

/**
 * Calls created in the window, counted by local day and outcome, with their summed duration. One
 * range scan of `calls_org_created_idx` (org_id, created_at desc, id desc); the groups are at most
 * days × outcomes, so the result stays small whatever the number of calls.
 */
export async function queryCallVolume(
  trx: TenantTransaction,
  window: StatsWindow,
): Promise<CallVolumeRow[]> {
  const { rows } = await sql<{
    day: string;
    outcome: string;
    calls: number;
    duration_ms: number;
  }>`
    select day::text as day, outcome, count(*)::int as calls,
      coalesce(sum(duration_ms), 0)::float8 as duration_ms
    from (
      select
        (created_at at time zone ${window.timeZone})::date as day,
        coalesce(disposition, case when ended_at is null then 'in-progress' else 'unknown' end) as outcome,
        duration_ms
      from calls
      where created_at >= ${window.from} and created_at < ${window.to}
    ) as created
    group by day, outcome`.execute(trx);
  return rows.map((row) => ({
    day: row.day,
    outcome: row.outcome,
    calls: Number(row.calls),
    durationMs: Number(row.duration_ms),
  }));
}
