import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every HTTP tool request carries. */
export const HTTP_TOOL_HEADERS = {
  organization: 'X-Switchboard-Organization',
  callId: 'X-Switchboard-Call-Id',
  timestamp: 'X-Switchboard-Timestamp',
  signature: 'X-Switchboard-Signature',
} as const;

const SIGNATURE_PREFIX = 'v1=';

function computeDigest(secret: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/**
 * The `X-Switchboard-Signature` value for a request: `v1=` and the hex HMAC-SHA256 of
 * `${timestamp}.${body}` keyed with the organisation's signing secret. `body` is '' for GET/DELETE.
 */
export function signHttpToolRequest(options: {
  readonly secret: string;
  readonly timestamp: number | string;
  readonly body: string | Uint8Array;
}): string {
  return `${SIGNATURE_PREFIX}${computeDigest(options.secret, String(options.timestamp), options.body).toString('hex')}`;
}

/** What a receiver passes to {@link verifyHttpToolSignature}, straight from the request. */
export interface VerifyHttpToolSignatureOptions {
  readonly secret: string;
  /** The `X-Switchboard-Timestamp` header (unix seconds). */
  readonly timestamp: string | number | undefined;
  /** The raw request body, exactly as received ('' for GET/DELETE). Do not re-serialise it. */
  readonly body: string | Uint8Array;
  /** The `X-Switchboard-Signature` header; several comma-separated `v1=` values are accepted. */
  readonly signature: string | undefined;
  /** How far the timestamp may be from now, in seconds, to refuse replays. Default 300. */
  readonly toleranceSeconds?: number;
  /** Milliseconds since the epoch; `Date.now` by default. */
  readonly now?: () => number;
}

/**
 * For receivers: true when `signature` was made with `secret` over this timestamp and body, and
 * the timestamp is within `toleranceSeconds` of now. Compares in constant time; never throws.
 *
 * @example
 * const ok = verifyHttpToolSignature({
 *   secret: process.env.SWITCHBOARD_SIGNING_SECRET ?? '',
 *   timestamp: request.headers['x-switchboard-timestamp'],
 *   signature: request.headers['x-switchboard-signature'],
 *   body: rawBody,
 * });
 */
export function verifyHttpToolSignature(options: VerifyHttpToolSignatureOptions): boolean {
  const { secret, signature } = options;
  const timestamp = String(options.timestamp ?? '');
  if (secret === '' || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const nowSeconds = (options.now ?? Date.now)() / 1000;
  if (Math.abs(nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = computeDigest(secret, timestamp, options.body);
  return signature.split(',').some((candidate) => {
    const value = candidate.trim();
    if (!value.startsWith(SIGNATURE_PREFIX)) return false;
    const hex = value.slice(SIGNATURE_PREFIX.length);
    if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
}
