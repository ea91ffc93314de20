import { z } from 'zod';
import { parseProviderOptions } from '../shared/parse-with-schema.js';

/**
 * Per-stream options only Deepgram understands. Callers pass them as
 * `providerOptions: { deepgram: { … } }`; they override the model's settings for one stream.
 */
export const deepgramSttOptionsSchema = z
  .object({
    /** Silence in ms before `speech_final`; `false` turns endpointing off. */
    endpointingMs: z.union([z.number().int().min(10).max(10_000), z.literal(false)]).optional(),
    /** Gap in ms without finalized words before `UtteranceEnd`; Deepgram's minimum is 1000. */
    utteranceEndMs: z.number().int().min(1000).max(10_000).optional(),
    smartFormat: z.boolean().optional(),
    /** Nova-3 keyterm prompting: names and jargon the caller is likely to say. */
    keyterms: z.array(z.string().min(1).max(100)).max(100).optional(),
    /** Extra query parameters passed through as they are (escape hatch for new features). */
    extraQuery: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export type DeepgramSttOptions = z.infer<typeof deepgramSttOptionsSchema>;

/** Validates `providerOptions.deepgram`; throws a ConfigError naming the bad field. */
export function parseDeepgramSttOptions(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
): DeepgramSttOptions {
  return parseProviderOptions(
    deepgramSttOptionsSchema,
    providerOptions?.['deepgram'],
    'providerOptions.deepgram',
  );
}
