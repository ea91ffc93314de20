import { ApiError } from './api-error.js';

const notFoundDetail = /^(.+?)(?: [0-9a-f-]{8,})? not found\.?$/i;

/** "Call 123 not found." → "This call"; anything else → "This item". */
function subjectOf(error: ApiError): string {
  const match = error.detail === undefined ? null : notFoundDetail.exec(error.detail);
  const resource = match?.[1];
  return resource === undefined ? 'This item' : `This ${resource.toLowerCase()}`;
}

/** "body.email" → "email"; "query.from" → "from". */
function fieldName(path: string): string {
  const name = path.replace(/^(body|query|params)\.?/, '');
  return name === '' ? 'the request' : name;
}

const byCode: Readonly<Record<string, string>> = {
  invalid_credentials: 'The email or password is not right.',
  too_many_attempts: 'Too many wrong passwords for this email. Wait a few minutes, then try again.',
  invalid_setup_key:
    'That setup key is not right. Copy it again from where the hint says and try once more.',
  owner_exists: 'An owner account exists already. Sign in with it instead.',
  call_not_live: 'The call is not live any more (or another server process carries it).',
  invalid_cursor: 'This page link is out of date. Go back to the first page.',
  rate_limited: 'Too many requests in a short time. Wait a moment and try again.',
};

function describeApiError(error: ApiError): string {
  if (error.status === 0) {
    return 'Cannot reach the server. Check your connection (or whether Switchboard is running) and try again.';
  }
  const known = error.code === undefined ? undefined : byCode[error.code];
  if (known !== undefined) return known;
  if (error.status === 401) return 'Your session has ended; sign in again.';
  if (error.status === 403) {
    return 'Your account may not do this. Ask an owner or an admin of your organisation.';
  }
  if (error.status === 404) {
    return `${subjectOf(error)} does not exist (or belongs to another organisation).`;
  }
  if (error.fieldProblems.length > 0) {
    const fields = error.fieldProblems.map(
      (problem) => `${fieldName(problem.path)}: ${problem.message}`,
    );
    return `Some fields are not valid. ${fields.join('; ')}.`;
  }
  if (error.status === 429) return byCode.rate_limited ?? 'Too many requests.';
  if (error.status >= 500) {
    return `The server had a problem (${error.status}). Try again in a moment; if it keeps happening, look at the server log.`;
  }
  return error.detail ?? error.title ?? `The request failed (${error.status}).`;
}

/**
 * Words a user understands for anything a request can throw: an `ApiError`, a network failure,
 * or an unexpected exception.
 *
 * @example
 * catch (error) { setMessage(describeError(error)); }
 */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return describeApiError(error);
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Something went wrong. Try again.';
}
