/**
 * The overview statistics benchmark: seeds one organisation with N calls spread evenly over the
 * last `--span-days` days, each with its turn metrics (2 to 10 turns) and usage rows (telephony,
 * STT, then LLM and TTS per turn: what the record writer stores), straight into the tables with
 * generate_series. Another organisation gets a tenth as many, so row-level security has rows to
 * hide. Then asks for the default overview (the last 30 days in the organisation's time zone),
 * and for the whole span at once, a few times each, and prints one JSON line with the times.
 *
 *   npx tsx bench/stats-bench.ts [--calls 200000] [--span-days 365] [--runs 5]  # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/stats-bench.ts --calls 1000000  # a Postgres server
 *
 * On a server the data lives in a schema of its own, dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/open-database.js';
import type { SwitchboardDatabase } from '../src/platform/db/switchboard-database.js';
import { getOverviewStats } from '../src/platform/stats/overview-stats.js';
import { MAX_STATS_RANGE_DAYS } from '../src/platform/stats/stats-window.js';
import { createOrganization } from '../src/platform/tenancy/organizations.js';
import { percentile, seedOrganizationCalls } from './support/seed-calls.js';
import { openTestSchema } from '../src/testing/database/test-databases.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200000' },
    /** The calls are spread over this many days up to now: a year of history by default. */
    'span-days': { type: 'string', default: '365' },
    runs: { type: 'string', default: '5' },
    /** Calls inserted per statement. */
    chunk: { type: 'string', default: '50000' },
  },
});
const callCount = Number(values.calls);
const spanDays = Number(values['span-days']);
const runs = Number(values.runs);
const chunk = Number(values.chunk);

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  const database: SwitchboardDatabase =
    url !== undefined && url !== '' ? await openTestSchema(url) : await openDatabase();
  try {
    const now = new Date();
    const organization = await createOrganization(database, {
      name: `Stats bench ${randomUUID()}`,
      timeZone: 'America/New_York',
    });
    const other = await createOrganization(database, { name: `Other ${randomUUID()}` });
    const seedStarted = Date.now();
    await seedOrganizationCalls(database, organization.id, {
      count: callCount,
      spanDays,
      now,
      chunk,
    });
    await seedOrganizationCalls(database, other.id, {
      count: Math.ceil(callCount / 10),
      spanDays,
      now,
      chunk,
    });
    // What autovacuum does soon after a bulk load: statistics and the visibility map.
    for (const table of ['calls', 'call_turn_metrics', 'call_usage'])
      await database.runScript('seeding', `vacuum analyze ${table}`);
    const seedSeconds = Math.round((Date.now() - seedStarted) / 100) / 10;
    const counts = await database.asSystem('seeding', async (db) => {
      const turnRows = await sql<{ count: string }>`
        select count(*)::text as count from call_turn_metrics`.execute(db);
      const usageRows = await sql<{ count: string }>`
        select count(*)::text as count from call_usage`.execute(db);
      return {
        turnRows: Number(turnRows.rows[0]?.count),
        usageRows: Number(usageRows.rows[0]?.count),
      };
    });

    /** Runs the overview `runs` times after a warm-up run; the figures of the last run. */
    const measure = async (range: { from?: Date }) => {
      const timings: number[] = [];
      let totals: { calls: number } | undefined;
      for (let run = 0; run <= runs; run += 1) {
        const started = performance.now();
        const overview = await database.forOrganization(organization.id, (trx) =>
          getOverviewStats(trx, organization.id, range, now),
        );
        if (run > 0) timings.push(performance.now() - started);
        totals = overview.totals;
      }
      timings.sort((left, right) => left - right);
      return {
        calls: totals?.calls,
        queryMs: { p50: percentile(timings, 0.5), max: percentile(timings, 1) },
        totals,
      };
    };
    const lastMonth = await measure({});
    const wholeDays = Math.min(spanDays, MAX_STATS_RANGE_DAYS);
    const whole = await measure({ from: new Date(now.getTime() - wholeDays * 86_400_000) });
    process.stdout.write(
      `${JSON.stringify({
        bench: 'stats-overview',
        backend: database.backend,
        calls: callCount,
        otherOrganizationCalls: Math.ceil(callCount / 10),
        spanDays,
        ...counts,
        seedSeconds,
        runs,
        // The default request: the last 30 days in the organisation's time zone.
        windowDays: 30,
        windowCalls: lastMonth.calls,
        queryMs: lastMonth.queryMs,
        // Every seeded call in one request (the span, at most 366 days).
        wholeSpan: { days: wholeDays, calls: whole.calls, queryMs: whole.queryMs },
        totals: lastMonth.totals,
      })}\n`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
