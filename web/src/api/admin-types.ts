/**
 * The bodies only the admin pages read: phone numbers, statistics, credentials, the organisation,
 * API keys and users, as src/platform/api/routes/*.ts send them. Kept by hand beside types.ts, for
 * the same reason.
 */
import type { Role } from './types.js';

export type Carrier = 'twilio' | 'signalwire';

/** `GET /v1/phone-numbers` items; the answer to a change. */
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

/** `GET /v1/credentials` items: never the secret itself. */
export interface CredentialSummary {
  readonly provider: CredentialProvider;
  readonly publicId: string | null;
  /** Last four characters of the secret. */
  readonly hint: string;
  readonly updatedAt: string;
}

export interface SummaryEmailSettings {
  readonly recipients: readonly string[];
  readonly minDurationSeconds: number;
  readonly includeCallsWithoutCallerSpeech: boolean;
}

/** `GET /v1/organization`. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly summaryEmail: SummaryEmailSettings;
}

/** `GET /v1/api-keys` items: the secret only ever comes with the answer to a create. */
export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly role: 'admin' | 'viewer';
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** `GET /v1/users` items. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}
