import { sql } from 'kysely';
import type {
  CallEndedEvent,
  CallEvent,
  CallStartedEvent,
  ToolResultEvent,
} from '../../engine/call-events.js';
import type { CallDisposition, CallStatus } from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';
import type { CallFollowUp, RecordedTranscriptLine } from './call-follow-up.js';
import { priceUsage } from './usage-prices.js';

/** How a finished call ended, in the words of the call record. */
export function dispositionOf(event: { readonly reason: string }): CallDisposition {
  if (event.reason === 'transferred') return 'transferred';
  if (event.reason === 'error' || event.reason === 'connection-lost') return 'failed';
  return 'completed';
}

/** Some events of one call. */
export interface CallEventBatch {
  readonly callId: string;
  readonly events: readonly CallEvent[];
  /** The call's recording, already in storage, written with the call's end. */
  readonly recording?: { readonly key: string; readonly durationMs: number };
}

/** Rows are inserted this many at a time. */
const CHUNK = 500;

async function insertChunked<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK)
    await insert(rows.slice(start, start + CHUNK));
}

/**
 * Writes the events of several calls of one organisation in one transaction, with one multi-row
 * insert per table: the cost is per batch, not per event. Idempotent: every row has a natural key
 * (call and sequence number, tool call id, turn) and is inserted with `on conflict do nothing`,
 * and the updates set values rather than add to them, so a batch retried after a failure, or a
 * journal replayed at start-up, never counts anything twice.
 */
export async function applyCallEvents(
  trx: TenantTransaction,
  orgId: string,
  batches: readonly CallEventBatch[],
  followUp?: CallFollowUp,
): Promise<void> {
  const transcripts = [];
  const toolCalls = [];
  const metrics = [];
  const usage = [];
  const started: CallStartedEvent[] = [];
  const results: ToolResultEvent[] = [];
  const ended: { event: CallEndedEvent; recording: CallEventBatch['recording'] }[] = [];
  for (const { callId, events, recording } of batches) {
    for (const event of events) {
      switch (event.type) {
        case 'call-started':
          started.push(event);
          break;
        case 'transcript':
          if (!event.final) break;
          transcripts.push({
            call_id: callId,
            org_id: orgId,
            seq: event.seq,
            turn: event.turn,
            speaker: event.speaker,
            text: event.pii.text,
            start_ms: Math.round(event.startMs),
            end_ms: Math.round(event.endMs),
            interrupted: event.interrupted,
          });
          break;
        case 'tool-call':
          toolCalls.push({
            call_id: callId,
            org_id: orgId,
            tool_call_id: event.toolCallId,
            seq: event.seq,
            name: event.name,
            arguments: event.pii.arguments,
            offset_ms: Math.round(event.offsetMs),
          });
          break;
        case 'tool-result':
          results.push(event);
          break;
        case 'turn-metrics':
          metrics.push({
            call_id: callId,
            org_id: orgId,
            turn: event.turn,
            endpointing_ms: Math.round(event.endpointingMs),
            stt_ms: Math.round(event.sttMs),
            llm_ms: Math.round(event.llmMs),
            tts_ms: Math.round(event.ttsMs),
            tool_ms: Math.round(event.toolMs),
            overhead_ms: Math.round(event.overheadMs),
            total_ms: Math.round(event.totalMs),
          });
          break;
        case 'usage':
          usage.push({
            call_id: callId,
            org_id: orgId,
            seq: event.seq,
            kind: event.kind,
            provider: event.provider,
            model: event.model,
            input_tokens: Math.round(event.inputTokens ?? 0),
            output_tokens: Math.round(event.outputTokens ?? 0),
            characters: Math.round(event.characters ?? 0),
            audio_seconds: (event.audioSeconds ?? 0).toFixed(3),
            cost: priceUsage(event.kind, event.provider, event.model, event),
          });
          break;
        case 'call-ended':
          ended.push({ event, recording });
          break;
        case 'interruption':
        case 'dtmf':
        case 'provider-error':
          // Interruptions show in the transcript (interrupted agent turns); the rest is logs and metrics.
          break;
      }
    }
  }
  for (const event of started) {
    await trx
      .updateTable('calls')
      .set({
        status: 'in-progress',
        answered_at: sql`coalesce(answered_at, ${new Date(event.at)})`,
        // The router recorded the carrier's id already; a row adopted from a journal may lack it.
        carrier_call_id: sql<string>`coalesce(carrier_call_id, ${event.carrierCallId})`,
        updated_at: new Date(),
      })
      .where('id', '=', event.callId)
      .where('ended_at', 'is', null)
      .execute();
    await followUp?.callStarted(trx, orgId, event.callId);
  }
  await insertChunked(transcripts, (rows) =>
    trx
      .insertInto('call_transcript_turns')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute(),
  );
  await insertChunked(toolCalls, (rows) =>
    trx
      .insertInto('call_tool_calls')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute(),
  );
  if (followUp !== undefined) {
    const linesByCall = new Map<string, RecordedTranscriptLine[]>();
    for (const row of transcripts) {
      const lines = linesByCall.get(row.call_id) ?? [];
      lines.push({
        seq: row.seq,
        speaker: row.speaker,
        text: row.text,
        startMs: row.start_ms,
        endMs: row.end_ms,
        interrupted: row.interrupted,
      });
      linesByCall.set(row.call_id, lines);
    }
    for (const [callId, lines] of linesByCall)
      await followUp.transcriptAdded(trx, orgId, callId, lines);
  }
  for (const event of results) {
    await trx
      .updateTable('call_tool_calls')
      .set({
        result: event.pii.result,
        error: event.error ?? null,
        duration_ms: Math.round(event.durationMs),
      })
      .where('call_id', '=', event.callId)
      .where('tool_call_id', '=', event.toolCallId)
      .execute();
  }
  await insertChunked(metrics, (rows) =>
    trx
      .insertInto('call_turn_metrics')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute(),
  );
  await insertChunked(usage, (rows) =>
    trx
      .insertInto('call_usage')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute(),
  );
  for (const { event, recording } of ended) {
    await closeCall(
      trx,
      event.callId,
      {
        ...event,
        lastSeq: event.seq,
        ...(recording !== undefined ? { recording } : {}),
      },
      followUp === undefined ? undefined : { orgId, followUp },
    );
  }
}

