import { z } from 'zod';
import { httpToolDefinitionSchema } from './http-tools/http-tool-definition.js';
import {
  ANALYSIS_FIELD_FORMATS,
  ANALYSIS_FIELD_TYPES,
  BUILT_IN_TOOL_NAMES,
  CARRIERS,
  MAX_ANALYSIS_FIELDS,
  LLM_PROVIDERS,
  STT_PROVIDERS,
  TTS_PROVIDERS,
  type AgentDefinition,
  type AnalysisFieldSchema,
  type NumberDefinition,
  type Provisioning,
} from './agent-definition.js';
import {
  DEFAULT_ANALYSIS,
  DEFAULT_ENDPOINTING,
  DEFAULT_INTERRUPTION,
  DEFAULT_LANGUAGE,
  DEFAULT_MAX_DURATION_MS,
  DEFAULT_SILENCE,
  DEFAULT_TOOL_TIMEOUT_MS,
  DEFAULT_VAD,
} from './provisioning-defaults.js';
import {
  E164_PATTERN,
  ELEVENLABS_VOICE_ID_PATTERN,
  SIP_URI_PATTERN,
  SLUG_PATTERN,
  isTimeZone,
} from './provisioning-patterns.js';

const E164_HINT =
  'must be an E.164 phone number: + then country code and number, digits only, e.g. +15551230000';

function slug(example: string) {
  return z
    .string()
    .max(64)
    .regex(SLUG_PATTERN, {
      error: `must be lowercase letters, digits and single dashes, e.g. ${example}`,
    });
}

const text = z.string().min(1);

const milliseconds = z.number().int().min(0);
const options = z.record(z.string(), z.unknown()).default({});

const sttSchema = z.strictObject({
  provider: z.enum(STT_PROVIDERS),
  model: text.optional(),
  options,
});

const llmSchema = z.strictObject({
  provider: z.enum(LLM_PROVIDERS),
  model: text,
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().min(1).optional(),
  options,
});

const ttsSchema = z
  .strictObject({
    provider: z.enum(TTS_PROVIDERS),
    voice: text.optional(),
    model: text.optional(),
    options,
  })
  .superRefine((tts, context) => {
    if (tts.provider !== 'elevenlabs') return;
    if (tts.voice === undefined || !ELEVENLABS_VOICE_ID_PATTERN.test(tts.voice)) {
      context.addIssue({
        code: 'custom',
        path: ['voice'],
        message:
          'ElevenLabs needs a voice id: 20 letters and digits from the voice library, e.g. 21m00Tcm4TlvDq8ikWAM (a voice name will not work)',
      });
    }
  });

const vadSchema = z.strictObject({
  activationThreshold: z.number().min(0).max(1).default(DEFAULT_VAD.activationThreshold),
  minSpeechMs: milliseconds.default(DEFAULT_VAD.minSpeechMs),
  minSilenceMs: milliseconds.default(DEFAULT_VAD.minSilenceMs),
  prefixPaddingMs: milliseconds.default(DEFAULT_VAD.prefixPaddingMs),
  maxSpeechMs: milliseconds.min(1).default(DEFAULT_VAD.maxSpeechMs),
});

const endpointingSchema = z.strictObject({
  minDelayMs: milliseconds.default(DEFAULT_ENDPOINTING.minDelayMs),
  maxDelayMs: milliseconds.default(DEFAULT_ENDPOINTING.maxDelayMs),
});

const interruptionSchema = z.strictObject({
  enabled: z.boolean().default(DEFAULT_INTERRUPTION.enabled),
  minSpeechMs: milliseconds.default(DEFAULT_INTERRUPTION.minSpeechMs),
  minWords: z.number().int().min(0).default(DEFAULT_INTERRUPTION.minWords),
  falseInterruptionTimeoutMs: milliseconds.default(DEFAULT_INTERRUPTION.falseInterruptionTimeoutMs),
  resumeFalseInterruption: z.boolean().default(DEFAULT_INTERRUPTION.resumeFalseInterruption),
});

