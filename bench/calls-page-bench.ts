/**
 * The dashboard's calls page with a big history: a real server (`bootServer`), N calls seeded into
 * its organisation (default 1,000,000, spread over 90 days, with turn metrics and usage), the
 * owner signed in, and Debian's Chromium loading /calls. The time counted is from the start of
 * the navigation to the first page of rows on screen, as the browser measures it
 * (`performance.now()`), over a few loads after a warm-up one. The API call behind it is timed
 * on its own too.
 *
 *   npx tsx bench/calls-page-bench.ts [--calls 1000000] [--runs 5]        # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/calls-page-bench.ts     # a Postgres server
 *
 * On a server the data lives in a schema of its own, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { bootServer } from '../src/cli/boot.js';
import { createLogger } from '../src/logging/logger.js';
import { initialApiKeyPath } from '../src/platform/tenancy/bootstrap-api-key.js';
import { percentile, seedOrganizationCalls } from './support/seed-calls.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
  },
});
const callCount = Number(values.calls);
const runs = Number(values.runs);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-calls-bench-'));
  const url = process.env.BENCH_DATABASE_URL;
  const schema = `bench_calls_${randomBytes(4).toString('hex')}`;
  const server = await bootServer(
    {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...(url !== undefined && url !== '' ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : {}),
    },
    { logger: createLogger({ level: 'silent' }) },
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const apiKey = (await readFile(initialApiKeyPath(dataDir), 'utf8')).trim();
    const me = (await (
      await fetch(`${server.url}/v1/session`, { headers: { authorization: `Bearer ${apiKey}` } })
    ).json()) as { organization: { id: string } };
    const orgId = me.organization.id;
    const seedStarted = Date.now();
    await seedOrganizationCalls(server.platform.database, orgId, {
      count: callCount,
      spanDays: 90,
      now: new Date(),
      // The list reads the calls table only (latency and cost are kept on each call).
      details: false,
    });
    for (const table of ['calls', 'call_turn_metrics', 'call_usage'])
      await server.platform.database.runScript('seeding', `vacuum analyze ${table}`);
    const seedSeconds = Math.round((Date.now() - seedStarted) / 100) / 10;

    const setup = await fetch(`${server.url}/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        setupKey: apiKey,
        name: 'Bench Owner',
        email: 'bench@example.com',
        password: 'a long bench password',
      }),
    });
    const token = /sb_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
    if (token === undefined) throw new Error(`owner setup failed with ${setup.status}`);

    const apiTimings: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const started = performance.now();
      const response = await fetch(`${server.url}/v1/calls?limit=50`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      await response.arrayBuffer();
      if (run > 0) apiTimings.push(performance.now() - started);
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addCookies([{ name: 'sb_session', value: token, url: server.url }]);
    const page = await context.newPage();
    const pageTimings: number[] = [];
    let rows = 0;
    for (let run = 0; run <= runs; run += 1) {
      await page.goto(`${server.url}/calls`, { waitUntil: 'commit' });
      await page.getByTestId('call-row').first().waitFor({ timeout: 30_000 });
      // Milliseconds since this navigation started, by the browser's own clock.
      const elapsed = await page.evaluate(() => performance.now());
      rows = await page.getByTestId('call-row').count();
      if (run > 0) pageTimings.push(elapsed);
    }
    pageTimings.sort((left, right) => left - right);
    apiTimings.sort((left, right) => left - right);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'calls-page',
        backend: server.platform.database.backend,
        calls: callCount,
        seedSeconds,
        runs,
        rowsOnFirstPage: rows,
        firstPageInBrowserMs: {
          p50: percentile(pageTimings, 0.5),
          max: percentile(pageTimings, 1),
        },
        apiFirstPageMs: { p50: percentile(apiTimings, 0.5), max: percentile(apiTimings, 1) },
      })}\n`,
    );
  } finally {
    await browser.close();
    await server.close();
    if (url !== undefined && url !== '') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
