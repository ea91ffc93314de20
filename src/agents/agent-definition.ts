/*
 * The provisioning file's shape after validation, with every default applied, so consumers get
 * complete objects. Field names of the turn-taking and silence settings match the engine's
 * session options, so they can be passed through as they are.
 */

export const STT_PROVIDERS = ['deepgram', 'openai'] as const;
export const LLM_PROVIDERS = ['openai'] as const;
export const TTS_PROVIDERS = ['elevenlabs', 'deepgram', 'openai', 'flite'] as const;
export const CARRIERS = ['twilio', 'signalwire'] as const;
export const CALL_CONTROL_TOOL_NAMES = ['end_call', 'transfer_call'] as const;
/** The service-department tools; the platform builds them (they need the organisation's data). */
export const BOOKING_TOOL_NAMES = [
  'lookup_customer',
  'get_available_slots',
  'book_appointment',
  'get_upcoming_appointments',
  'cancel_appointment',
  'reschedule_appointment',
  'decode_vin',
] as const;
export const BUILT_IN_TOOL_NAMES = [...CALL_CONTROL_TOOL_NAMES, ...BOOKING_TOOL_NAMES] as const;

export type SttProviderName = (typeof STT_PROVIDERS)[number];
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];
export type TtsProviderName = (typeof TTS_PROVIDERS)[number];
export type CarrierName = (typeof CARRIERS)[number];
export type BuiltInToolName = (typeof BUILT_IN_TOOL_NAMES)[number];
export type BookingToolName = (typeof BOOKING_TOOL_NAMES)[number];

/** Provider-only options, validated later by the provider's own options schema. */
export type ProviderOptions = Readonly<Record<string, unknown>>;

export interface SttSettings {
  readonly provider: SttProviderName;
  readonly model?: string;
  readonly options: ProviderOptions;
}

export interface LlmSettings {
  readonly provider: LlmProviderName;
  readonly model: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly options: ProviderOptions;
}

export interface TtsSettings {
  readonly provider: TtsProviderName;
  /** Required for ElevenLabs (a 20-character voice id); provider default elsewhere. */
  readonly voice?: string;
  readonly model?: string;
  readonly options: ProviderOptions;
}

export type {
  EndpointingSettings,
  InterruptionSettings,
  SilenceSettings,
  TurnTakingSettings,
  VadSettings,
} from '../engine/session-options.js';
import type { SilenceSettings, TurnTakingSettings } from '../engine/session-options.js';
import type { HttpToolDefinition } from './http-tools/http-tool-definition.js';

export interface TransferDestination {
  /** Slug the model picks, e.g. `service-advisor`. */
  readonly name: string;
  /** E.164 number or SIP URI. */
  readonly destination: string;
  /** Tells the model when to pick this destination. */
  readonly description?: string;
}

/** The JSON Schema types a custom analysis field (or a part of one) may have. */
export const ANALYSIS_FIELD_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'array',
  'object',
] as const;
/** String formats OpenAI's strict structured outputs accept and zod can check. */
export const ANALYSIS_FIELD_FORMATS = [
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
] as const;
/** Custom extraction fields per agent, at most. */
export const MAX_ANALYSIS_FIELDS = 30;

export type AnalysisFieldType = (typeof ANALYSIS_FIELD_TYPES)[number];
export type AnalysisFieldFormat = (typeof ANALYSIS_FIELD_FORMATS)[number];

/**
 * The value of one custom extraction field, as a subset of JSON Schema that every part of the
 * pipeline understands: the LLM's strict structured output, `z.fromJSONSchema` and the demo brain.
 */
export interface AnalysisFieldSchema {
  /** Absent only when `enum` is given. */
  readonly type?: AnalysisFieldType;
  readonly enum?: readonly (string | number | boolean)[];
  /** Tells the model what to extract; the best lever on quality. */
  readonly description?: string;
  /** Strings only. */
  readonly format?: AnalysisFieldFormat;
  /** Arrays only, required for them. */
  readonly items?: AnalysisFieldSchema;
  /** Objects only, required for them. */
  readonly properties?: Readonly<Record<string, AnalysisFieldSchema>>;
  /** Objects only: properties that must have a value; the others may be null. */
  readonly required?: readonly string[];
}

/**
 * Post-call analysis of one agent, complete with defaults. The summary, sentiment, success verdict,
 * voicemail flag and custom fields come from the organisation's LLM; the call facts (duration,
 * turns, tools, bookings) are derived without one.
 */
export interface AnalysisSettings {
  readonly enabled: boolean;
  /** Absent: the agent's own `llm.model` (resolved when the analysis runs). */
  readonly model?: string;
  readonly summary: boolean;
  readonly sentiment: boolean;
  /** Success criterion; absent: success is judged against the agent's instructions. */
  readonly goal?: string;
  readonly voicemail: boolean;
  /** Custom extraction fields: name -> JSON schema of the value. */
  readonly fields: Readonly<Record<string, AnalysisFieldSchema>>;
}

/** One voice agent, complete with defaults. */
export interface AgentDefinition {
  readonly name: string;
  /** System prompt; may hold `{{variable}}` placeholders. */
  readonly instructions: string;
  /** Spoken when the call connects; absent: the agent waits for the caller to speak first. */
  readonly firstMessage?: string;
  readonly language: string;
  readonly stt: SttSettings;
  readonly llm: LlmSettings;
  readonly tts: TtsSettings;
  readonly turnTaking: TurnTakingSettings;
  readonly silence: SilenceSettings;
  readonly maxDurationMs: number;
  readonly tools: readonly BuiltInToolName[];
  readonly transferDestinations: readonly TransferDestination[];
  /** The organisation's own APIs the agent may call, signed and SSRF-checked. */
  readonly httpTools: readonly HttpToolDefinition[];
  /** Defaults for `{{...}}` placeholders; a call's own variables override them. */
  readonly variables: Readonly<Record<string, string>>;
  readonly toolTimeoutMs: number;
  /** What is worked out from each call once it ended. */
  readonly analysis: AnalysisSettings;
}

/** A phone number routed to an agent. */
export interface NumberDefinition {
  /** E.164, e.g. `+15551230000`. */
  readonly number: string;
  /** Name of an agent in the same file. */
  readonly agent: string;
  readonly carrier: CarrierName;
}

/** The organisation a provisioning file's agents and numbers belong to. */
export interface ProvisioningOrganization {
  readonly slug: string;
  readonly name: string;
  readonly timeZone: string;
  /** Answers calls to the organisation's numbers that name no agent. */
  readonly defaultAgent?: string;
}

/** The whole provisioning file, validated and deeply frozen. */
export interface Provisioning {
  /** Absent: the installation's default organisation. */
  readonly organization?: ProvisioningOrganization;
  readonly agents: readonly AgentDefinition[];
  readonly numbers: readonly NumberDefinition[];
}
