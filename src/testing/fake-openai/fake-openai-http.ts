import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/** OpenAI refuses uploads over 25 MB; the fake stops reading a little above that. */
export const MAX_BODY_BYTES = 26 * 1024 * 1024;

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': `req_fake_${Date.now().toString(36)}`,
    ...headers,
  });
  response.end(text);
}

/** Errors in OpenAI's shape: `{error:{message,type,param,code}}`. */
export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  details: {
    type?: string;
    code?: string | null;
    param?: string | null;
    headers?: Record<string, string>;
  } = {},
): void {
  sendJson(
    response,
    status,
    {
      error: {
        message,
        type: details.type ?? defaultErrorType(status),
        param: details.param ?? null,
        code: details.code ?? null,
      },
    },
    details.headers,
  );
}

/** Answers 500 when a part of the fake (a hook, the policy, the server itself) threw. */
export function sendFakeFailure(response: ServerResponse, part: string, error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  sendError(response, 500, `The fake ${part} failed: ${detail}`);
}

/** The injected-failure body for a status, worded like the real service's categories. */
export function sendInjectedFailure(
  response: ServerResponse,
  status: number,
  message: string | undefined,
): void {
  if (status === 429) {
    sendError(
      response,
      429,
      message ?? 'Rate limit reached for requests on the fake model. Please try again in 1s.',
      {
        type: 'requests',
        code: 'rate_limit_exceeded',
        headers: { 'retry-after': '1' },
      },
    );
    return;
  }
  if (status === 401) {
    sendError(response, 401, message ?? 'Incorrect API key provided.', { code: 'invalid_api_key' });
    return;
  }
  sendError(
    response,
    status,
    message ??
      (status >= 500
        ? 'The server had an error while processing your request.'
        : 'Injected failure.'),
  );
}

/** Reads the whole body; resolves `undefined` when it is larger than `MAX_BODY_BYTES`. */
export async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += piece.byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(piece);
  }
  return Buffer.concat(chunks);
}

/** Waits `ms` unless the signal fires first; resolves `false` if it did. Zero waits not at all. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (ms <= 0) return true;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function defaultErrorType(status: number): string {
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
