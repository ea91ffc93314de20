import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type {
  CallDisposition,
  CallStatus,
  CallsTable,
  DatabaseSchema,
  RoutingRule,
} from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';
import { SENTIMENTS, type Sentiment } from '../analysis/call-analysis.js';

/** Which calls a list shows. Every field narrows the list; absent fields do not. */
export interface CallListFilters {
  /** Calls created at or after this instant. */
  readonly from?: Date;
  /** Calls created before this instant (exclusive). */
  readonly to?: Date;
  readonly agentId?: string;
  readonly direction?: CallsTable['direction'];
  readonly status?: CallStatus;
  readonly disposition?: CallDisposition;
  /** E.164; matches the caller's or the called number. */
  readonly number?: string;
  /** The latest analysis' sentiment; calls not analysed (or analysed without one) never match. */
  readonly sentiment?: Sentiment;
  /** The latest analysis' success verdict; calls without one never match. */
  readonly success?: boolean;
  /**
   * Words the transcript must contain, each as a word or the start of one, ignoring case (see
   * {@link toTranscriptQuery}). A search without any letter or digit narrows nothing.
   */
  readonly search?: string;
}

/** Where a page ends: the sort key of its last call. `createdAt` keeps microseconds. */
export interface CallCursor {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as the database stores it (finer than a JS Date). */
  readonly createdAt: string;
  readonly id: string;
}

/** One page request: up to `limit` calls after `after`, newest first. */
export interface CallPageRequest {
  readonly limit: number;
  readonly after?: CallCursor;
}

/** A call as the list shows it. */
export interface CallSummary {
  readonly id: string;
  readonly direction: CallsTable['direction'];
  readonly status: CallStatus;
  readonly from: string;
  readonly to: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly agentVersion: number | null;
  readonly createdAt: Date;
  readonly answeredAt: Date | null;
  readonly endedAt: Date | null;
  readonly durationMs: number | null;
  readonly endReason: string | null;
  readonly disposition: CallDisposition | null;
  readonly turnCount: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Exact decimal, six places (e.g. `"0.012300"`). */
  readonly totalCost: string;
  readonly hasRecording: boolean;
  /** `pending` while an analysis is queued or running; `done` or `failed` after it. */
  readonly analysisStatus: Selectable<CallsTable>['analysis_status'];
  /** The caller's mood from the latest analysis; null before one, or when it was not asked for. */
  readonly sentiment: Sentiment | null;
  /** Whether the latest analysis judged the call a success; null before one. */
  readonly success: boolean | null;
}

/** One page of calls and the cursor of the next, or null on the last page. */
export interface CallPage {
  readonly calls: CallSummary[];
  readonly nextCursor: CallCursor | null;
}

/** Searches the transcript through the view of migration 0005, which can use its text index. */
type TranscriptSearchView = {
  call_transcript_search: { org_id: string; call_id: string; seq: number; text: string };
};
type ListSchema = DatabaseSchema & TranscriptSearchView;

/** Most words a search may hold; more add cost without narrowing much. */
const MAX_SEARCH_WORDS = 8;
const MAX_WORD_LENGTH = 64;

/**
 * Turns what a person typed into a `to_tsquery('simple', …)` expression: every word (letters and
 * digits) must appear as a word or the start of one. Only letters and digits reach the query, so
 * nothing typed can be read as query syntax. `undefined` when nothing searchable is left.
 */
export function toTranscriptQuery(search: string): string | undefined {
  const words = search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words.map((word) => word.slice(0, MAX_WORD_LENGTH)))];
  if (unique.length === 0) return undefined;
  return unique
    .slice(0, MAX_SEARCH_WORDS)
    .map((word) => `${word}:*`)
    .join(' & ');
}

