import { z } from 'zod';
import type { JsonSchema } from './openapi-schemas.js';
import { PROBLEM_CONTENT_TYPE, problemSchema } from './problem-response.js';
import type { ApiRoute } from './route-definition.js';

/** The shared problem responses, by component name: status and when it happens. */
const problemResponses = {
  BadRequest: [400, 'Malformed request: `invalid_json` body or `invalid_cursor`.'],
  Unauthorized: [401, '`unauthorized`: missing or unknown API key.'],
  Forbidden: [403, '`forbidden`: the API key lacks the scope this operation needs.'],
  UnsupportedMediaType: [415, '`unsupported_media_type`: the body is not application/json.'],
  ValidationFailed: [422, '`validation_failed`: `errors` lists each invalid field by path.'],
  RateLimited: [429, '`rate_limited`: wait `Retry-After` seconds.'],
  InternalError: [500, '`internal_error`: something failed on our side.'],
} as const;

type ProblemResponseName = keyof typeof problemResponses;

const integerHeader = (description: string): JsonSchema => ({
  description,
  schema: { type: 'integer', minimum: 0 },
});

/** `components` entries every document shares: the Problem schema, problem responses, headers, bearer auth. */
export function problemComponents(): {
  schemas: Record<string, JsonSchema>;
  responses: Record<string, JsonSchema>;
  headers: Record<string, JsonSchema>;
  securitySchemes: Record<string, JsonSchema>;
} {
  const { $schema: _dialect, ...problem } = z.toJSONSchema(problemSchema, {
    target: 'draft-2020-12',
    io: 'output',
  });
  const responses: Record<string, JsonSchema> = {};
  for (const [name, [status, description]] of Object.entries(problemResponses)) {
    responses[name] = {
      description,
      ...(status === 429
        ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } }
        : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return {
    schemas: { Problem: problem },
    responses,
    headers: {
      'RateLimit-Limit': integerHeader('Requests the key may make back to back.'),
      'RateLimit-Remaining': integerHeader('Requests left right now.'),
      'RateLimit-Reset': integerHeader('Seconds until the allowance is full again.'),
      'Retry-After': integerHeader('Seconds to wait before retrying.'),
    },
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key, sent as `Authorization: Bearer sk_...`.',
      },
    },
  };
}

/** The problem responses a route can produce, as `$ref`s by status. */
export function problemResponsesFor(route: ApiRoute<never>): Record<string, JsonSchema> {
  const names: ProblemResponseName[] = [];
  const hasInput =
    route.params !== undefined || route.query !== undefined || route.body !== undefined;
  if (route.body !== undefined || route.query !== undefined) names.push('BadRequest');
  if (route.auth === 'api-key') names.push('Unauthorized', 'Forbidden');
  if (route.body !== undefined) names.push('UnsupportedMediaType');
  if (hasInput) names.push('ValidationFailed');
  if (route.auth === 'api-key') names.push('RateLimited');
  names.push('InternalError');
  return Object.fromEntries(
    names.map((name) => [
      String(problemResponses[name][0]),
      { $ref: `#/components/responses/${name}` },
    ]),
  );
}
