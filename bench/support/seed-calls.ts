/**
 * Bulk call history for the benchmarks: calls spread evenly over the last `spanDays` days, each
 * with its turn metrics (2 to 10 turns) and usage rows (telephony, STT, then LLM and TTS per
 * turn: what the record writer stores), inserted with generate_series.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { SwitchboardDatabase } from '../../src/platform/db/switchboard-database.js';

export interface SeedCallsOptions {
  readonly count: number;
  /** The calls are spread over this many days up to `now`. */
  readonly spanDays: number;
  readonly now: Date;
  /** Calls inserted per statement (default 50,000). */
  readonly chunk?: number;
  /** Also their turn metrics and usage rows (default true); the call list reads neither. */
  readonly details?: boolean;
}

/** The value at `fraction` of a sorted list, to 0.1 ms. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

/**
 * Calls `first..last` of an organisation: ids derived from the number (so the child rows can be
 * generated from the same series), created evenly over the span, with a mix of outcomes.
 */
async function seedCalls(
  database: SwitchboardDatabase,
  orgId: string,
  seed: string,
  range: { first: number; last: number; total: number },
  options: SeedCallsOptions,
): Promise<void> {
  const { first, last, total } = range;
  const { now, spanDays } = options;
  await database.transaction('seeding', async (db) => {
    // Every child row refers to a call of the same statement batch; checking each foreign key one
    // row at a time would take most of the seeding time. Only a superuser may skip the checks.
    const [role] = (
      await sql<{ superuser: boolean }>`
        select rolsuper as superuser from pg_roles where rolname = current_user`.execute(db)
    ).rows;
    if (role?.superuser === true)
      await sql`set local session_replication_role = replica`.execute(db);
    await sql`
      insert into calls (id, org_id, direction, status, from_number, to_number, carrier, routed_by,
        created_at, answered_at, ended_at, duration_ms, disposition, turn_count, total_cost,
        agent_name, latency_p50_ms, latency_p95_ms)
      select md5(${seed} || i)::uuid, ${orgId}::uuid,
        case when i % 5 = 0 then 'outbound' else 'inbound' end,
        case when i % 97 = 0 then 'in-progress' else 'completed' end,
        '+1555' || lpad((i % 10000000)::text, 7, '0'), '+15550100000', 'twilio', 'number',
        at, at, case when i % 97 = 0 then null else at + make_interval(secs => duration / 1000.0) end,
        case when i % 97 = 0 then null else duration end,
        case when i % 97 = 0 then null
             when i % 20 = 1 then 'voicemail' when i % 20 = 2 then 'no-answer'
             when i % 20 = 3 then 'transferred' else 'completed' end,
        2 + i % 9, 0, 'service-desk', 800 + i % 400, 1300 + i % 900
      from generate_series(${first}::int, ${last}::int) as i,
        lateral (select ${now}::timestamptz
          - make_interval(secs => (i - 0.5) / ${total}::float8 * ${spanDays * 86_400}::float8) as at,
          30000 + (i::bigint * 7919) % 240000 as duration) as shape`.execute(db);
    if (options.details === false) return;
    await sql`
      insert into call_turn_metrics (call_id, org_id, turn, endpointing_ms, stt_ms, llm_ms, tts_ms,
        tool_ms, overhead_ms, total_ms)
      select md5(${seed} || i)::uuid, ${orgId}::uuid, turn, 200, 90, latency - 480, 160, 0, 30, latency
      from generate_series(${first}::int, ${last}::int) as i,
        generate_series(0, 1 + i % 9) as turn,
        lateral (select 700 + ((i * 31 + turn * 17) % 900)
          + case when (i + turn) % 23 = 0 then 1500 else 0 end as latency) as timing`.execute(db);
    await sql`
      insert into call_usage (call_id, org_id, seq, kind, provider, model, input_tokens,
        output_tokens, characters, audio_seconds, cost)
      select md5(${seed} || i)::uuid, ${orgId}::uuid, part.seq, part.kind, part.provider,
        part.model, part.input_tokens, part.output_tokens, part.characters, part.audio_seconds,
        part.cost
      from generate_series(${first}::int, ${last}::int) as i,
        lateral (select (30000 + (i::bigint * 7919) % 240000) / 1000.0 as seconds) as call,
        lateral (
          select 0 as seq, 'telephony' as kind, 'twilio' as provider, 'voice' as model,
            0 as input_tokens, 0 as output_tokens, 0 as characters,
            call.seconds as audio_seconds, round(call.seconds / 60 * 0.0085, 6) as cost
          union all
          select 1, 'stt', 'deepgram', 'nova-3', 0, 0, 0, call.seconds,
            round(call.seconds / 60 * 0.0077, 6)
          union all
          select 2 + 2 * turn, 'llm', 'openai', 'gpt-4o-mini', 900 + turn * 40, 60, 0, 0, 0.000171
          from generate_series(0, 1 + i % 9) as turn
          union all
          select 3 + 2 * turn, 'tts', 'elevenlabs', 'eleven_flash_v2_5', 0, 0, 120, 0, 0.006
          from generate_series(0, 1 + i % 9) as turn
        ) as part`.execute(db);
  });
}

/**
 * Seeds `count` calls into an organisation, in chunks (one statement per table per chunk), and
 * reports progress on stderr.
 */
export async function seedOrganizationCalls(
  database: SwitchboardDatabase,
  orgId: string,
  options: SeedCallsOptions,
): Promise<void> {
  const seed = randomUUID();
  const chunk = options.chunk ?? 50_000;
  for (let first = 1; first <= options.count; first += chunk) {
    const last = Math.min(options.count, first + chunk - 1);
    await seedCalls(database, orgId, seed, { first, last, total: options.count }, options);
    process.stderr.write(`seeded ${last}/${options.count} calls\n`);
  }
}