const summaryColumns = [
  'id',
  'direction',
  'status',
  'from_number',
  'to_number',
  'agent_id',
  'agent_name',
  'agent_version',
  'created_at',
  'answered_at',
  'ended_at',
  'duration_ms',
  'end_reason',
  'disposition',
  'turn_count',
  'latency_p50_ms',
  'latency_p95_ms',
  'total_cost',
  'recording_key',
  'analysis_status',
] as const;

// Two small reads out of the analysis jsonb, so a list shows the verdict without carrying the
// whole analysis; they run only on the rows of the page. A value of the wrong type reads as null.
const analysisSentiment = sql<string | null>`calls.analysis->>'sentiment'`;
const analysisSuccess = sql<boolean | null>`case
  when jsonb_typeof(calls.analysis->'success'->'achieved') = 'boolean'
  then (calls.analysis->'success'->'achieved')::boolean end`;

/** The creation time at full precision, as the cursor carries it. */
const cursorAt = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** What every call query selects for the summary. */
const summarySelection = [
  ...summaryColumns,
  cursorAt.as('cursor_at'),
  analysisSentiment.as('analysis_sentiment'),
  analysisSuccess.as('analysis_success'),
] as const;

type SummaryRow = Pick<Selectable<CallsTable>, (typeof summaryColumns)[number]> & {
  cursor_at: string;
  analysis_sentiment: string | null;
  analysis_success: boolean | null;
};

function isSentiment(value: string | null): value is Sentiment {
  return (SENTIMENTS as readonly (string | null)[]).includes(value);
}

function toSummary(row: SummaryRow): CallSummary {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    from: row.from_number,
    to: row.to_number,
    agentId: row.agent_id,
    agentName: row.agent_name,
    agentVersion: row.agent_version,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    endReason: row.end_reason,
    disposition: row.disposition,
    turnCount: row.turn_count,
    latencyP50Ms: row.latency_p50_ms,
    latencyP95Ms: row.latency_p95_ms,
    totalCost: String(row.total_cost),
    hasRecording: row.recording_key !== null,
    analysisStatus: row.analysis_status,
    sentiment: isSentiment(row.analysis_sentiment) ? row.analysis_sentiment : null,
    success: row.analysis_success,
  };
}

/** The conditions every filter but `number` adds; `number` is handled by the caller. */
function filterConditions(
  eb: ExpressionBuilder<ListSchema, 'calls'>,
  filters: CallListFilters,
  after: CallCursor | undefined,
): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.from !== undefined) conditions.push(eb('created_at', '>=', filters.from));
  if (filters.to !== undefined) conditions.push(eb('created_at', '<', filters.to));
  if (filters.agentId !== undefined) conditions.push(eb('agent_id', '=', filters.agentId));
  if (filters.direction !== undefined) conditions.push(eb('direction', '=', filters.direction));
  if (filters.status !== undefined) conditions.push(eb('status', '=', filters.status));
  if (filters.disposition !== undefined)
    conditions.push(eb('disposition', '=', filters.disposition));
  // The same reads as the list's columns. No index holds them (row-level security would not let
  // one on a jsonb expression serve a tenant query): the scan walks the list's order and skips
  // calls until the page is full.
  if (filters.sentiment !== undefined)
    conditions.push(sql<SqlBool>`${analysisSentiment} = ${filters.sentiment}`);
  if (filters.success !== undefined)
    conditions.push(sql<SqlBool>`${analysisSuccess} = ${filters.success}`);
  if (after !== undefined) {
    // A row comparison is one range on the (…, created_at desc, id desc) indexes.
    conditions.push(
      eb(
        eb.refTuple('created_at', 'id'),
        '<',
        eb.tuple(sql<Date>`${after.createdAt}::timestamptz`, sql<string>`${after.id}::uuid`),
      ),
    );
  }
  const query = filters.search === undefined ? undefined : toTranscriptQuery(filters.search);
  if (query !== undefined) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('call_transcript_search as search')
          .select(sql<number>`1`.as('found'))
          .whereRef('search.call_id', '=', 'calls.id')
          .where(
            sql<SqlBool>`to_tsvector('simple', search.text) @@ to_tsquery('simple', ${query})`,
          ),
      ),
    );
  }
  return conditions;
}

