import { sql } from 'kysely';
import type { CallUsageTable } from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';
import type { StatsWindow } from './stats-window.js';

/** What one provider was used for (one kind) over the window. */
export interface ProviderUsageRow {
  readonly provider: string;
  readonly kind: CallUsageTable['kind'];
  /** Audio the provider heard or spoke (telephony: call time), in minutes, to 0.01. */
  readonly minutes: number;
  /** Exact decimal with six places, e.g. `"12.345600"`. */
  readonly cost: string;
}

/** Usage per provider and kind, and the window's total cost. */
export interface ProviderUsage {
  readonly providers: ProviderUsageRow[];
  /** Exact decimal with six places. */
  readonly totalCost: string;
}

const KIND_ORDER: Readonly<Record<CallUsageTable['kind'], number>> = {
  telephony: 0,
  stt: 1,
  llm: 2,
  tts: 3,
};

/**
 * Minutes and cost per provider and kind from `call_usage`, for the calls created in the window.
 * Costs are summed as SQL `numeric` and come back as text, so no cent is lost to floating point;
 * the total is the same sum over every row (a grouping set), not a sum of rounded parts. As for
 * the turns, each call's usage rows are read by its primary key, so a month costs the same in a
 * young organisation and in one with years of calls.
 */
export async function queryProviderUsage(
  trx: TenantTransaction,
  window: StatsWindow,
): Promise<ProviderUsage> {
  const { rows } = await sql<{
    provider: string | null;
    kind: CallUsageTable['kind'] | null;
    minutes: number;
    cost: string;
  }>`
    select usage.provider, usage.kind,
      round(coalesce(sum(usage.audio_seconds), 0) / 60, 2)::float8 as minutes,
      coalesce(sum(usage.cost), 0)::numeric(20, 6)::text as cost
    from calls
    cross join lateral (
      select provider, kind, audio_seconds, cost
      from call_usage
      where call_usage.call_id = calls.id
      offset 0
    ) as usage
    where calls.created_at >= ${window.from} and calls.created_at < ${window.to}
    group by grouping sets ((usage.provider, usage.kind), ())`.execute(trx);
  const providers: ProviderUsageRow[] = [];
  let totalCost = '0.000000';
  for (const row of rows) {
    if (row.provider === null || row.kind === null) {
      totalCost = String(row.cost);
      continue;
    }
    providers.push({
      provider: row.provider,
      kind: row.kind,
      minutes: Number(row.minutes),
      cost: String(row.cost),
    });
  }
  providers.sort(
    (left, right) =>
      KIND_ORDER[left.kind] - KIND_ORDER[right.kind] || left.provider.localeCompare(right.provider),
  );
  return { providers, totalCost };
}
