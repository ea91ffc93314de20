/**
 * The call-history API benchmark: one organisation with a million calls (and a noisy neighbour),
 * read through the real HTTP stack (createApi on a node:http server, fetch with an API key).
 * Measures list pages (first and deep, following cursors), filtered lists and call detail; prints
 * one JSON line on stdout, progress on stderr. Needs a real Postgres server:
 *
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/api-bench.ts [--calls 1000000] [--requests 500]
 *
 * Works in a schema of its own, dropped at the end (keep it with --keep-schema).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getRequestListener } from '@hono/node-server';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { createLogger } from '../src/logging/logger.js';
import { createApi } from '../src/platform/api/create-api.js';
import { encodeCursor } from '../src/platform/api/http/cursor-pagination.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import type { SwitchboardDatabase } from '../src/platform/db/switchboard-database.js';
import { JobQueue } from '../src/platform/jobs/job-queue-service.js';
import { createLocalRecordingStorage } from '../src/platform/storage/index.js';
import { createApiKey } from '../src/platform/tenancy/api-keys.js';
import { createOrganization } from '../src/platform/tenancy/organizations.js';
import { SecretBox } from '../src/platform/tenancy/secret-box.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '1000000' },
    'noise-calls': { type: 'string', default: '50000' },
    'sample-every': { type: 'string', default: '1000' },
    requests: { type: 'string', default: '500' },
    'keep-schema': { type: 'boolean', default: false },
  },
});
const callCount = Number(values.calls);
const noiseCount = Number(values['noise-calls']);
const sampleEvery = Number(values['sample-every']);
const requestCount = Number(values.requests);

const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (databaseUrl === undefined || databaseUrl === '') {
  process.stderr.write(
    'api-bench: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a Postgres URL\n',
  );
  process.exit(2);
}

const progress = (message: string): void => {
  process.stderr.write(`[api-bench] ${message}\n`);
};

interface Percentiles {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  const round = (value: number): number => Math.round(value * 100) / 100;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

async function createOrg(database: SwitchboardDatabase, name: string) {
  const organization = await createOrganization(database, {
    name,
    slug: `${name.toLowerCase()}-${randomBytes(3).toString('hex')}`,
  });
  const { secret } = await database.forOrganization(organization.id, (trx) =>
    createApiKey(trx, organization.id, { name: 'bench' }),
  );
  return { orgId: organization.id, apiKey: secret };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface ListBody {
  data: { id: string }[];
  nextCursor: string | null;
}

async function main(): Promise<void> {
  const url = databaseUrl as string;
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-api-bench-'));
  const database = await openDatabase({ databaseUrl: url, schema, maxConnections: 8 });
  let server: Server | undefined;
  try {
    const main = await createOrg(database, 'Main');
    const noise = await createOrg(database, 'Noise');

    const seedStarted = performance.now();
    const seeded = await seedCalls(database, main.orgId, noise.orgId);
    const seedMs = performance.now() - seedStarted;
    progress(`seeded in ${Math.round(seedMs)} ms`);
    const analyzeStarted = performance.now();
    await database.asSystem('seeding', async (db) => {
      await sql`analyze calls`.execute(db);
      await sql`analyze call_transcript_turns`.execute(db);
      await sql`analyze call_tool_calls`.execute(db);
      await sql`analyze call_turn_metrics`.execute(db);
      await sql`analyze call_usage`.execute(db);
    });
    const analyzeMs = performance.now() - analyzeStarted;

    const jobs = await JobQueue.start({
      database,
      logger: createLogger({ level: 'error', destination: pino.destination(2) }),
    });
    const dependencies = {
      database,
      jobs,
      secrets: new SecretBox(randomBytes(32)),
      storage: createLocalRecordingStorage({ directory: join(dataDir, 'recordings') }),
      publicUrl: 'http://127.0.0.1',
      onCredentialsChanged: async () => {},
      // Errors only, on stderr: a failing request must say why.
      logger: createLogger({ level: 'error', destination: pino.destination(2) }),
    };
    const app = createApi({
      ...dependencies,
      rateLimitPerMinute: 1_000_000_000,
    });
    server = createServer(getRequestListener(app.fetch));
    const base = await listen(server);

    const get = async (
      path: string,
      apiKey = main.apiKey,
    ): Promise<{ ms: number; body: unknown }> => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const body: unknown = await response.json();
      const ms = performance.now() - started;
      if (response.status !== 200)
        throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(body)}`);
      return { ms, body };
    };

    const randomRows = await pickRandomCalls(database, main.orgId, requestCount);
    // Warm the pool, the plan paths and the caches the way a running server would be.
    for (let index = 0; index < 50; index++) await get('/v1/calls?limit=50');

    progress('measuring list pages');
    const firstPage: number[] = [];
    const followedPages: number[] = [];
    const walks = Math.max(1, Math.ceil(requestCount / 50));
    for (let walk = 0; walk < walks; walk++) {
      // Half the walks start at the top, half at a random depth of the list.
      let path = '/v1/calls?limit=50';
      const start = walk % 2 === 1 ? randomRows[walk % randomRows.length] : undefined;
      if (start !== undefined) path += `&cursor=${encodeCursor([start.cursorAt, start.id])}`;
      for (let page = 0; page < 50; page++) {
        const { ms, body } = await get(path);
        (page === 0 && walk % 2 === 0 ? firstPage : followedPages).push(ms);
        const next = (body as ListBody).nextCursor;
        if (next === null) break;
        path = `/v1/calls?limit=50&cursor=${next}`;
      }
    }
    while (firstPage.length < requestCount) firstPage.push((await get('/v1/calls?limit=50')).ms);

    progress('measuring filtered lists');
    const filters: Record<string, string[]> = {
      agent: seeded.agentIds.map((id) => `agentId=${id}`),
      status: ['status=failed', 'status=busy', 'status=completed', 'status=in-progress'],
      dateRange: [0, 1, 2, 3].map((back) => {
        const to = new Date(Date.now() - back * 30 * 86_400_000);
        const from = new Date(to.getTime() - 86_400_000);
        return `from=${from.toISOString()}&to=${to.toISOString()}`;
      }),
      callerNumber: seeded.callerNumbers.map((number) => `number=${encodeURIComponent(number)}`),
      lineNumber: seeded.lineNumbers.map((number) => `number=${encodeURIComponent(number)}`),
      search: ['search=oil', 'search=reschedule+friday', 'search=zanzibar', 'search=brake'],
      direction: ['direction=outbound'],
      disposition: ['disposition=voicemail', 'disposition=transferred'],
      combined: seeded.agentIds.map((id) => `agentId=${id}&status=failed&direction=outbound`),
    };
    const perFilter: Record<string, number[]> = {};
    const filtered: number[] = [];
    const perKind = Math.max(60, Math.ceil(requestCount / Object.keys(filters).length));
    for (const [kind, variants] of Object.entries(filters)) {
      const samples: number[] = [];
      let path: string | undefined;
      for (let index = 0; index < perKind; index++) {
        // Follow up to five pages of each variant, then start the next one.
        if (path === undefined || index % 5 === 0) {
          const variant = variants[Math.floor(index / 5) % variants.length] ?? '';
          path = `/v1/calls?limit=50&${variant}`;
        }
        const { ms, body } = await get(path);
        samples.push(ms);
        const next = (body as ListBody).nextCursor;
        const variant = new URL(path, base).searchParams;
        variant.delete('cursor');
        path = next === null ? undefined : `/v1/calls?${variant.toString()}&cursor=${next}`;
      }
      perFilter[kind] = samples;
      filtered.push(...samples);
    }

    progress('measuring call detail');
    const detail: number[] = [];
    for (let index = 0; index < requestCount; index++) {
      const id = seeded.sampleCallIds[index % seeded.sampleCallIds.length] ?? '';
      detail.push((await get(`/v1/calls/${id}`)).ms);
    }
    const detailPlain: number[] = [];
    for (const row of randomRows.slice(0, Math.ceil(requestCount / 5)))
      detailPlain.push((await get(`/v1/calls/${row.id}`)).ms);

    // Tenancy holds at scale: the neighbour sees none of it.
    const neighbour = (await get('/v1/calls?limit=50', noise.apiKey)).body as ListBody;
    const foreign = await fetch(`${base}/v1/calls/${seeded.sampleCallIds[0] ?? ''}`, {
      headers: { authorization: `Bearer ${noise.apiKey}` },
    });
    await foreign.body?.cancel();
    const neighbourIds = neighbour.data.map((call) => call.id);
    const neighbourOwn = await database.asSystem('seeding', (db) =>
      db
        .selectFrom('calls')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('org_id', '=', noise.orgId)
        .where('id', 'in', neighbourIds.length > 0 ? neighbourIds : [randomUUID()])
        .executeTakeFirstOrThrow(),
    );
    const sizes = await database.asSystem('seeding', async (db) => {
      const result = await sql<{ table_mb: number; index_mb: number }>`
        select round(pg_table_size('calls') / 1048576.0)::int as table_mb,
               round(pg_indexes_size('calls') / 1048576.0)::int as index_mb`.execute(db);
      return result.rows[0];
    });

    const result = {
      bench: 'api',
      rows: callCount,
      noiseRows: noiseCount,
      sampleCalls: seeded.sampleCallIds.length,
      seedMs: Math.round(seedMs),
      analyzeMs: Math.round(analyzeMs),
      callsTableMb: sizes?.table_mb,
      callsIndexMb: sizes?.index_mb,
      listPage: percentiles([...firstPage, ...followedPages]),
      firstPage: percentiles(firstPage),
      followedPages: percentiles(followedPages),
      filtered: percentiles(filtered),
      filters: Object.fromEntries(
        Object.entries(perFilter).map(([kind, samples]) => [kind, percentiles(samples)]),
      ),
      detail: percentiles(detail),
      detailWithoutChildren: percentiles(detailPlain),
      tenancy: {
        neighbourSeesOnlyItsOwn:
          neighbourIds.length > 0 && neighbourOwn.count === neighbourIds.length,
        foreignDetailStatus: foreign.status,
      },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    server?.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    if (values['keep-schema']) {
      progress(`kept schema ${schema}`);
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    }
  }
}

/** Calls drawn at random from the whole list (a 1 % row sample), with their cursor values. */
async function pickRandomCalls(
  database: SwitchboardDatabase,
  orgId: string,
  count: number,
): Promise<{ id: string; cursorAt: string }[]> {
  return database.forOrganization(orgId, async (trx) => {
    const result = await sql<{ id: string; cursor_at: string }>`
      select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
      from calls tablesample bernoulli (1) order by random() limit ${count}`.execute(trx);
    return result.rows.map((row) => ({ id: row.id, cursorAt: row.cursor_at }));
  });
}

