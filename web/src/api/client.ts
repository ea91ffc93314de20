import { navigate } from '../router.js';
import { ApiError, type FieldProblem } from './api-error.js';
import { signInPath } from './sign-in-path.js';

/** Options the wrappers accept besides the contract's arguments. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
}

type QueryValues = Record<string, string | number | undefined>;

function buildUrl(path: string, query: QueryValues | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function readFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as Record<string, unknown>;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status alone has to do.
  }
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  return new ApiError({
    status: response.status,
    code: text('code'),
    title: text('title'),
    detail: text('detail'),
    fieldProblems: readFieldProblems(body.errors),
  });
}

/** Sends the user to the sign-in page once their session is gone, remembering where they were. */
function redirectToSignIn(): void {
  if (window.location.pathname === '/sign-in') return;
  navigate(signInPath(window.location.pathname + window.location.search), { replace: true });
}

async function request<T>(method: string, url: string, body: unknown, options?: RequestOptions) {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-switchboard-client': 'dashboard',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(options?.signal !== undefined ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network_error', detail: String(error) });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) redirectToSignIn();
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  return (await response.json()) as T;
}

/**
 * GETs a JSON body from the API; `query` values that are undefined or empty are left out.
 *
 * @example
 * const page = await apiGet<Page<CallSummary>>('/v1/calls', { limit: 50, status: 'completed' });
 */
export function apiGet<T>(path: string, query?: QueryValues, options?: RequestOptions): Promise<T> {
  return request<T>('GET', buildUrl(path, query), undefined, options);
}

/** Sends a JSON body (or none) with an unsafe method; a 204 resolves to `undefined`. */
export function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options?: RequestOptions,
): Promise<T> {
  return request<T>(method, path, body, options);
}

export { ApiError, type FieldProblem } from './api-error.js';
export { describeError } from './describe-error.js';
