/**
 * The JSON bodies the dashboard reads, as the server's route schemas define them
 * (src/platform/api/routes/*-schemas.ts, docs/live-calls.md). Kept by hand: the dashboard is its
 * own build and imports nothing from the server. One definition per body: the webhook bodies are
 * in webhook-types.ts, those only the admin pages read in admin-types.ts, the live-call messages
 * in live-types.ts.
 */

/** `{ data: [...] }`, the envelope of every list. */
export interface ListEnvelope<T> {
  readonly data: readonly T[];
}

/** One page of a cursor-paginated list. */
export interface Page<T> extends ListEnvelope<T> {
  readonly nextCursor: string | null;
}

export type Role = 'owner' | 'admin' | 'viewer';

/** `GET /v1/session`, `POST /v1/session`, `POST /v1/setup`. */
export interface Session {
  readonly user: { id: string; email: string; name: string; role: Role };
  readonly organization: { id: string; name: string };
}

/** `GET /v1/setup`. */
export interface SetupStatus {
  readonly ownerExists: boolean;
  readonly setupKeyHint: string;
}

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_STATUSES = [
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_DISPOSITIONS = [
  'completed',
  'no-answer',
  'busy',
  'failed',
  'voicemail',
  'transferred',
  'canceled',
] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/** SENTIMENTS in src/platform/analysis/call-analysis.ts. */
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** A call as `GET /v1/calls` lists it. */
export interface CallSummary {
  readonly id: string;
  readonly direction: CallDirection;
  readonly status: CallStatus;
  readonly from: string;
  readonly to: string;
  readonly agentId: string | null;
  readonly agentName: string | null;
  readonly agentVersion: number | null;
  readonly createdAt: string;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  readonly endReason: string | null;
  readonly disposition: CallDisposition | null;
  readonly turnCount: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  /** Exact decimal (USD) as a string. */
  readonly totalCost: string;
  readonly hasRecording: boolean;
  readonly analysisStatus: 'none' | 'pending' | 'done' | 'failed';
  readonly sentiment: Sentiment | null;
  readonly success: boolean | null;
}

export interface TranscriptTurn {
  readonly turn: number;
  readonly speaker: 'caller' | 'agent';
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly interrupted: boolean;
}

export interface CallToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: unknown;
  readonly result: string | null;
  readonly error: string | null;
  readonly durationMs: number | null;
  readonly offsetMs: number;
}

/** One reply's latency split; the parts add up to `totalMs`. */
export interface TurnMetric {
  readonly turn: number;
  readonly endpointingMs: number;
  readonly sttMs: number;
  readonly llmMs: number;
  readonly ttsMs: number;
  readonly toolMs: number;
  readonly overheadMs: number;
  readonly totalMs: number;
}

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

/** `GET /v1/calls/{callId}`. */
export interface CallDetail extends CallSummary {
  readonly carrier: string;
  readonly carrierCallId: string | null;
  readonly routedBy: string;
  readonly variables: Record<string, string>;
  readonly interruptionCount: number;
  readonly transcript: TranscriptTurn[];
  readonly toolCalls: CallToolCall[];
  readonly turnMetrics: TurnMetric[];
  readonly usage: CallUsage[];
  readonly recording: { durationMs: number | null; url: string } | null;
  /** The latest analysis; read it with `readAnalysis`. */
  readonly analysis: Record<string, unknown> | null;
  readonly analyzedAt: string | null;
}

/**
 * `GET /v1/agents` items and `GET /v1/agents/{agentId}`: the definition arrives with every default
 * applied.
 */
export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly source: 'api' | 'provisioning-file';
  readonly definition: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /v1/agents/{agentId}/versions` items. */
export interface AgentVersion {
  readonly version: number;
  readonly createdAt: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

/** `GET /v1/emails` items. */
export interface EmailSummary {
  readonly id: string;
  readonly callId: string | null;
  readonly kind: string;
  readonly recipients: string[];
  readonly subject: string;
  readonly status: 'pending' | 'sent' | 'outbox' | 'failed';
  readonly transport: string | null;
  readonly messageId: string | null;
  readonly outboxPath: string | null;
  readonly error: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
}

/** `GET /v1/emails/{emailId}`. */
export interface Email extends EmailSummary {
  readonly html: string;
  readonly text: string;
}
