import { z } from 'zod';
import type { CallEvent, TurnState } from '../../engine/call-events.js';

/** One call live in this process, as `GET /v1/live-calls` lists it (docs/live-calls.md). */
export interface LiveCall {
  readonly callId: string;
  readonly agentName: string;
  readonly direction: 'inbound' | 'outbound';
  /** twilio, signalwire, browser… */
  readonly carrier: string;
  readonly from: string;
  readonly to: string;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly state: TurnState;
  /** Committed caller turns so far. */
  readonly turns: number;
  readonly lastTurnLatencyMs: number | null;
}

/** What a live call's stream opens with: the call and every event so far. */
export interface LiveCallSnapshot {
  readonly call: LiveCall;
  readonly events: readonly CallEvent[];
}

/** {@link LiveCall} for the OpenAPI document and response validation. */
export const liveCallSchema = z
  .object({
    callId: z.guid(),
    agentName: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    carrier: z.string().meta({ description: 'twilio, signalwire, browser…' }),
    from: z.string(),
    to: z.string(),
    startedAt: z.iso.datetime(),
    state: z.enum(['listening', 'thinking', 'speaking']).meta({
      description:
        'listening: waiting for or hearing the caller; thinking: preparing a reply (tools included); speaking: agent audio is playing.',
    }),
    turns: z.int().min(0).meta({ description: 'Committed caller turns so far.' }),
    lastTurnLatencyMs: z.number().nullable().meta({
      description: 'End of caller speech to first agent audio, of the latest reply.',
    }),
  })
  .meta({ description: 'A call live in this process.' });

/** `{"data": [LiveCall]}`, newest first. */
export const liveCallListSchema = z.object({ data: z.array(liveCallSchema) });
