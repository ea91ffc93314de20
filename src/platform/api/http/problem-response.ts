import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../../logging/logger.js';
import { ApiProblem, isApiProblem, type ProblemFieldError } from './api-problem.js';

/** Base of every problem `type` URI; the code is appended. */
export const PROBLEM_TYPE_BASE = 'https://switchboard.dev/problems/';

/** Content type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The body of every error response, for the OpenAPI document and for clients and tests to parse. */
export const problemSchema = z
  .object({
    type: z.url().meta({ description: `${PROBLEM_TYPE_BASE}<code>` }),
    title: z.string(),
    status: z.int().min(100).max(599),
    detail: z.string().optional(),
    code: z
      .string()
      .meta({ description: 'Stable machine-readable code, e.g. not_found or validation_failed.' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    instance: z.string().meta({ description: 'The request path.' }),
  })
  .meta({ description: 'An RFC 9457 problem document.' });

const codeByStatus: Readonly<Record<number, readonly [code: string, title: string]>> = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload_too_large', 'Payload too large'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  429: ['rate_limited', 'Too many requests'],
};

/** Turns zod issues into field errors, each path prefixed with where it came from (`body`, `query`). */
export function toFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix?: string,
): ProblemFieldError[] {
  return issues.map((issue) => {
    const segments = [
      ...(prefix === undefined ? [] : [prefix]),
      ...issue.path.map((segment) => String(segment)),
    ];
    return { path: segments.join('.'), message: issue.message };
  });
}

function toProblem(error: unknown, context: Context, logger: Logger): ApiProblem {
  if (isApiProblem(error)) return error;
  if (error instanceof z.ZodError) {
    return new ApiProblem({
      status: 422,
      code: 'validation_failed',
      title: 'Validation failed',
      detail: 'The request has invalid fields; see errors.',
      errors: toFieldErrors(error.issues),
    });
  }
  // Hono's own middleware (body limit, basic auth…) throws these; their 4xx messages are for clients.
  if (error instanceof HTTPException && error.status < 500) {
    const [code, title] = codeByStatus[error.status] ?? [`http_${error.status}`, 'Request failed'];
    return new ApiProblem({
      status: error.status,
      code,
      title,
      detail: error.message || undefined,
    });
  }
  // Anything else is our fault: log it in full, tell the client nothing about it.
  logger.error(
    { err: error, method: context.req.method, path: context.req.path },
    'unhandled error in API request',
  );
  return new ApiProblem({ status: 500, code: 'internal_error', title: 'Internal server error' });
}

/**
 * Renders any thrown value as an `application/problem+json` response. Problems and zod errors
 * keep their details; unknown errors become a 500 `internal_error` and are logged with the path.
 */
export function renderProblem(
  error: unknown,
  context: Context,
  logger: Logger = silentLogger,
): Response {
  const problem = toProblem(error, context, logger);
  const body = {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title: problem.title,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    code: problem.code,
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
    instance: context.req.path,
  };
  const headers = new Headers(problem.headers);
  headers.set('content-type', PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status: problem.status, headers });
}

/**
 * An `app.onError` handler that renders problems.
 *
 * @example
 * app.onError(createProblemHandler({ logger }));
 * app.notFound(createNotFoundHandler());
 */
export function createProblemHandler(options: { readonly logger?: Logger } = {}): ErrorHandler {
  const logger = options.logger ?? silentLogger;
  return (error, context) => renderProblem(error, context, logger);
}

/** An `app.notFound` handler: 404 `not_found` as a problem instead of hono's plain text. */
export function createNotFoundHandler(): NotFoundHandler {
  return (context) =>
    renderProblem(
      new ApiProblem({
        status: 404,
        code: 'not_found',
        title: 'Not found',
        detail: `No route for ${context.req.method} ${context.req.path}.`,
      }),
      context,
    );
}
