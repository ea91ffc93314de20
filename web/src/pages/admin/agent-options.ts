/*
 * What an agent definition may hold, mirrored from src/agents/agent-definition.ts and
 * provisioning-schema.ts (the dashboard is its own build and does not import server code).
 * Keep in step when a provider or tool is added there.
 */

export const STT_PROVIDERS = ['deepgram', 'openai'] as const;
export const LLM_PROVIDERS = ['openai'] as const;
export const TTS_PROVIDERS = ['elevenlabs', 'deepgram', 'openai', 'flite'] as const;
export type SttProvider = (typeof STT_PROVIDERS)[number];
export type LlmProvider = (typeof LLM_PROVIDERS)[number];
export type TtsProvider = (typeof TTS_PROVIDERS)[number];

export const PROVIDER_LABELS: Readonly<Record<string, string>> = {
  deepgram: 'Deepgram',
  openai: 'OpenAI (or a compatible server)',
  elevenlabs: 'ElevenLabs',
  flite: 'Flite (built in, offline)',
};

/** What each provider uses when the model or voice is left empty (the providers' own defaults). */
export const STT_DEFAULT_MODELS: Readonly<Record<SttProvider, string>> = {
  deepgram: 'nova-3',
  openai: 'whisper-1',
};
export const TTS_DEFAULTS: Readonly<Record<TtsProvider, { voice?: string; model?: string }>> = {
  elevenlabs: { model: 'eleven_flash_v2_5' },
  deepgram: { voice: 'aura-2-thalia-en' },
  openai: { voice: 'alloy', model: 'tts-1' },
  flite: { voice: 'rms' },
};
/** Voices offered as suggestions; other ids are accepted as typed. */
export const TTS_VOICE_SUGGESTIONS: Readonly<Record<TtsProvider, readonly string[]>> = {
  elevenlabs: [],
  deepgram: ['aura-2-thalia-en', 'aura-asteria-en'],
  openai: ['alloy', 'echo', 'fable', 'onyx', 'nova', 'shimmer'],
  flite: ['rms', 'slt', 'awb'],
};
export const LLM_MODEL_SUGGESTIONS = ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4.1'] as const;

/** ElevenLabs wants a voice id (20 letters and digits), never a voice name. */
export const ELEVENLABS_VOICE_ID_PATTERN = /^[A-Za-z0-9]{20}$/;

export const BUILT_IN_TOOLS = [
  { name: 'end_call', description: 'Hang up politely when the conversation is over.' },
  {
    name: 'transfer_call',
    description: 'Hand the caller to a person at one of the transfer numbers below.',
  },
  { name: 'lookup_customer', description: "Find the caller's customer record." },
  { name: 'get_available_slots', description: 'Read free appointment slots.' },
  { name: 'book_appointment', description: 'Book an appointment.' },
  { name: 'get_upcoming_appointments', description: "List the caller's upcoming appointments." },
  { name: 'cancel_appointment', description: 'Cancel an appointment.' },
  { name: 'reschedule_appointment', description: 'Move an appointment to another slot.' },
  { name: 'decode_vin', description: 'Read make, model and year from a vehicle VIN.' },
] as const;
export type BuiltInToolName = (typeof BUILT_IN_TOOLS)[number]['name'];

export const HTTP_TOOL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpToolMethod = (typeof HTTP_TOOL_METHODS)[number];
/** Limits of an HTTP tool (src/agents/http-tools/http-tool-definition.ts). */
export const HTTP_TOOL_LIMITS = {
  timeoutMs: { min: 100, max: 30_000, default: 5_000 },
  maxResponseBytes: { min: 1, max: 1024 * 1024, default: 64 * 1024 },
} as const;

/** The value types a custom analysis field may have; `enum` is "one of a list" of texts. */
export const ANALYSIS_FIELD_KINDS = [
  { value: 'string', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'integer', label: 'Whole number' },
  { value: 'boolean', label: 'Yes or no' },
  { value: 'enum', label: 'One of a list' },
] as const;
export type AnalysisFieldKind = (typeof ANALYSIS_FIELD_KINDS)[number]['value'] | 'array' | 'object';
export const MAX_ANALYSIS_FIELDS = 30;
export const ANALYSIS_FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export const DEFAULT_LANGUAGE = 'en';
export const TEMPERATURE_RANGE = { min: 0, max: 2 } as const;