/**
 * One page of the organisation's calls, newest first (created_at desc, id desc), with keyset
 * pagination: a page costs the same on page 1 and page 10,000. Each equality filter has its own
 * index ordered like the list (migration 0005); a `number` filter reads the caller-number and the
 * called-number indexes separately and merges the two ordered pages, so neither a common number
 * (the organisation's own line) nor a rare one (a caller's) makes the database scan.
 */
export async function listCalls(
  trx: TenantTransaction,
  filters: CallListFilters,
  page: CallPageRequest,
): Promise<CallPage> {
  const db = trx.withTables<TranscriptSearchView>();
  const take = page.limit + 1;
  const branch = (numberColumn?: 'from_number' | 'to_number') =>
    db
      .selectFrom('calls')
      .select(summarySelection)
      .where((eb) => {
        const conditions = filterConditions(eb, filters, page.after);
        if (numberColumn !== undefined && filters.number !== undefined)
          conditions.push(eb(numberColumn, '=', filters.number));
        return eb.and(conditions);
      })
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take);

  let rows: SummaryRow[];
  if (filters.number === undefined) {
    rows = await branch().execute();
  } else {
    const merged = db
      .selectFrom(branch('from_number').as('by_from'))
      .selectAll()
      .union(db.selectFrom(branch('to_number').as('by_to')).selectAll());
    rows = await db
      .selectFrom(merged.as('matches'))
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(take)
      .execute();
  }
  const calls = rows.slice(0, page.limit);
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return {
    calls: calls.map(toSummary),
    nextCursor: last === undefined ? null : { createdAt: last.cursor_at, id: last.id },
  };
}

/** One final utterance of the transcript. */
export interface CallTranscriptTurn {
  readonly turn: number;
  readonly speaker: 'caller' | 'agent';
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The caller spoke over the agent, so the text is cut back to what was heard. */
  readonly interrupted: boolean;
}

/** One tool the agent ran during the call. */
export interface CallToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as JSON when they parse, else the text the model produced. */
  readonly arguments: unknown;
  readonly result: string | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  /** When the call was made, in milliseconds from the start of the call. */
  readonly offsetMs: number;
}

/** Where one turn's response time went, in milliseconds. */
export interface CallTurnMetric {
  readonly turn: number;
  readonly endpointingMs: number;
  readonly sttMs: number;
  readonly llmMs: number;
  readonly ttsMs: number;
  readonly toolMs: number;
  readonly overheadMs: number;
  readonly totalMs: number;
}

/** What one provider and model consumed, and its cost (exact decimals as strings). */
export interface CallUsage {
  readonly kind: 'stt' | 'llm' | 'tts' | 'telephony';
  readonly provider: string;
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly characters: number;
  readonly audioSeconds: string;
  readonly cost: string;
}

/** A call with everything recorded about it. */
export interface CallDetail extends CallSummary {
  readonly carrier: string;
  readonly carrierCallId: string | null;
  readonly routedBy: RoutingRule;
  readonly variables: Record<string, string>;
  readonly interruptionCount: number;
  readonly transcript: CallTranscriptTurn[];
  readonly toolCalls: CallToolCall[];
  readonly turnMetrics: CallTurnMetric[];
  readonly usage: CallUsage[];
  /** Present when the call was recorded (the audio is at the recording route). */
  readonly recording: { readonly durationMs: number | null } | null;
  /** The latest analysis (see platform/analysis `CallAnalysis`), or null before the first. */
  readonly analysis: Record<string, unknown> | null;
  readonly analyzedAt: Date | null;
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (_error) {
    return text;
  }
}

/**
 * A call and what hangs off it, or `undefined` when the organisation has no such call. Five
 * primary-key lookups; every child table's key starts with the call id.
 */
