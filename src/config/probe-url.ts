/** Outcome of one reachability probe. */
export type ProbeResult =
  | { readonly ok: true; readonly status: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly reason: string };

export interface ProbeOptions {
  readonly fetch?: typeof fetch;
  /** Give up after this long. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/** WebSocket endpoints share their host with an HTTP server: probe that instead. */
export function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):/i, 'http$1:');
}

const REASONS_BY_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused; is the server running on that host and port?',
  ENOTFOUND: 'host name not found (DNS); check the spelling and this machine’s DNS',
  EAI_AGAIN: 'DNS lookup failed; check the host name and this machine’s network',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable from this machine',
  ENETUNREACH: 'network unreachable from this machine',
  ETIMEDOUT: 'connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host name',
};

function errorCode(error: unknown): string | undefined {
  // Node's fetch wraps socket errors as `TypeError('fetch failed')` with the real error as `cause`.
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 4; depth += 1) {
    if (typeof current !== 'object' || current === null) return undefined;
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string') return code;
    current = Reflect.get(current, 'cause');
  }
  return undefined;
}

function describeFailure(error: unknown): string {
  const code = errorCode(error);
  const known = code === undefined ? undefined : REASONS_BY_CODE[code];
  if (known !== undefined) return `${known} (${code})`;
  const cause =
    error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return [cause ?? message, code].filter((part) => part !== undefined).join(' ');
}

/**
 * Sends one GET to `url` and reports whether anything answered. Any HTTP response counts, even a
 * 404 or 401: the point is that the host is reachable. Never throws.
 */
export async function probeUrl(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const fetchFunction = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const startedAt = performance.now();
  try {
    const response = await fetchFunction(toHttpUrl(url), {
      method: 'GET',
      redirect: 'manual',
      signal: controller.signal,
    });
    // Release the connection; the body is of no interest.
    await response.body?.cancel().catch(() => undefined);
    return {
      ok: true,
      status: response.status,
      elapsedMs: Math.round(performance.now() - startedAt),
    };
  } catch (error) {
    if (controller.signal.aborted) return { ok: false, reason: `no answer within ${timeoutMs} ms` };
    return { ok: false, reason: describeFailure(error) };
  } finally {
    clearTimeout(timer);
  }
}