const CALLER_LINES = [
  'Hi, I would like to book an oil change for my car.',
  'Can I reschedule my appointment to Friday afternoon?',
  'My brakes are squeaking when I stop.',
  'What time do you open on Saturday?',
  'The check engine light came on this morning.',
  'Yes, Tuesday at nine works for me.',
  'It is a 2019 Honda Civic.',
  'Thanks, that is all I needed.',
];
const AGENT_LINES = [
  'Thanks for calling the service department, how can I help?',
  'Sure, let me check the schedule for you.',
  'I have Tuesday at nine or Wednesday at two.',
  'You are booked. We will send a reminder the day before.',
  'Could you tell me the make and model?',
  'Our technicians can look at that when you come in.',
];
const AGENT_NAMES = ['front-desk', 'service-advisor', 'after-hours', 'parts', 'sales'];

/**
 * Fills the call tables with Postgres's generate_series in a few INSERT … SELECTs. Call ids are
 * md5(salt || n) so the sampled calls (every `sample-every`th, spread over the whole year) can be
 * found again to give them a transcript, tool calls, turn metrics and usage.
 */
async function seedCalls(database: SwitchboardDatabase, orgId: string, noiseOrgId: string) {
  const salt = randomBytes(6).toString('hex');
  return database.asSystem('seeding', async (db) => {
    const agents = await db
      .insertInto('agents')
      .values([
        ...AGENT_NAMES.map((name) => ({ org_id: orgId, name })),
        { org_id: noiseOrgId, name: 'front-desk' },
      ])
      .returning(['id', 'org_id', 'name'])
      .execute();
    const own = agents.filter((agent) => agent.org_id === orgId);
    const foreign = agents.filter((agent) => agent.org_id === noiseOrgId);
    const insertCalls = async (
      org: string,
      agentRows: readonly { id: string; name: string }[],
      prefix: string,
      first: number,
      last: number,
    ) => {
      const agentIds = agentRows.map((agent) => agent.id);
      const agentNames = agentRows.map((agent) => agent.name);
      await sql`
        insert into calls (id, org_id, direction, status, from_number, to_number, carrier,
          agent_id, agent_version, agent_name, routed_by, created_at, answered_at, ended_at,
          duration_ms, end_reason, disposition, turn_count, interruption_count, latency_p50_ms,
          latency_p95_ms, recording_key, recording_duration_ms, total_cost, last_event_seq, updated_at)
        select id, ${org}::uuid, direction, status,
          case when direction = 'inbound' then caller else line end,
          case when direction = 'inbound' then line else caller end,
          'twilio', (${agentIds}::uuid[])[agent], 1 + g % 3, (${agentNames}::text[])[agent],
          'number', created_at,
          case when answered then created_at + interval '2 seconds' end,
          case when status <> 'in-progress' then created_at + duration_ms * interval '1 millisecond' end,
          case when status <> 'in-progress' then duration_ms end,
          case when status <> 'in-progress' then 'caller-hangup' end,
          disposition,
          case when answered then 2 + g % 18 else 0 end,
          g % 4,
          case when answered then 700 + g % 600 end,
          case when answered then 1400 + g % 1500 end,
          case when answered then 'org/' || ${org} || '/calls/' || id || '.wav' end,
          case when answered then duration_ms end,
          round((g % 997) * 0.000173, 6), 20, created_at
        from (
          select *, status in ('completed', 'in-progress') as answered
          from (
            select g, id, direction, created_at, caller, line, agent, duration_ms,
              case when g <= 20 then 'in-progress'
                   when r < 90 or r = 97 or r = 99 then 'completed'
                   when r < 93 then 'no-answer' when r < 95 then 'busy'
                   when r < 97 then 'failed' else 'canceled' end as status,
              case when g <= 20 then null
                   when r < 85 then 'completed' when r < 90 then 'transferred'
                   when r < 93 then 'no-answer' when r < 95 then 'busy'
                   when r < 97 then 'failed' when r = 97 then 'voicemail'
                   when r = 98 then 'canceled' else 'completed' end as disposition
            from (
              select g, md5(${prefix} || g)::uuid as id,
                floor(random() * 100)::int as r,
                case when random() < 0.2 then 'outbound' else 'inbound' end as direction,
                now() - g * interval '31 seconds' - random() * interval '1 second' as created_at,
                '+1555' || lpad(floor(random() * 200000)::int::text, 7, '0') as caller,
                '+1555010000' || (1 + floor(random() * 5)::int) as line,
                1 + floor(random() * ${agentIds.length})::int as agent,
                30000 + floor(random() * 600000)::int as duration_ms
              from generate_series(${first}::bigint, ${last}::bigint) as g
            ) as drawn
          ) as classified
        ) as rows`.execute(db);
    };
    const chunk = 250_000;
    for (let first = 1; first <= callCount; first += chunk) {
      const last = Math.min(callCount, first + chunk - 1);
      await insertCalls(orgId, own, `${salt}-main-`, first, last);
      progress(`calls ${last}/${callCount}`);
    }
    if (noiseCount > 0) await insertCalls(noiseOrgId, foreign, `${salt}-noise-`, 1, noiseCount);

    const sampled = sql`(
      select md5(${`${salt}-main-`} || g)::uuid as call_id, g
      from generate_series(1::bigint, ${callCount}::bigint, ${sampleEvery}::bigint) as g)`;
    await sql`
      insert into call_transcript_turns (call_id, org_id, seq, turn, speaker, text, start_ms, end_ms, interrupted)
      select call_id, ${orgId}::uuid, turn, turn,
        case when turn % 2 = 0 then 'agent' else 'caller' end,
        case when turn % 2 = 0 then (${AGENT_LINES}::text[])[1 + floor(random() * ${AGENT_LINES.length})::int]
             when g % ${sampleEvery * 100} = 1 and turn = 3 then 'I am calling from Zanzibar about my car.'
             else (${CALLER_LINES}::text[])[1 + floor(random() * ${CALLER_LINES.length})::int] end,
        turn * 4000, turn * 4000 + 3000, turn = 4
      from ${sampled} as sample cross join generate_series(0, 7) as turn`.execute(db);
    await sql`
      insert into call_tool_calls (call_id, org_id, tool_call_id, seq, name, arguments, result, duration_ms, offset_ms)
      select call_id, ${orgId}::uuid, 'call_' || tool, 100 + tool,
        case when tool = 1 then 'get_available_slots' else 'book_appointment' end,
        case when tool = 1 then '{"day":"tuesday"}' else '{"slot":"2025-06-03T09:00","service":"oil change"}' end,
        case when tool = 1 then '{"slots":["09:00","14:00"]}' else '{"booked":true}' end,
        80 + g % 200, 9000 + tool * 8000
      from ${sampled} as sample cross join generate_series(1, 2) as tool`.execute(db);
    await sql`
      insert into call_turn_metrics (call_id, org_id, turn, endpointing_ms, stt_ms, llm_ms, tts_ms, tool_ms, overhead_ms, total_ms)
      select call_id, ${orgId}::uuid, turn, 500, 120, 300 + g % 200, 150, 0, 20, 1090 + g % 200
      from ${sampled} as sample cross join generate_series(1, 7, 2) as turn`.execute(db);
    await sql`
      insert into call_usage (call_id, org_id, seq, kind, provider, model, input_tokens, output_tokens, characters, audio_seconds, cost)
      select call_id, ${orgId}::uuid, usage.seq, usage.kind, usage.provider, usage.model,
        usage.input_tokens, usage.output_tokens, usage.characters, usage.audio_seconds, usage.cost
      from ${sampled} as sample cross join (values
        (100, 'stt', 'deepgram', 'nova-3', 0, 0, 0, 95.5, 0.012300),
        (101, 'llm', 'openai', 'gpt-4o-mini', 5200, 340, 0, 0, 0.001084),
        (102, 'tts', 'elevenlabs', 'flash_v2_5', 0, 0, 820, 0, 0.041000)
      ) as usage (seq, kind, provider, model, input_tokens, output_tokens, characters, audio_seconds, cost)`.execute(
      db,
    );
    const sampleIds = await sql<{
      call_id: string;
    }>`select call_id from ${sampled} as sample`.execute(db);
    const callers = await sql<{ from_number: string }>`
      select from_number from calls where org_id = ${orgId} and direction = 'inbound'
      order by created_at desc limit 4`.execute(db);
    progress(`seeded ${sampleIds.rows.length} calls with transcripts`);
    return {
      agentIds: own.map((agent) => agent.id),
      sampleCallIds: sampleIds.rows.map((row) => row.call_id),
      callerNumbers: callers.rows.map((row) => row.from_number),
      lineNumbers: ['+15550100001', '+15550100003'],
    };
  });
}

await main();
