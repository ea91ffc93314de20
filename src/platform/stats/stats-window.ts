import { sql } from 'kysely';
import { isTimeZone } from '../../agents/provisioning-patterns.js';
import { SwitchboardError } from '../../errors/index.js';
import type { TenantTransaction } from '../db/switchboard-database.js';

/** Days a window covers when the request names no start: today and the 29 days before it. */
export const DEFAULT_STATS_DAYS = 30;
/** The longest window a statistics request may ask for, in days. */
export const MAX_STATS_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;

/** What a statistics request asks for; absent bounds take their defaults. */
export interface StatsRangeRequest {
  /** Calls created at or after this instant; default: local midnight of the 30th day before `to`. */
  readonly from?: Date;
  /** Calls created before this instant (exclusive); default: now. */
  readonly to?: Date;
}

/** The window a statistics request covers, once defaults are applied. */
export interface StatsWindow {
  readonly from: Date;
  readonly to: Date;
  /** The organisation's IANA time zone, in which days start and end. */
  readonly timeZone: string;
  /** Every local date (`YYYY-MM-DD`) the window touches, oldest first. */
  readonly days: readonly string[];
}

/** A range a statistics request may not ask for; `parameter` names the query parameter at fault. */
export class StatsRangeError extends SwitchboardError {
  readonly parameter: 'from' | 'to';

  constructor(parameter: 'from' | 'to', message: string) {
    super(message, { code: 'invalid_range' });
    this.name = 'StatsRangeError';
    this.parameter = parameter;
  }
}

/**
 * Refuses a range that is empty, reversed or longer than {@link MAX_STATS_RANGE_DAYS}. Only the
 * bounds the request names are checked: a default start always makes a valid window.
 */
export function checkStatsRange(request: StatsRangeRequest, now: Date): void {
  const to = request.to ?? now;
  if (request.from === undefined) return;
  if (request.from.getTime() >= to.getTime()) {
    throw request.to === undefined
      ? new StatsRangeError('from', '`from` must be in the past when `to` is not given.')
      : new StatsRangeError('to', '`to` must be later than `from`.');
  }
  if (to.getTime() - request.from.getTime() > MAX_STATS_RANGE_DAYS * DAY_MS) {
    throw new StatsRangeError(
      'from',
      `The range from \`from\` to \`to\` may span at most ${MAX_STATS_RANGE_DAYS} days.`,
    );
  }
}

/** Every date from `first` to `last` (both `YYYY-MM-DD`, inclusive), in order. */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let day = Date.parse(`${first}T00:00:00Z`); day <= end; day += DAY_MS) {
    dates.push(new Date(day).toISOString().slice(0, 10));
  }
  return dates;
}

/**
 * Applies the defaults in the organisation's time zone and lists the local days the window
 * touches. The database does the time-zone arithmetic, so days here start exactly where the
 * statistics queries (which bucket with `at time zone`) start them. A stored zone the runtime
 * does not know counts as UTC rather than failing the request.
 */
export async function resolveStatsWindow(
  trx: TenantTransaction,
  orgId: string,
  request: StatsRangeRequest,
  now: Date,
): Promise<StatsWindow> {
  checkStatsRange(request, now);
  const organization = await trx
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', orgId)
    .executeTakeFirst();
  const stored = organization?.time_zone ?? 'UTC';
  const timeZone = isTimeZone(stored) ? stored : 'UTC';
  const to = request.to ?? now;
  const { rows } = await sql<{ from_at: Date; first_day: string; last_day: string }>`
    with last as (
      select ((${to}::timestamptz - interval '1 microsecond') at time zone ${timeZone})::date as day
    ), bounds as (
      select last.day as last_day, coalesce(
        ${request.from ?? null}::timestamptz,
        (last.day - ${DEFAULT_STATS_DAYS - 1}::int)::timestamp at time zone ${timeZone}
      ) as from_at
      from last
    )
    select from_at,
      (from_at at time zone ${timeZone})::date::text as first_day,
      last_day::text as last_day
    from bounds`.execute(trx);
  const bounds = rows[0];
  if (bounds === undefined) throw new SwitchboardError('no window bounds', { code: 'internal' });
  const from = new Date(bounds.from_at);
  return { from, to, timeZone, days: datesBetween(bounds.first_day, bounds.last_day) };
}
