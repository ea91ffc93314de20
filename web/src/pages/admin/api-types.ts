/*
 * The JSON the admin pages read, as the routes in src/platform/api/routes/*.ts send it. Written
 * out here because the dashboard is its own build and never imports server code; keep in step.
 */

/** `{ data: [...] }`, the envelope of every list. */
export interface ListEnvelope<T> {
  readonly data: readonly T[];
}

/** `{ data, nextCursor }`, the envelope of paged lists. */
export interface PagedEnvelope<T> extends ListEnvelope<T> {
  readonly nextCursor: string | null;
}

export type UserRole = 'owner' | 'admin' | 'viewer';

/** `GET /v1/agents/{id}`: the definition arrives with every default applied. */
export interface StoredAgent {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly source: 'api' | 'provisioning-file';
  readonly definition: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AgentVersion {
  readonly version: number;
  readonly createdAt: string;
  readonly definition: Readonly<Record<string, unknown>>;
}

export type Carrier = 'twilio' | 'signalwire';

export interface PhoneNumber {
  readonly id: string;
  readonly number: string;
  readonly carrier: Carrier;
  readonly inboundAgentId: string | null;
  readonly active: boolean;
  readonly label: string | null;
  readonly webhooks: { readonly voiceUrl: string; readonly statusCallbackUrl: string };
  readonly lastWebhookAt: string | null;
  readonly lastWebhookSigned: boolean | null;
  readonly createdAt: string;
}

/** `GET /v1/stats/overview`. */
export interface StatsOverview {
  readonly from: string;
  readonly to: string;
  readonly days: readonly {
    readonly date: string;
    readonly calls: number;
    readonly minutes: number;
    readonly avgLatencyMs: number | null;
    readonly p95LatencyMs: number | null;
  }[];
  readonly outcomes: readonly { readonly outcome: string; readonly count: number }[];
  readonly providers: readonly {
    readonly provider: string;
    readonly kind: string;
    readonly minutes: number;
    /** Decimal string, e.g. "1.2345", so money keeps its precision. */
    readonly cost: string;
  }[];
  readonly totals: {
    readonly calls: number;
    readonly minutes: number;
    readonly cost: string;
    readonly avgLatencyMs: number | null;
    readonly p95LatencyMs: number | null;
  };
}

export type CredentialProvider = 'openai' | 'deepgram' | 'elevenlabs' | 'twilio' | 'signalwire';

export interface CredentialSummary {
  readonly provider: CredentialProvider;
  readonly publicId: string | null;
  /** Last four characters of the secret. */
  readonly hint: string;
  readonly updatedAt: string;
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly events: readonly string[];
  readonly active: boolean;
  readonly pausedAt: string | null;
  readonly pauseReason: string | null;
  readonly consecutiveFailures: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly callId: string | null;
  readonly status: DeliveryStatus;
  readonly attemptCount: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly replayOf: string | null;
  readonly createdAt: string;
}

export interface WebhookAttempt {
  readonly attempt: number;
  readonly startedAt: string;
  readonly latencyMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
}

export interface WebhookDeliveryDetail extends WebhookDelivery {
  readonly event: {
    readonly id: string;
    readonly type: string;
    readonly createdAt: string;
    readonly data: Readonly<Record<string, unknown>>;
  };
  readonly attempts: readonly WebhookAttempt[];
}

export interface SummaryEmailSettings {
  readonly recipients: readonly string[];
  readonly minDurationSeconds: number;
  readonly includeCallsWithoutCallerSpeech: boolean;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly summaryEmail: SummaryEmailSettings;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly role: 'admin' | 'viewer';
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: UserRole;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}
