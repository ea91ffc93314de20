/**
 * Live-call messages (docs/live-calls.md) and the call events they carry
 * (src/engine/call-events.ts, docs/call-events.md).
 */
import type { CallDirection, TurnMetric } from './types.js';

export type TurnState = 'listening' | 'thinking' | 'speaking';

/** `GET /v1/live-calls` items. */
export interface LiveCall {
  readonly callId: string;
  readonly agentName: string;
  readonly direction: CallDirection;
  readonly carrier: string;
  readonly from: string;
  readonly to: string;
  readonly startedAt: string;
  readonly state: TurnState;
  readonly turns: number;
  readonly lastTurnLatencyMs: number | null;
}

interface EventBase {
  readonly callId: string;
  readonly seq: number;
  readonly at: number;
  readonly offsetMs: number;
}

export interface TranscriptEvent extends EventBase {
  readonly type: 'transcript';
  readonly speaker: 'caller' | 'agent';
  readonly final: boolean;
  readonly turn: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly interrupted: boolean;
  readonly pii: { readonly text: string };
}

export interface ToolCallEvent extends EventBase {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly name: string;
  readonly generation: number;
  readonly pii: { readonly arguments: string };
}

export interface ToolResultEvent extends EventBase {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly name: string;
  readonly durationMs: number;
  readonly error?: string;
  readonly pii: { readonly result: string };
}

/** A reply's latency split, the same numbers the call record keeps as its `turnMetrics`. */
export interface TurnMetricsEvent extends EventBase, TurnMetric {
  readonly type: 'turn-metrics';
}

export interface ProviderErrorEvent extends EventBase {
  readonly type: 'provider-error';
  readonly kind: string;
  readonly provider: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

export interface CallEndedEvent extends EventBase {
  readonly type: 'call-ended';
  readonly reason: string;
  readonly durationMs: number;
  readonly transferTo?: string;
}

/** Live streams only: what the agent is doing now. */
export interface TurnStateEvent extends EventBase {
  readonly type: 'turn-state';
  readonly state: TurnState;
}

/** Events the dashboard does not show on their own (call-started, interruption, dtmf, usage). */
export interface OtherCallEvent extends EventBase {
  readonly type: 'call-started' | 'interruption' | 'dtmf' | 'usage';
}

export type LiveCallEvent =
  | TranscriptEvent
  | ToolCallEvent
  | ToolResultEvent
  | TurnMetricsEvent
  | ProviderErrorEvent
  | CallEndedEvent
  | TurnStateEvent
  | OtherCallEvent;

/** `event: snapshot` of `GET /v1/calls/{callId}/live`. */
export interface LiveSnapshot {
  readonly call: LiveCall;
  readonly events: LiveCallEvent[];
}

/** Text messages the test-call WebSocket sends. */
export type TestCallServerMessage =
  | { readonly type: 'call'; readonly callId: string; readonly sampleRate: number }
  | { readonly type: 'event'; readonly event: LiveCallEvent }
  | { readonly type: 'clear' }
  | { readonly type: 'ended'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string };

/** Text messages the listen-in WebSocket sends. */
export type ListenServerMessage =
  | { readonly type: 'listening'; readonly callId: string; readonly sampleRate: number }
  | { readonly type: 'ended'; readonly reason: string };
