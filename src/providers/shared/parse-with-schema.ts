import type { z } from 'zod';
import { ConfigError } from '../../errors/config-error.js';

/**
 * Parses a provider options object with a zod schema (absent means `{}`). The ConfigError names
 * the first bad field in dotted form, e.g. `providerOptions.deepgram.utteranceEndMs`.
 */
export function parseProviderOptions<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  setting: string,
): z.infer<Schema> {
  return parseWithSchema(schema, value ?? {}, setting, (path) => `.${path}`);
}

/**
 * Validates one factory setting with a zod schema. The ConfigError names the setting and the bad
 * element in brackets, e.g. `chunkLengthSchedule[0]`.
 */
export function parseSetting<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  setting: string,
): z.infer<Schema> {
  return parseWithSchema(schema, value, setting, (path) => `[${path}]`);
}

function parseWithSchema<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  setting: string,
  formatPath: (path: string) => string,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path =
    issue === undefined || issue.path.length === 0 ? '' : formatPath(issue.path.join('.'));
  throw new ConfigError(`${setting}${path}`, issue?.message ?? 'invalid value');
}
