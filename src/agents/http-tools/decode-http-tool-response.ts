import { SwitchboardError } from '../../errors/switchboard-error.js';
import type { PinnedResponse } from './send-pinned-request.js';

/** What the model receives from a successful HTTP tool call. */
export interface HttpToolResult {
  readonly status: number;
  /** Parsed JSON when the response said it was JSON, otherwise text. */
  readonly body: unknown;
  /** Present when the body was cut at `maxResponseBytes` (and is then always text). */
  readonly truncated?: true;
}

const ERROR_DETAIL_CHARACTERS = 200;

function decodeText(body: Buffer): string {
  // Streaming mode holds back a multi-byte character cut in half by truncation.
  return new TextDecoder('utf-8', { fatal: false }).decode(body, { stream: true });
}

function isJson(contentType: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json\b/i.test(contentType.trim());
}

function parseBody(response: PinnedResponse): unknown {
  const text = decodeText(response.body);
  if (response.truncated || !isJson(response.contentType) || text.trim() === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A receiver that mislabels its content still gets its text through to the model.
    return text;
  }
}

/**
 * Turns the response into the tool result, or throws an error naming the status for anything
 * but 2xx. A redirect is an error too: following one could lead the request anywhere. Client
 * errors (4xx) carry a short excerpt of the body, which usually says what was wrong.
 */
export function decodeHttpToolResponse(response: PinnedResponse): HttpToolResult {
  const { status } = response;
  if (status >= 300 && status < 400) {
    throw new SwitchboardError(
      `the API answered with a redirect (status ${status}); redirects are not followed`,
      { code: 'http_tool_redirect' },
    );
  }
  if (status < 200 || status >= 300) {
    const detail =
      status >= 400 && status < 500
        ? decodeText(response.body).replace(/\s+/g, ' ').trim().slice(0, ERROR_DETAIL_CHARACTERS)
        : '';
    throw new SwitchboardError(
      `the API answered with status ${status}${detail === '' ? '' : `: ${detail}`}`,
      { code: 'http_tool_status', retryable: status === 429 || status >= 500 },
    );
  }
  const body = parseBody(response);
  return response.truncated ? { status, body, truncated: true } : { status, body };
}