const turnTakingSchema = z.strictObject({
  vad: vadSchema.prefault({}),
  endpointing: endpointingSchema.prefault({}),
  interruption: interruptionSchema.prefault({}),
});

const silenceSchema = z.strictObject({
  reminderAfterMs: milliseconds.default(DEFAULT_SILENCE.reminderAfterMs),
  reminderMessage: text.default(DEFAULT_SILENCE.reminderMessage),
  hangupAfterMs: milliseconds.default(DEFAULT_SILENCE.hangupAfterMs),
  goodbyeMessage: text.default(DEFAULT_SILENCE.goodbyeMessage),
});

const transferDestinationSchema = z.strictObject({
  name: slug('service-advisor'),
  destination: z
    .string()
    .refine((value) => E164_PATTERN.test(value) || SIP_URI_PATTERN.test(value), {
      error: 'must be an E.164 number like +15551234567 or a SIP URI like sip:desk@pbx.example.com',
    }),
  description: text.optional(),
});

// YAML reads `year: 2024` as a number and `vip: true` as a boolean; accept and keep them as text.
const variableValue = z
  .union([z.string(), z.number(), z.boolean()], {
    error: 'must be text (numbers and true/false are accepted and used as text)',
  })
  .transform(String);

const ANALYSIS_FIELD_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/** Checks that tie the keywords of one field schema together (arrays need items, and so on). */
function checkFieldShape(field: AnalysisFieldSchema, context: z.RefinementCtx): void {
  const problem = (path: PropertyKey[], message: string) =>
    context.addIssue({ code: 'custom', path, message });
  const { type } = field;
  if (type === undefined && field.enum === undefined)
    problem([], `needs a type (${ANALYSIS_FIELD_TYPES.join(', ')}) or an enum`);
  if (type === 'array' && field.items === undefined)
    problem(['items'], 'is missing: an array needs items, the schema of each item');
  if (type !== 'array' && field.items !== undefined) problem(['items'], 'only arrays have items');
  if (type === 'object' && field.properties === undefined)
    problem(['properties'], 'is missing: an object needs properties, name -> schema');
  if (type !== 'object' && field.properties !== undefined)
    problem(['properties'], 'only objects have properties');
  if (type !== 'object' && field.required !== undefined)
    problem(['required'], 'only objects have required properties');
  if (type !== 'string' && field.format !== undefined)
    problem(['format'], 'only strings have a format');
  field.required?.forEach((name, index) => {
    if (field.properties !== undefined && !(name in field.properties))
      problem(['required', index], `"${name}" is not one of the properties`);
  });
  field.enum?.forEach((value, index) => {
    const fits =
      type === undefined || (type === 'integer' ? Number.isInteger(value) : typeof value === type);
    if (!fits) problem(['enum', index], `must be of the field's type, ${type ?? ''}`);
  });
}

/** One custom extraction field: a JSON Schema subset (see `AnalysisFieldSchema`). */
const analysisFieldSchema: z.ZodType<AnalysisFieldSchema> = z
  .lazy(() =>
    z
      .strictObject({
        type: z.enum(ANALYSIS_FIELD_TYPES).optional(),
        enum: z
          .array(z.union([z.string(), z.number(), z.boolean()]))
          .min(1)
          .optional(),
        description: z.string().optional(),
        format: z.enum(ANALYSIS_FIELD_FORMATS).optional(),
        items: analysisFieldSchema.optional(),
        properties: z.record(z.string().min(1), analysisFieldSchema).optional(),
        required: z.array(z.string()).optional(),
      })
      .superRefine(checkFieldShape),
  )
  .meta({
    id: 'AnalysisFieldSchema',
    description: 'The JSON schema of one custom analysis field (a subset of JSON Schema).',
  });

