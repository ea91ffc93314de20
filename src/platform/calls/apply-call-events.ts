import { sql } from 'kysely';
import type { CallEndedEvent, CallEvent } from '../../engine/call-events.js';
import type { CallDisposition } from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';
import { priceUsage } from './usage-prices.js';

/** How a finished call ended, in the words of the call record. */
export function dispositionOf(event: { readonly reason: string }): CallDisposition {
  if (event.reason === 'transferred') return 'transferred';
  if (event.reason === 'error' || event.reason === 'connection-lost') return 'failed';
  return 'completed';
}

/**
 * Writes a batch of one call's events to its rows, in one transaction. Idempotent: events at or
 * below the row's `last_event_seq` were written before and are skipped, so a batch that failed
 * halfway, or a journal replayed at start-up, never counts anything twice.
 */
export async function applyCallEvents(
  trx: TenantTransaction,
  orgId: string,
  callId: string,
  events: readonly CallEvent[],
): Promise<void> {
  const call = await trx
    .selectFrom('calls')
    .select(['last_event_seq', 'ended_at'])
    .where('id', '=', callId)
    .forUpdate()
    .executeTakeFirst();
  if (call === undefined) throw new Error(`call ${callId} has no row`);
  const fresh = events
    .filter((event) => event.seq > call.last_event_seq)
    .sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return;
  let ended: CallEndedEvent | undefined;
  for (const event of fresh) {
    switch (event.type) {
      case 'call-started':
        await trx
          .updateTable('calls')
          .set({
            status: 'in-progress',
            answered_at: new Date(event.at),
            // The router recorded the carrier's id already; a row adopted from a journal may lack it.
            carrier_call_id: sql<string>`coalesce(carrier_call_id, ${event.carrierCallId})`,
          })
          .where('id', '=', callId)
          .where('ended_at', 'is', null)
          .execute();
        break;
      case 'transcript':
        if (!event.final) break;
        await trx
          .insertInto('call_transcript_turns')
          .values({
            call_id: callId,
            org_id: orgId,
            seq: event.seq,
            turn: event.turn,
            speaker: event.speaker,
            text: event.pii.text,
            start_ms: Math.round(event.startMs),
            end_ms: Math.round(event.endMs),
            interrupted: event.interrupted,
          })
          .onConflict((conflict) => conflict.columns(['call_id', 'seq']).doNothing())
          .execute();
        break;
      case 'tool-call':
        await trx
          .insertInto('call_tool_calls')
          .values({
            call_id: callId,
            org_id: orgId,
            tool_call_id: event.toolCallId,
            seq: event.seq,
            name: event.name,
            arguments: event.pii.arguments,
            offset_ms: Math.round(event.offsetMs),
          })
          .onConflict((conflict) => conflict.columns(['call_id', 'tool_call_id']).doNothing())
          .execute();
        break;
      case 'tool-result':
        await trx
          .updateTable('call_tool_calls')
          .set({
            result: event.pii.result,
            error: event.error ?? null,
            duration_ms: Math.round(event.durationMs),
          })
          .where('call_id', '=', callId)
          .where('tool_call_id', '=', event.toolCallId)
          .execute();
        break;
      case 'interruption':
        if (event.falseInterruption) break;
        await trx
          .updateTable('calls')
          .set((eb) => ({ interruption_count: eb('interruption_count', '+', 1) }))
          .where('id', '=', callId)
          .execute();
        break;
      case 'turn-metrics':
        await trx
          .insertInto('call_turn_metrics')
          .values({
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
          })
          .onConflict((conflict) => conflict.columns(['call_id', 'turn']).doNothing())
          .execute();
        break;
      case 'usage': {
        const amounts = {
          input_tokens: Math.round(event.inputTokens ?? 0),
          output_tokens: Math.round(event.outputTokens ?? 0),
          characters: Math.round(event.characters ?? 0),
          audio_seconds: (event.audioSeconds ?? 0).toFixed(3),
          cost: priceUsage(event.kind, event.provider, event.model, event),
        };
        await trx
          .insertInto('call_usage')
          .values({
            call_id: callId,
            org_id: orgId,
            kind: event.kind,
            provider: event.provider,
            model: event.model,
            ...amounts,
          })
          .onConflict((conflict) =>
            conflict.columns(['call_id', 'kind', 'provider', 'model']).doUpdateSet((eb) => ({
              input_tokens: eb('call_usage.input_tokens', '+', eb.ref('excluded.input_tokens')),
              output_tokens: eb('call_usage.output_tokens', '+', eb.ref('excluded.output_tokens')),
              characters: eb('call_usage.characters', '+', eb.ref('excluded.characters')),
              audio_seconds: eb('call_usage.audio_seconds', '+', eb.ref('excluded.audio_seconds')),
              cost: eb('call_usage.cost', '+', eb.ref('excluded.cost')),
            })),
          )
          .execute();
        break;
      }
      case 'call-ended':
        ended = event;
        break;
      case 'dtmf':
      case 'provider-error':
        // Logged and counted elsewhere; not part of the record.
        break;
    }
  }
  const lastSeq = fresh[fresh.length - 1]?.seq ?? call.last_event_seq;
  await trx
    .updateTable('calls')
    .set({ last_event_seq: lastSeq, updated_at: new Date() })
    .where('id', '=', callId)
    .execute();
  if (ended !== undefined && call.ended_at === null) await closeCall(trx, callId, ended);
}

/** Final figures of a call: end time and reason, turn count, latency percentiles, total cost. */
export async function closeCall(
  trx: TenantTransaction,
  callId: string,
  ended: Pick<CallEndedEvent, 'at' | 'durationMs'> & {
    reason: string;
    disposition?: CallDisposition;
  },
): Promise<void> {
  const summary = await trx
    .selectFrom('call_turn_metrics')
    .select([
      sql<number | null>`percentile_cont(0.5) within group (order by total_ms)`.as('p50'),
      sql<number | null>`percentile_cont(0.95) within group (order by total_ms)`.as('p95'),
    ])
    .where('call_id', '=', callId)
    .executeTakeFirst();
  const turns = await trx
    .selectFrom('call_transcript_turns')
    .select(sql<number>`count(distinct turn)::int`.as('count'))
    .where('call_id', '=', callId)
    .executeTakeFirst();
  const cost = await trx
    .selectFrom('call_usage')
    .select(sql<string>`coalesce(sum(cost), 0)::text`.as('total'))
    .where('call_id', '=', callId)
    .executeTakeFirst();
  await trx
    .updateTable('calls')
    .set({
      status: 'completed',
      ended_at: new Date(ended.at),
      duration_ms: Math.round(ended.durationMs),
      end_reason: ended.reason,
      disposition: ended.disposition ?? dispositionOf(ended),
      turn_count: turns?.count ?? 0,
      latency_p50_ms: summary?.p50 == null ? null : Math.round(Number(summary.p50)),
      latency_p95_ms: summary?.p95 == null ? null : Math.round(Number(summary.p95)),
      total_cost: cost?.total ?? '0',
      updated_at: new Date(),
    })
    .where('id', '=', callId)
    .execute();
}
