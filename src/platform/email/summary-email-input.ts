/**
 * Everything the post-call summary email shows. The caller (the analysis job) gathers it from the
 * call, its analysis and its appointments; the renderer does no I/O.
 */
export interface SummaryEmailInput {
  readonly organizationName: string;
  /** IANA zone (`Europe/Paris`); every time in the email is shown in it. */
  readonly timeZone: string;
  /** Absolute link to the call page, e.g. `https://host/calls/<id>`; only http(s) is linked. */
  readonly dashboardUrl: string;
  readonly call: {
    readonly id: string;
    readonly direction: 'inbound' | 'outbound';
    readonly from: string;
    readonly to: string;
    readonly agentName: string | null;
    /** ISO 8601. */
    readonly startedAt: string;
    readonly durationMs: number | null;
    readonly status: string;
    readonly disposition: string | null;
    readonly endReason: string | null;
  };
  readonly analysis: {
    /** `derived`: computed from the call record without a language model. */
    readonly source: 'llm' | 'derived';
    readonly summary: string | null;
    readonly sentiment: 'positive' | 'neutral' | 'negative' | null;
    readonly success: { readonly achieved: boolean; readonly reason: string } | null;
    readonly voicemail: boolean | null;
    /** Custom extracted fields; values may be any JSON value. */
    readonly fields: Readonly<Record<string, unknown>> | null;
    /** Names of the parts of the analysis that could not be produced. */
    readonly unavailable: readonly string[];
    readonly unavailableReason?: string;
    readonly toolsUsed: readonly string[];
    readonly turns: number;
  };
  readonly appointments: readonly {
    readonly id: string;
    readonly serviceType: string;
    /** ISO 8601. */
    readonly startsAt: string;
    readonly status: string;
  }[];
}
