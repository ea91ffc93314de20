import { SwitchboardError } from '../../../errors/index.js';

const marker = Symbol.for('switchboard.api-problem');

/** One failed check inside a request, e.g. `{ path: 'body.name', message: 'Too small' }`. */
export interface ProblemFieldError {
  readonly path: string;
  readonly message: string;
}

/** What an {@link ApiProblem} is made of. `code` is stable: clients match on it. */
export interface ApiProblemInit {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly ProblemFieldError[];
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * An error meant for the API client, rendered as `application/problem+json` (RFC 9457).
 * Everything in it is safe to show; anything else that is thrown becomes a bare 500.
 *
 * @example
 * throw new ApiProblem({ status: 409, code: 'conflict', title: 'Conflict', detail: 'Number in use' });
 */
export class ApiProblem extends SwitchboardError {
  readonly [marker] = true;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly ProblemFieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: ApiProblemInit) {
    super(init.detail ?? init.title, {
      code: init.code,
      retryable: init.status === 429 || init.status === 503,
      cause: init.cause,
    });
    this.name = 'ApiProblem';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.headers = init.headers ?? {};
  }
}

/** True for an {@link ApiProblem}, also one made by another copy of this module. */
export function isApiProblem(error: unknown): error is ApiProblem {
  return typeof error === 'object' && error !== null && marker in error;
}

/** 400 with a caller-chosen code, for request faults the schemas cannot express. */
export function badRequest(detail: string, code = 'bad_request'): ApiProblem {
  return new ApiProblem({ status: 400, code, title: 'Bad request', detail });
}

/** 400 `invalid_json`: the request body is not JSON. */
export function invalidJson(detail = 'The request body is not valid JSON.'): ApiProblem {
  return new ApiProblem({ status: 400, code: 'invalid_json', title: 'Invalid JSON', detail });
}

/** 400 `invalid_cursor`: a pagination cursor we did not issue, or one that was altered. */
export function invalidCursor(): ApiProblem {
  return new ApiProblem({
    status: 400,
    code: 'invalid_cursor',
    title: 'Invalid cursor',
    detail: 'The cursor is malformed; pass back the nextCursor value of a previous page unchanged.',
  });
}

/** 401 `unauthorized`: no API key, or one we do not accept. */
export function unauthorized(
  detail = 'Send a valid API key as `Authorization: Bearer sk_...`.',
): ApiProblem {
  return new ApiProblem({
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    detail,
    headers: { 'www-authenticate': 'Bearer' },
  });
}

/** 403 `forbidden`: the key is valid but may not do this. */
export function forbidden(detail = 'This API key may not perform this operation.'): ApiProblem {
  return new ApiProblem({ status: 403, code: 'forbidden', title: 'Forbidden', detail });
}

/** 404 `not_found`, naming the resource kind and, when given, its id. */
export function notFound(resource: string, id?: string): ApiProblem {
  const detail = id === undefined ? `${resource} not found.` : `${resource} ${id} not found.`;
  return new ApiProblem({ status: 404, code: 'not_found', title: 'Not found', detail });
}

/** 409 `conflict`: the request clashes with the current state (duplicate, stale version). */
export function conflict(detail: string): ApiProblem {
  return new ApiProblem({ status: 409, code: 'conflict', title: 'Conflict', detail });
}

/** 415 `unsupported_media_type`: a body that is not `application/json`. */
export function unsupportedMediaType(): ApiProblem {
  return new ApiProblem({
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
    detail: 'Send the request body as application/json.',
  });
}

/** 422 `validation_failed`, listing every failed check. */
export function validationFailed(errors: readonly ProblemFieldError[]): ApiProblem {
  return new ApiProblem({
    status: 422,
    code: 'validation_failed',
    title: 'Validation failed',
    detail: 'The request has invalid fields; see errors.',
    errors,
  });
}

/** 429 `rate_limited`, with `Retry-After` and any rate-limit headers to send along. */
export function rateLimited(
  retryAfterSeconds: number,
  headers: Readonly<Record<string, string>> = {},
): ApiProblem {
  return new ApiProblem({
    status: 429,
    code: 'rate_limited',
    title: 'Too many requests',
    detail: `Rate limit exceeded; retry in ${retryAfterSeconds} s.`,
    headers: { ...headers, 'retry-after': String(retryAfterSeconds) },
  });
}
