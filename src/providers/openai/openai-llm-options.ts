import { z } from 'zod';

/**
 * Provider-only chat settings, passed as `providerOptions: { openai: {...} }`.
 *
 * `maxTokensField` exists because the servers disagree: `max_tokens` is what Ollama, vLLM,
 * llama.cpp, LM Studio and Groq all accept (and OpenAI still accepts for chat models), so it is
 * the default; OpenAI's reasoning models reject it and need `max_completion_tokens`.
 */
export const openAiLlmOptionsSchema = z
  .object({
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
    /** Sent only when tools are offered; some small self-hosted models do better with `false`. */
    parallelToolCalls: z.boolean().default(true),
    /** `stream_options.include_usage`; turn off for servers that reject `stream_options`. */
    includeUsage: z.boolean().default(true),
    topP: z.number().min(0).max(1).optional(),
    seed: z.number().int().optional(),
    stop: z.array(z.string()).max(4).optional(),
    user: z.string().optional(),
    /** Merged into the request body last, for server-specific knobs (e.g. vLLM `top_k`). */
    extraBody: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type OpenAiLlmOptions = z.infer<typeof openAiLlmOptionsSchema>;
