/**
 * The call event contract. Every call emits these in order; records, webhooks, metrics and the
 * dashboard are built on them. Adding a field is compatible; renaming or removing one is not.
 * Documented in docs/call-events.md.
 */

export type Speaker = 'caller' | 'agent';

export type CallEndReason =
  | 'caller-hangup'
  | 'agent-hangup'
  | 'transferred'
  | 'silence-timeout'
  | 'max-duration'
  | 'unknown-number'
  | 'shutdown'
  | 'connection-lost'
  | 'error';

interface CallEventBase {
  /** Our id for the call. */
  readonly callId: string;
  /** Position in this call's event sequence, from 0, without gaps. */
  readonly seq: number;
  /** Wall-clock time (ms since epoch). */
  readonly at: number;
  /** Ms since the call started, from the engine's monotonic clock. */
  readonly offsetMs: number;
}

export interface CallStartedEvent extends CallEventBase {
  readonly type: 'call-started';
  readonly direction: 'inbound' | 'outbound';
  readonly carrier: string;
  readonly carrierCallId: string;
  readonly agentName: string;
  /** Phone numbers are personal data: the `pii` key lets a collector strip them. */
  readonly pii: { readonly from: string; readonly to: string };
}

export interface TranscriptEvent extends CallEventBase {
  readonly type: 'transcript';
  readonly speaker: Speaker;
  /** `partial` text may still change; `final` text is settled. */
  readonly final: boolean;
  /** Turn counter shared by both speakers, from 0. */
  readonly turn: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Agent only: the caller interrupted; `pii.text` holds only what was heard. */
  readonly interrupted: boolean;
  readonly pii: { readonly text: string };
}

export interface ToolCallEvent extends CallEventBase {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly name: string;
  /** Which LLM generation issued the call. */
  readonly generation: number;
  readonly pii: { readonly arguments: string };
}

export interface ToolResultEvent extends CallEventBase {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly name: string;
  readonly durationMs: number;
  /** Set when the tool failed, timed out or was skipped; the model saw it as a tool error. */
  readonly error?: string;
  readonly pii: { readonly result: string };
}

export interface InterruptionEvent extends CallEventBase {
  readonly type: 'interruption';
  readonly turn: number;
  /** How much of the agent's utterance the caller heard before cutting in. */
  readonly heardMs: number;
  /** The caller only made a short noise; the agent resumed. */
  readonly falseInterruption: boolean;
}

export interface DtmfEvent extends CallEventBase {
  readonly type: 'dtmf';
  /** Keys can be account or card numbers: personal data. */
  readonly pii: { readonly digit: string };
}

/**
 * Latency of one agent reply: from the end of caller speech to the first agent audio byte sent.
 * `endpointingMs + sttMs + llmMs + ttsMs + toolMs + overheadMs === totalMs`.
 */
export interface TurnMetricsEvent extends CallEventBase {
  readonly type: 'turn-metrics';
  readonly turn: number;
  /** Deliberate wait after speech ended before committing the turn. */
  readonly endpointingMs: number;
  /** Extra wait for the final transcript after the endpointing delay. */
  readonly sttMs: number;
  /** Request sent → first token (or first tool call). */
  readonly llmMs: number;
  /** First text sent to TTS → first audio byte back. */
  readonly ttsMs: number;
  /** Our own processing: everything not attributable above. */
  readonly overheadMs: number;
  readonly totalMs: number;
  /** The reply needed tool rounds; their time is in `toolMs`, not in the split above. */
  readonly toolMs: number;
}

export interface ProviderErrorEvent extends CallEventBase {
  readonly type: 'provider-error';
  readonly kind: 'stt' | 'llm' | 'tts' | 'vad' | 'carrier';
  readonly provider: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

export interface UsageEvent extends CallEventBase {
  readonly type: 'usage';
  readonly kind: 'stt' | 'llm' | 'tts';
  readonly provider: string;
  readonly model: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly characters?: number;
  readonly audioSeconds?: number;
}

export interface CallEndedEvent extends CallEventBase {
  readonly type: 'call-ended';
  readonly reason: CallEndReason;
  readonly durationMs: number;
  /** Transfer destination, when `reason` is `transferred`. */
  readonly transferTo?: string;
}

/** What the agent is doing; the dashboard shows it live. Not stored with the call's record. */
export type TurnState = 'listening' | 'thinking' | 'speaking';

/**
 * The agent's turn state changed: `listening` (waiting for or hearing the caller), `thinking` (a
 * reply is being prepared, tools included) or `speaking` (agent audio is being sent). Emitted on
 * transitions only.
 */
export interface TurnStateEvent extends CallEventBase {
  readonly type: 'turn-state';
  readonly state: TurnState;
}

export type CallEvent =
  | CallStartedEvent
  | TurnStateEvent
  | TranscriptEvent
  | ToolCallEvent
  | ToolResultEvent
  | InterruptionEvent
  | DtmfEvent
  | TurnMetricsEvent
  | ProviderErrorEvent
  | UsageEvent
  | CallEndedEvent;

export type CallEventType = CallEvent['type'];

/** Receives every event of every call. Must not throw and must not block. */
export type CallEventListener = (event: CallEvent) => void;
