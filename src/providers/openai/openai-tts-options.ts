import { z } from 'zod';

/** Provider-only speech settings, passed as `providerOptions: { openai: {...} }`. */
export const openAiTtsOptionsSchema = z
  .object({
    /** 0.25 to 4; 1 is normal. */
    speed: z.number().min(0.25).max(4).optional(),
    /** Style instructions; only `gpt-4o-mini-tts`-class models use them. */
    instructions: z.string().max(4000).optional(),
  })
  .strict();

export type OpenAiTtsOptions = z.infer<typeof openAiTtsOptionsSchema>;
