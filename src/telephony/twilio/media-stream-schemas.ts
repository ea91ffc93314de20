import { z } from 'zod';

/**
 * zod schemas for inbound Media Streams frames. They accept both carriers' shapes: Twilio sends
 * counters as decimal strings, SignalWire's examples sometimes use numbers; SignalWire omits the
 * top-level `streamSid`, the `stop` body and the DTMF track. Unknown keys are dropped.
 */

/** A counter sent as a decimal string (Twilio) or a number. */
const counterSchema = z.union([
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
  z.number().int().nonnegative(),
]);

const positiveIntegerSchema = z.union([
  z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .transform(Number),
  z.number().int().positive(),
]);

const identifierSchema = z.string().min(1).max(256);

/** `<Parameter>` values are strings; a scalar of another type is kept as its text. */
const parameterValueSchema = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((value) => String(value));

export const connectedSchema = z.object({
  event: z.literal('connected'),
  protocol: z.string().optional(),
  version: z.string().optional(),
});

export const startSchema = z
  .object({
    event: z.literal('start'),
    sequenceNumber: counterSchema.optional(),
    streamSid: identifierSchema.optional(),
    start: z.object({
      streamSid: identifierSchema.optional(),
      accountSid: identifierSchema,
      callSid: identifierSchema,
      tracks: z.array(z.string()).optional(),
      customParameters: z.record(z.string(), parameterValueSchema).nullish(),
      mediaFormat: z.object({
        encoding: z.string().min(1),
        sampleRate: positiveIntegerSchema,
        channels: positiveIntegerSchema,
      }),
    }),
  })
  .refine((message) => (message.streamSid ?? message.start.streamSid) !== undefined, {
    message: 'streamSid is missing (neither top-level nor start.streamSid)',
  });

export const mediaSchema = z.object({
  event: z.literal('media'),
  sequenceNumber: counterSchema.optional(),
  streamSid: identifierSchema.optional(),
  media: z.object({
    track: z.string().optional(),
    chunk: counterSchema.optional(),
    timestamp: counterSchema.optional(),
    payload: z.string(),
  }),
});

export const markSchema = z.object({
  event: z.literal('mark'),
  sequenceNumber: counterSchema.optional(),
  streamSid: identifierSchema.optional(),
  mark: z.object({ name: z.string().min(1) }),
});

export const dtmfSchema = z.object({
  event: z.literal('dtmf'),
  sequenceNumber: counterSchema.optional(),
  streamSid: identifierSchema.optional(),
  dtmf: z.object({
    digit: z.string().regex(/^[0-9*#A-Da-d]$/),
    track: z.string().optional(),
    duration: counterSchema.optional(),
  }),
});

export const stopSchema = z.object({
  event: z.literal('stop'),
  sequenceNumber: counterSchema.optional(),
  streamSid: identifierSchema.optional(),
  stop: z.object({ accountSid: z.string().optional(), callSid: z.string().optional() }).optional(),
});