const analysisFieldsSchema = z
  .record(z.string().regex(ANALYSIS_FIELD_NAME_PATTERN), analysisFieldSchema, {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? 'field names must start with a lowercase letter, then up to 63 lowercase letters, digits or underscores, e.g. service_requested'
        : undefined,
  })
  .superRefine(
    (fields, context) => {
      const count = Object.keys(fields).length;
      if (count > MAX_ANALYSIS_FIELDS)
        context.addIssue({
          code: 'custom',
          message: `lists ${count} fields; at most ${MAX_ANALYSIS_FIELDS} are allowed`,
        });
    },
    // Count even when some fields are wrong, so every problem shows at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .superRefine((fields, context) => {
    // The analyzer validates the LLM's reply with zod's converter, so it must accept each schema.
    for (const [name, field] of Object.entries(fields)) {
      try {
        z.fromJSONSchema(field as Parameters<typeof z.fromJSONSchema>[0]);
      } catch (error) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message: `field "${name}" is not a usable JSON schema: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  });

const analysisSchema = z.strictObject({
  enabled: z.boolean().default(DEFAULT_ANALYSIS.enabled),
  model: text.optional(),
  summary: z.boolean().default(DEFAULT_ANALYSIS.summary),
  sentiment: z.boolean().default(DEFAULT_ANALYSIS.sentiment),
  goal: text.optional(),
  voicemail: z.boolean().default(DEFAULT_ANALYSIS.voicemail),
  fields: analysisFieldsSchema.default({}),
});

export const agentSchema = z.strictObject({
  name: slug('service-desk'),
  instructions: text,
  // `firstMessage:` with nothing after it reads as null in YAML: same as absent.
  firstMessage: z
    .string()
    .min(1, { error: 'must not be empty; remove firstMessage to let the caller speak first' })
    .nullish()
    .transform((value) => value ?? undefined),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
      error: 'must be a language code such as en, en-US or es',
    })
    .default(DEFAULT_LANGUAGE),
  stt: sttSchema,
  llm: llmSchema,
  tts: ttsSchema,
  turnTaking: turnTakingSchema.prefault({}),
  silence: silenceSchema.prefault({}),
  maxDurationMs: milliseconds.min(1000).default(DEFAULT_MAX_DURATION_MS),
  tools: z.array(z.enum(BUILT_IN_TOOL_NAMES)).default([]),
  transferDestinations: z.array(transferDestinationSchema).default([]),
  httpTools: z.array(httpToolDefinitionSchema).default([]),
  variables: z.record(z.string(), variableValue).default({}),
  toolTimeoutMs: milliseconds.min(1).default(DEFAULT_TOOL_TIMEOUT_MS),
  analysis: analysisSchema.prefault({}),
});

const numberSchema = z.strictObject({
  number: z.string().regex(E164_PATTERN, { error: E164_HINT }),
  agent: text,
  carrier: z.enum(CARRIERS).default('twilio'),
});

/**
 * The provisioning file, field by field. Checks that relate several fields (unique names, numbers
 * naming an existing agent, transfer_call with destinations) live in `findConsistencyProblems`.
 */
export const provisioningSchema = z.strictObject(
  {
    organization: z
      .strictObject({
        slug: slug('acme-motors'),
        name: text,
        timeZone: z
          .string()
          .refine(isTimeZone, { error: 'must be an IANA time zone such as America/New_York' })
          .default('UTC'),
      })
      .optional(),
    agents: z.array(agentSchema).min(1, { error: 'must list at least one agent' }),
    numbers: z.array(numberSchema).default([]),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? 'the file must be a mapping with an agents: list (and optionally numbers:)'
        : undefined,
  },
);

// Compile-time proof that the schema's output fits the documented types.
type Fits<Actual extends Expected, Expected> = [Actual, Expected];
export type _ProvisioningFits = Fits<z.output<typeof provisioningSchema>, Provisioning>;
export type _AgentFits = Fits<z.output<typeof agentSchema>, AgentDefinition>;
export type _NumberFits = Fits<z.output<typeof numberSchema>, NumberDefinition>;
