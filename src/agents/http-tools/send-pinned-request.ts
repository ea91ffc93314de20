import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ResolvedAddress } from './resolve-allowed-addresses.js';

/** One outgoing request, to be sent only to addresses that were already checked. */
export interface PinnedRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The checked addresses of `url`'s host; the socket connects to one of these and nothing else. */
  readonly addresses: readonly ResolvedAddress[];
  readonly signal: AbortSignal;
  /** Bytes of response body to keep; reading stops there. */
  readonly maxResponseBytes: number;
  /**
   * A keep-alive agent for this URL's origin, to reuse connections (webhooks post many requests
   * to one endpoint). A pooled socket was connected to a checked address, so reusing it is safe.
   * Without it every request gets a fresh connection.
   */
  readonly agent?: HttpAgent;
}

/** The response as read: status, content type and at most `maxResponseBytes` of body. */
export interface PinnedResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  /** True when the body was longer than `maxResponseBytes` and was cut there. */
  readonly truncated: boolean;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

// Handed to the socket instead of DNS: the connection goes to the addresses we checked, while
// the URL's host name still supplies the Host header and the TLS server name (SNI).
function pinnedLookup(addresses: readonly ResolvedAddress[]) {
  return (_hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const usable = addresses.filter(
      (answer) =>
        options.family === undefined || options.family === 0 || answer.family === options.family,
    );
    const first = usable[0];
    if (first === undefined) {
      const error: NodeJS.ErrnoException = new Error('no checked address for this family');
      error.code = 'ENOTFOUND';
      callback(error, []);
    } else if (options.all === true) {
      callback(
        null,
        usable.map((answer) => ({ address: answer.address, family: answer.family })),
      );
    } else {
      callback(null, first.address, first.family);
    }
  };
}

function readBody(
  response: IncomingMessage,
  maxBytes: number,
  resolve: (result: PinnedResponse) => void,
  reject: (error: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = (truncated: boolean): void =>
    resolve({
      status: response.statusCode ?? 0,
      contentType: response.headers['content-type'] ?? '',
      body: Buffer.concat(chunks, size),
      truncated,
    });
  response.on('data', (chunk: Buffer) => {
    const room = maxBytes - size;
    if (chunk.length <= room) {
      chunks.push(chunk);
      size += chunk.length;
      return;
    }
    // Enough read: keep what fits and drop the connection instead of downloading the rest.
    chunks.push(chunk.subarray(0, room));
    size += room;
    finish(true);
    response.destroy();
  });
  response.on('end', () => finish(false));
  response.on('error', reject);
  // Settling is idempotent, so this only matters when the body stopped without `end`.
  response.on('close', () => reject(new Error('the response ended early')));
}

/**
 * Sends one request with node:http(s), connecting only to `addresses`. Redirects are never
 * followed: a 3xx comes back like any other status. Rejects on network errors and on abort.
 */
export function sendPinnedRequest(request: PinnedRequest): Promise<PinnedResponse> {
  const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PinnedResponse>((resolve, reject) => {
    let settled = false;
    const settle =
      <T>(handler: (value: T) => void) =>
      (value: T) => {
        if (settled) return;
        settled = true;
        handler(value);
      };
    const outgoing = send({
      protocol: request.url.protocol,
      hostname: request.url.hostname.replace(/^\[|\]$/g, ''),
      port: request.url.port === '' ? undefined : Number(request.url.port),
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers:
        request.body === ''
          ? request.headers
          : { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) },
      lookup: pinnedLookup(request.addresses),
      // Without a caller's agent, a fresh connection per request: a pooled socket of the global
      // agent could belong to another resolution.
      agent: request.agent ?? false,
      signal: request.signal,
    });
    outgoing.on('response', (response) =>
      readBody(response, request.maxResponseBytes, settle(resolve), settle(reject)),
    );
    outgoing.on('error', settle(reject));
    outgoing.end(request.body);
  });
}
