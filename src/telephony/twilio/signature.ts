import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request parameters as signed: a form body (`URLSearchParams`, pairs), or a record whose array
 * values stand for a repeated key.
 */
export type TwilioSignatureParams =
  Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[]>>;

export interface ComputeTwilioSignatureOptions {
  /** Twilio Auth Token of the (sub)account; SignalWire: the project's Signing Key. */
  readonly authToken: string;
  /** The exact public URL the carrier requested, query string included. Used as a raw string. */
  readonly url: string;
  /** Form parameters (POST). Omit for GET, JSON bodies and WebSocket upgrades. */
  readonly params?: TwilioSignatureParams;
}

export interface ValidateTwilioSignatureOptions extends ComputeTwilioSignatureOptions {
  /** The `X-Twilio-Signature` (or `X-SignalWire-Signature`) header; missing means invalid. */
  readonly signature: string | null | undefined;
  /** Raw request body; required when the URL carries `bodySHA256` (JSON webhooks). */
  readonly body?: string | Uint8Array;
}

/**
 * Twilio's `X-Twilio-Signature` (SignalWire's Scheme A): base64 HMAC-SHA1 over the URL followed by
 * each parameter name and value, names sorted, a repeated name's distinct values sorted.
 */
export function computeTwilioSignature(options: ComputeTwilioSignatureOptions): string {
  let data = options.url;
  for (const [name, values] of groupParams(options.params)) {
    for (const value of [...new Set(values)].sort()) data += name + value;
  }
  return createHmac('sha1', options.authToken).update(data, 'utf8').digest('base64');
}

/**
 * Check a carrier signature in constant time. Tries the URL as given, with the scheme's default
 * port made explicit and with it removed, because Twilio signs either form. When the URL carries
 * `bodySHA256`, the signature covers the URL alone and the body must hash to that value.
 */
export function validateTwilioSignature(options: ValidateTwilioSignatureOptions): boolean {
  const { signature, authToken, url } = options;
  if (typeof signature !== 'string' || signature.length === 0 || authToken.length === 0) {
    return false;
  }
  const bodyHash = readQueryParam(url, 'bodySHA256');
  if (bodyHash !== undefined) {
    if (options.body === undefined) return false;
    const actualHash = createHash('sha256').update(options.body).digest('hex');
    if (!constantTimeEqual(actualHash, bodyHash.toLowerCase())) return false;
  }
  const params = bodyHash === undefined ? options.params : undefined;
  let valid = false;
  // Check every variant so the time taken does not depend on which one matched.
  for (const variant of twilioUrlPortVariants(url)) {
    const expected = computeTwilioSignature({ authToken, url: variant, params });
    if (constantTimeEqual(expected, signature)) valid = true;
  }
  return valid;
}

/**
 * The URL as given, then with the scheme's default port (443 for https/wss, 80 for http/ws)
 * added or removed. String surgery only: `new URL()` would re-encode characters Twilio signed raw.
 */
export function twilioUrlPortVariants(url: string): string[] {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (!match) return [url];
  const [, scheme = '', authority = '', rest = ''] = match;
  const defaultPort = DEFAULT_PORTS[scheme.toLowerCase()];
  if (defaultPort === undefined) return [url];
  const at = authority.lastIndexOf('@');
  const userInfo = authority.slice(0, at + 1);
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority.slice(at + 1));
  if (!hostPort) return [url];
  const [, host = '', port] = hostPort;
  const base = `${scheme}://${userInfo}${host}`;
  if (port === undefined) return [url, `${base}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${base}${rest}`];
  return [url];
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  https: '443',
  wss: '443',
  http: '80',
  ws: '80',
};

function groupParams(params: TwilioSignatureParams | undefined): [string, string[]][] {
  const grouped = new Map<string, string[]>();
  if (params !== undefined) {
    const pairs: Iterable<readonly [string, string | readonly string[]]> = isIterable(params)
      ? params
      : Object.entries(params);
    for (const [name, value] of pairs) {
      const values = grouped.get(name) ?? [];
      if (typeof value === 'string') values.push(value);
      else values.push(...value);
      grouped.set(name, values);
    }
  }
  return [...grouped.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function isIterable(params: TwilioSignatureParams): params is Iterable<readonly [string, string]> {
  return typeof (params as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

function readQueryParam(url: string, name: string): string | undefined {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return undefined;
  const hashStart = url.indexOf('#', queryStart);
  const query = url.slice(queryStart + 1, hashStart < 0 ? undefined : hashStart);
  return new URLSearchParams(query).get(name) ?? undefined;
}

/** Constant-time string comparison (lengths may leak; contents do not). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
