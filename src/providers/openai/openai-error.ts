import { ProviderError } from '../../errors/provider-error.js';

/** Longest piece of a non-JSON error body quoted in a message. */
const MAX_QUOTED_BODY = 300;

/**
 * Turns a failed HTTP response into a `ProviderError` carrying the status and the server's own
 * message. 401/403 are not retryable; 408/409/429/5xx are (see `isRetryableStatus`).
 */
export async function providerErrorFromResponse(
  response: Response,
  provider: string,
  operation: string,
): Promise<ProviderError> {
  let bodyText = '';
  try {
    bodyText = await response.text();
  } catch {
    // The body is only used for the message; the status alone still tells the story.
  }
  const detail = extractErrorMessage(bodyText) ?? (response.statusText || 'no details');
  const retryAfter = response.headers.get('retry-after');
  const hint =
    response.status === 401 || response.status === 403
      ? ' (check apiKey / OPENAI_API_KEY)'
      : retryAfter !== null
        ? ` (retry after ${retryAfter} s)`
        : '';
  return new ProviderError(
    `${provider}: ${operation} failed with HTTP ${response.status}: ${detail}${hint}`,
    { provider, status: response.status, code: codeForStatus(response.status) },
  );
}

/** A request that never produced a response: DNS, refused connection, reset, timeout. */
export function providerErrorFromNetwork(
  error: unknown,
  provider: string,
  operation: string,
): ProviderError {
  const reason = error instanceof Error ? error.message : String(error);
  const isTimeout = error instanceof Error && error.name === 'TimeoutError';
  return new ProviderError(
    `${provider}: ${operation} failed: ${isTimeout ? 'timed out' : reason}`,
    {
      provider,
      code: isTimeout ? 'timeout' : 'network_error',
      retryable: true,
      cause: error,
    },
  );
}

/**
 * Finds the human-readable message in the error shapes compatible servers use:
 * `{error:{message}}` (OpenAI, vLLM, Groq), `{error:"…"}` (Ollama), `{message}`, `{detail}`.
 */
export function extractErrorMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return trimmed.slice(0, MAX_QUOTED_BODY);
  }
  return messageOf(parsed) ?? trimmed.slice(0, MAX_QUOTED_BODY);
}

/** The message of a parsed error object, or undefined when it has none. */
export function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.slice(0, MAX_QUOTED_BODY);
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail']) {
    const found = messageOf(record[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function codeForStatus(status: number): string {
  if (status === 401 || status === 403) return 'authentication_failed';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'provider_unavailable';
  return 'bad_request';
}
