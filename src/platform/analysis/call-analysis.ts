import type { AnalysisSettings } from '../../agents/agent-definition.js';

/** The parts of an analysis only an LLM can produce. */
export const LLM_ANALYSIS_PARTS = [
  'summary',
  'sentiment',
  'success',
  'voicemail',
  'fields',
] as const;
export type LlmAnalysisPart = (typeof LLM_ANALYSIS_PARTS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Everything the analysis looks at: the ended call as the platform recorded it. */
export interface AnalysisInput {
  readonly callId: string;
  readonly agent: { readonly name: string; readonly instructions: string };
  readonly call: {
    readonly direction: 'inbound' | 'outbound';
    readonly from: string;
    readonly to: string;
    readonly startedAt: string;
    readonly answeredAt: string | null;
    readonly endedAt: string | null;
    readonly durationMs: number | null;
    readonly endReason: string | null;
    readonly disposition: string | null;
    readonly status: string;
  };
  /** Final lines, in order; `startMs` counts from the start of the call. */
  readonly transcript: readonly {
    readonly speaker: 'caller' | 'agent';
    readonly text: string;
    readonly startMs: number;
    readonly interrupted: boolean;
  }[];
  readonly toolCalls: readonly {
    readonly name: string;
    readonly arguments: unknown;
    readonly result: unknown;
    readonly error: string | null;
  }[];
  /** Appointments this call created or changed. */
  readonly appointments: readonly {
    readonly id: string;
    readonly status: string;
    readonly serviceType: string;
    readonly startsAt: string;
  }[];
}

/** What can be said about a call without an LLM. */
export interface CallFacts {
  /** Whole seconds, rounded; null when the call was never answered. */
  readonly durationSeconds: number | null;
  /** Speaker turns: consecutive lines of one speaker count as one turn. */
  readonly turns: number;
  readonly callerTurns: number;
  readonly callerSpoke: boolean;
  /** Distinct tool names in the order of first use. */
  readonly toolsUsed: string[];
  readonly toolErrors: number;
  /** The call's appointments whose status is `booked`. */
  readonly appointmentsBooked: { id: string; serviceType: string; startsAt: string }[];
  readonly endReason: string | null;
  readonly disposition: string | null;
}

/** The LLM's answer; a part that was not asked for is null. */
export interface LlmAnalysisParts {
  readonly summary: string | null;
  readonly sentiment: Sentiment | null;
  readonly success: { readonly achieved: boolean; readonly reason: string } | null;
  readonly voicemail: boolean | null;
  /** Custom fields by name; a value the call did not reveal is null. */
  readonly fields: Record<string, unknown> | null;
}

/** The analysis stored on a call (JSON-ready). */
export interface CallAnalysis extends CallFacts {
  readonly version: 1;
  /** ISO 8601. */
  readonly generatedAt: string;
  /** `derived` when no LLM part could be produced. */
  readonly source: 'llm' | 'derived';
  /** The LLM that produced the LLM parts; null for `derived`. */
  readonly model: string | null;
  readonly summary: string | null;
  readonly sentiment: Sentiment | null;
  readonly success: { readonly achieved: boolean; readonly reason: string } | null;
  readonly voicemail: boolean | null;
  readonly fields: Record<string, unknown> | null;
  /** The LLM parts the agent wants that are missing. */
  readonly unavailable: LlmAnalysisPart[];
  /** Why they are missing, e.g. `no LLM is configured for this organisation`. */
  readonly unavailableReason?: string;
  /**
   * Set when the LLM failed: true when trying again later may help (network, timeout, 429, 5xx),
   * false when it will not (the reply did not match the schema, a refusal, a 4xx).
   */
  readonly retryable?: boolean;
}

/** Produces the LLM parts of an analysis, e.g. `createOpenAiCallAnalyzer`. */
export interface CallAnalyzer {
  /** Reported as `CallAnalysis.model`. */
  readonly model: string;
  /** Throws (preferably a `SwitchboardError` with `retryable`) when it cannot answer. */
  analyze(
    input: AnalysisInput,
    settings: AnalysisSettings,
    signal?: AbortSignal,
  ): Promise<LlmAnalysisParts>;
}

/**
 * The LLM parts the agent's settings ask for, in a fixed order. The success verdict is always
 * wanted: without a goal it is judged against the agent's instructions.
 */
export function wantedAnalysisParts(settings: AnalysisSettings): LlmAnalysisPart[] {
  return LLM_ANALYSIS_PARTS.filter((part) => {
    switch (part) {
      case 'summary':
        return settings.summary;
      case 'sentiment':
        return settings.sentiment;
      case 'success':
        return true;
      case 'voicemail':
        return settings.voicemail;
      case 'fields':
        return Object.keys(settings.fields).length > 0;
    }
  });
}