/**
 * Final figures of a call, once: end time and reason, turn and interruption counts, latency
 * percentiles and total cost. A call already closed keeps its first ending. The transaction that
 * closes it also runs the follow-up (notifications, analysis); true when this one closed it.
 */
export async function closeCall(
  trx: TenantTransaction,
  callId: string,
  ended: Pick<CallEndedEvent, 'at' | 'durationMs'> & {
    reason: string;
    disposition?: CallDisposition;
    /** The record's status; `completed` unless the carrier said otherwise (busy, no-answer…). */
    status?: CallStatus;
    lastSeq?: number;
    recording?: { readonly key: string; readonly durationMs: number };
  },
  followUp?: { readonly orgId: string; readonly followUp: CallFollowUp },
): Promise<boolean> {
  const result = await trx
    .updateTable('calls')
    .set({
      status: ended.status ?? 'completed',
      ended_at: new Date(ended.at),
      duration_ms: Math.round(ended.durationMs),
      end_reason: ended.reason,
      disposition: ended.disposition ?? dispositionOf(ended),
      turn_count: sql<number>`(select count(distinct turn)::int from call_transcript_turns where call_id = ${callId})`,
      interruption_count: sql<number>`(select count(*)::int from call_transcript_turns where call_id = ${callId} and speaker = 'agent' and interrupted)`,
      latency_p50_ms: sql<
        number | null
      >`(select round(percentile_cont(0.5) within group (order by total_ms))::int from call_turn_metrics where call_id = ${callId})`,
      latency_p95_ms: sql<
        number | null
      >`(select round(percentile_cont(0.95) within group (order by total_ms))::int from call_turn_metrics where call_id = ${callId})`,
      total_cost: sql<string>`(select coalesce(sum(cost), 0) from call_usage where call_id = ${callId})`,
      ...(ended.lastSeq !== undefined ? { last_event_seq: ended.lastSeq } : {}),
      ...(ended.recording !== undefined
        ? {
            recording_key: ended.recording.key,
            recording_duration_ms: Math.round(ended.recording.durationMs),
          }
        : {}),
      updated_at: new Date(),
    })
    .where('id', '=', callId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  const closed = result.numUpdatedRows > 0n;
  if (closed && followUp !== undefined)
    await followUp.followUp.callEnded(trx, followUp.orgId, callId);
  return closed;
}
