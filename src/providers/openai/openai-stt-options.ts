import { z } from 'zod';

/** Provider-only transcription settings, passed as `providerOptions: { openai: {...} }`. */
export const openAiSttOptionsSchema = z
  .object({
    /** Vocabulary hint (names, product words) sent as Whisper's `prompt`. */
    prompt: z.string().max(1000).optional(),
    temperature: z.number().min(0).max(1).optional(),
  })
  .strict();

export type OpenAiSttOptions = z.infer<typeof openAiSttOptionsSchema>;