export async function getCallDetail(
  trx: TenantTransaction,
  callId: string,
): Promise<CallDetail | undefined> {
  const call = await trx
    .selectFrom('calls')
    .select([
      ...summarySelection,
      'analysis',
      'analyzed_at',
      'carrier',
      'carrier_call_id',
      'routed_by',
      'variables',
      'interruption_count',
      'recording_duration_ms',
    ])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (call === undefined) return undefined;
  const turns = await trx
    .selectFrom('call_transcript_turns')
    .select(['turn', 'speaker', 'text', 'start_ms', 'end_ms', 'interrupted'])
    .where('call_id', '=', callId)
    .orderBy('seq')
    .execute();
  const tools = await trx
    .selectFrom('call_tool_calls')
    .select(['tool_call_id', 'name', 'arguments', 'result', 'error', 'duration_ms', 'offset_ms'])
    .where('call_id', '=', callId)
    .orderBy('seq')
    .execute();
  const metrics = await trx
    .selectFrom('call_turn_metrics')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('turn')
    .execute();
  const usage = await trx
    .selectFrom('call_usage')
    .select([
      'kind',
      'provider',
      'model',
      // One row per usage event; int sums stay numbers on both drivers.
      sql<number>`sum(input_tokens)::int`.as('input_tokens'),
      sql<number>`sum(output_tokens)::int`.as('output_tokens'),
      sql<number>`sum(characters)::int`.as('characters'),
      sql<string>`sum(audio_seconds)::text`.as('audio_seconds'),
      sql<string>`sum(cost)::text`.as('cost'),
    ])
    .where('call_id', '=', callId)
    .groupBy(['kind', 'provider', 'model'])
    .orderBy('kind')
    .orderBy('provider')
    .orderBy('model')
    .execute();
  return {
    ...toSummary(call),
    carrier: call.carrier,
    carrierCallId: call.carrier_call_id,
    routedBy: call.routed_by,
    variables: call.variables,
    interruptionCount: call.interruption_count,
    transcript: turns.map((turn) => ({
      turn: turn.turn,
      speaker: turn.speaker,
      text: turn.text,
      startMs: turn.start_ms,
      endMs: turn.end_ms,
      interrupted: turn.interrupted,
    })),
    toolCalls: tools.map((tool) => ({
      id: tool.tool_call_id,
      name: tool.name,
      arguments: parseJsonOrText(tool.arguments),
      result: tool.result,
      error: tool.error,
      durationMs: tool.duration_ms,
      offsetMs: tool.offset_ms,
    })),
    turnMetrics: metrics.map((metric) => ({
      turn: metric.turn,
      endpointingMs: metric.endpointing_ms,
      sttMs: metric.stt_ms,
      llmMs: metric.llm_ms,
      ttsMs: metric.tts_ms,
      toolMs: metric.tool_ms,
      overheadMs: metric.overhead_ms,
      totalMs: metric.total_ms,
    })),
    usage: usage.map((row) => ({
      kind: row.kind,
      provider: row.provider,
      model: row.model,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      characters: row.characters,
      audioSeconds: String(row.audio_seconds),
      cost: String(row.cost),
    })),
    recording: call.recording_key === null ? null : { durationMs: call.recording_duration_ms },
    analysis: call.analysis,
    analyzedAt: call.analyzed_at,
  };
}

/** Where a call's recording is stored: `undefined` when there is no such call, `key` null when it was not recorded. */
export interface CallRecordingLocation {
  readonly key: string | null;
  readonly durationMs: number | null;
}

/** The storage key of a call's recording (one primary-key lookup). */
export async function getCallRecordingLocation(
  trx: TenantTransaction,
  callId: string,
): Promise<CallRecordingLocation | undefined> {
  const row = await trx
    .selectFrom('calls')
    .select(['recording_key', 'recording_duration_ms'])
    .where('id', '=', callId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { key: row.recording_key, durationMs: row.recording_duration_ms };
}
