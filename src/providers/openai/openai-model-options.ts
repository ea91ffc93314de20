import type { z } from 'zod';
import { ConfigError } from '../../errors/config-error.js';

/**
 * Validates a stream's `providerOptions.openai` with the model's schema (absent means `{}`).
 * Throws a ConfigError naming `providerOptions.openai` that lists every issue.
 */
export function parseOpenAiStreamOptions<Schema extends z.ZodType>(
  schema: Schema,
  providerOptions: Readonly<Record<string, unknown>> | undefined,
): z.infer<Schema> {
  const parsed = schema.safeParse(providerOptions?.openai ?? {});
  if (!parsed.success) {
    throw new ConfigError(
      'providerOptions.openai',
      parsed.error.issues.map((issue) => issue.message).join('; '),
    );
  }
  return parsed.data;
}

/** The per-request time limit, default 30 s; a ConfigError names `timeoutMs` when not positive. */
export function resolveOpenAiTimeoutMs(timeoutMs: number | undefined, kind: 'STT' | 'TTS'): number {
  const value = timeoutMs ?? 30_000;
  if (!(value > 0))
    throw new ConfigError(
      'timeoutMs',
      `the OpenAI ${kind} timeout must be a positive number of ms`,
    );
  return value;
}
