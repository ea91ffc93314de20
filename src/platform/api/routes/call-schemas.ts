import { z } from 'zod';
import { SENTIMENTS } from '../../analysis/call-analysis.js';
import type { CallDisposition, CallStatus, RoutingRule } from '../../db/database-schema.js';
import {
  cursorQuerySchema,
  limitQuerySchema,
  listEnvelopeSchema,
} from '../http/cursor-pagination.js';

const callStatuses = [
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const satisfies readonly CallStatus[];
const callDispositions = [
  'completed',
  'no-answer',
  'busy',
  'failed',
  'voicemail',
  'transferred',
  'canceled',
] as const satisfies readonly CallDisposition[];

const routingRules = [
  'conversation',
  'carrier-parameter',
  'number',
  'default-agent',
  'api',
  'none',
] as const satisfies readonly RoutingRule[];

const directionSchema = z.enum(['inbound', 'outbound']);
const statusSchema = z.enum(callStatuses);
const dispositionSchema = z.enum(callDispositions);
const timestamp = z.iso.datetime();
const decimal = z.string().meta({ description: 'Exact decimal as a string', example: '0.012300' });

/** Formatting people type into numbers (spaces, dashes, dots, brackets); the rest must be E.164. */
const numberFilterSchema = z
  .string()
  .max(40)
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{1,14}$/, 'Expected an E.164 number such as +14155550123'))
  .meta({ description: "E.164 number; matches the caller's or the called number." });

/** `GET /v1/calls` query parameters. */
export const listCallsQuerySchema = z.object({
  limit: limitQuerySchema,
  cursor: cursorQuerySchema,
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Calls created at or after this instant (ISO 8601).' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Calls created before this instant (ISO 8601, exclusive).' }),
  agentId: z.guid().optional(),
  direction: directionSchema.optional(),
  status: statusSchema.optional(),
  disposition: dispositionSchema.optional(),
  number: numberFilterSchema.optional(),
  sentiment: z
    .enum(SENTIMENTS)
    .optional()
    .meta({
      description: "The caller's mood per the latest analysis; unanalysed calls never match.",
    }),
  success: z
    .stringbool({ truthy: ['true'], falsy: ['false'] })
    .optional()
    .meta({
      description:
        'Whether the latest analysis judged the call a success (`true` or `false`); unanalysed calls never match.',
    }),
  search: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/[\p{L}\p{N}]/u, 'Search needs at least one letter or digit')
    .optional()
    .meta({
      description:
        'Words the transcript must contain, each as a whole word or the start of one; case is ignored.',
    }),
});

/** A call as lists show it. */
export const callSummarySchema = z
  .object({
    id: z.guid(),
    direction: directionSchema,
    status: statusSchema,
    from: z.string().meta({ description: 'Caller number (E.164 when the carrier sent one)' }),
    to: z.string().meta({ description: 'Called number' }),
    agentId: z.guid().nullable(),
    agentName: z.string().nullable(),
    agentVersion: z.int().nullable().meta({ description: 'The agent version that took the call' }),
    createdAt: timestamp,
    answeredAt: timestamp.nullable(),
    endedAt: timestamp.nullable(),
    durationMs: z.int().nullable(),
    endReason: z.string().nullable(),
    disposition: dispositionSchema.nullable(),
    turnCount: z.int(),
    latencyP50Ms: z
      .int()
      .nullable()
      .meta({ description: 'Median time from end of caller speech to agent audio' }),
    latencyP95Ms: z.int().nullable(),
    totalCost: decimal,
    hasRecording: z.boolean(),
    analysisStatus: z.enum(['none', 'pending', 'done', 'failed']).meta({
      description:
        '`none` before any analysis, `pending` while one is queued or running, then `done` or `failed`.',
    }),
    sentiment: z
      .enum(SENTIMENTS)
      .nullable()
      .meta({ description: "The caller's mood per the latest analysis; null when not analysed." }),
    success: z.boolean().nullable().meta({
      description: 'Whether the latest analysis judged the call a success; null when not analysed.',
    }),
  })
  .meta({ id: 'CallSummary' });

/** One page of calls. */
export const callListSchema = listEnvelopeSchema(callSummarySchema).meta({ id: 'CallList' });

const transcriptTurnSchema = z
  .object({
    turn: z.int(),
    speaker: z.enum(['caller', 'agent']),
    text: z.string(),
    startMs: z.int().meta({ description: 'Milliseconds from the start of the call' }),
    endMs: z.int(),
    interrupted: z
      .boolean()
      .meta({ description: 'The caller spoke over the agent; text is what was heard' }),
  })
  .meta({ id: 'CallTranscriptTurn' });

const toolCallSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    arguments: z.unknown().meta({ description: 'JSON when the model produced JSON, else text' }),
    result: z.string().nullable(),
    error: z.string().nullable(),
    durationMs: z.int().nullable(),
    offsetMs: z.int().meta({ description: 'Milliseconds from the start of the call' }),
  })
  .meta({ id: 'CallToolCall' });

const turnMetricSchema = z
  .object({
    turn: z.int(),
    endpointingMs: z.int(),
    sttMs: z.int(),
    llmMs: z.int(),
    ttsMs: z.int(),
    toolMs: z.int(),
    overheadMs: z.int(),
    totalMs: z.int(),
  })
  .meta({ id: 'CallTurnMetric' });

const usageSchema = z
  .object({
    kind: z.enum(['stt', 'llm', 'tts', 'telephony']),
    provider: z.string(),
    model: z.string(),
    inputTokens: z.int(),
    outputTokens: z.int(),
    characters: z.int(),
    audioSeconds: decimal,
    cost: decimal,
  })
  .meta({ id: 'CallUsage' });

const recordingSchema = z
  .object({
    durationMs: z.int().nullable(),
    url: z.string().meta({ description: 'Download with the same API key; supports Range' }),
  })
  .meta({ id: 'CallRecording' });

/** A call with its transcript, tool calls, per-turn latency, usage and recording. */
export const callDetailSchema = callSummarySchema
  .extend({
    carrier: z.string(),
    carrierCallId: z.string().nullable(),
    routedBy: z.enum(routingRules),
    variables: z.record(z.string(), z.string()),
    interruptionCount: z.int(),
    transcript: z.array(transcriptTurnSchema),
    toolCalls: z.array(toolCallSchema),
    turnMetrics: z.array(turnMetricSchema),
    usage: z.array(usageSchema),
    recording: recordingSchema.nullable(),
    analysis: z.record(z.string(), z.unknown()).nullable().meta({
      description:
        'The latest analysis: summary, sentiment, success {achieved, reason}, voicemail, custom fields, and facts derived without an LLM (duration, turns, tools used, appointments booked). Null before the first.',
    }),
    analyzedAt: timestamp.nullable(),
  })
  .meta({ id: 'CallDetail' });

/** Path parameters of the routes of one call. */
export const callParamsSchema = z.object({ callId: z.guid() });
