import { z } from 'zod';
import { ConfigError } from '../../errors/config-error.js';
import { isSafeHeaderValue, replacePlaceholders } from './fill-http-tool-template.js';

/** Methods an HTTP tool may use. GET and DELETE carry the arguments in the query string. */
export const HTTP_TOOL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The method of an HTTP tool. */
export type HttpToolMethod = (typeof HTTP_TOOL_METHODS)[number];

// Hop-by-hop headers belong to one connection, Host and Content-Length are derived from the URL
// and body, and the rest are set by us: a definition overriding them would break the signature
// contract or confuse the receiver about who sent the request.
const RESERVED_HEADER_NAMES = new Set([
  'connection',
  'content-length',
  'content-type',
  'host',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'user-agent',
]);

const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADER_NAMES.has(lower) || lower.startsWith('x-switchboard-');
}

function isAcceptableUrlTemplate(template: string): boolean {
  // Placeholders are checked with a sample value: the template must be a plain http(s) URL
  // whatever the call's variables hold.
  const sampleText = replacePlaceholders(template, () => 'sample');
  if (!URL.canParse(sampleText)) return false;
  const sample = new URL(sampleText);
  return (
    (sample.protocol === 'https:' || sample.protocol === 'http:') &&
    sample.username === '' &&
    sample.password === ''
  );
}

/**
 * An HTTP tool as an organisation configures it: the agent calls the organisation's own API.
 * `url` and header values may hold `{{variable}}` placeholders filled from the call's variables;
 * `parameters` is handed to the model unchanged.
 */
export const httpToolDefinitionSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, {
    error:
      'must start with a lowercase letter and hold only lowercase letters, digits and _ (at most 64)',
  }),
  description: z.string().trim().min(1),
  method: z.enum(HTTP_TOOL_METHODS),
  url: z.string().refine(isAcceptableUrlTemplate, {
    error: 'must be an http:// or https:// URL without user name or password',
  }),
  parameters: z.looseObject({
    type: z.literal('object'),
    properties: z.record(z.string(), z.looseObject({})),
  }),
  headers: z
    .record(
      z.string().regex(HEADER_NAME_PATTERN, { error: 'header names must be HTTP tokens' }),
      z.string().refine(isSafeHeaderValue, { error: 'header values must be printable ASCII' }),
    )
    .refine((headers) => !Object.keys(headers).some(isReservedHeader), {
      error:
        'must not set hop-by-hop headers, Host, Content-Length, Content-Type, User-Agent or X-Switchboard-* (Switchboard sets those)',
    })
    .optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
  maxResponseBytes: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024)
    .default(64 * 1024),
});

/** A validated HTTP tool definition, defaults applied. */
export type HttpToolDefinition = z.output<typeof httpToolDefinitionSchema>;

/** An HTTP tool definition as written: `timeoutMs` and `maxResponseBytes` may be left out. */
export type HttpToolDefinitionInput = z.input<typeof httpToolDefinitionSchema>;

/**
 * Validates a definition and applies defaults; throws a `ConfigError` naming the field, such as
 * `httpTools.order_status.url`.
 */
export function parseHttpToolDefinition(input: HttpToolDefinitionInput): HttpToolDefinition {
  const parsed = httpToolDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = typeof input.name === 'string' ? input.name : '?';
  const path = issue === undefined ? '' : issue.path.map(String).join('.');
  throw new ConfigError(
    `httpTools.${name}${path === '' ? '' : `.${path}`}`,
    issue?.message ?? 'is not valid',
  );
}
