import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { constantTimeEqual } from './signature.js';
import type { TwilioCarrier } from './twilio-call-leg.js';
import { publicRequestUrl, requestTargetOf, toWebSocketUrl } from './public-url.js';
import {
  signatureHeaderOf,
  verifyCarrierSignature,
  type TwilioCredentials,
  type TwilioCredentialsResolver,
} from './webhook-auth.js';

export type UpgradeDecision =
  | {
      readonly ok: true;
      readonly accountSid: string;
      readonly credentials: TwilioCredentials;
      readonly via: 'signature' | 'bearer-token';
    }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/** Does this request target one of our media stream paths (so we must answer it)? */
export function isMediaStreamTarget(
  carrier: TwilioCarrier,
  requestUrl: string | undefined,
): boolean {
  const path = requestTargetOf(requestUrl ?? '/').split('?')[0] ?? '';
  const prefix = `/${carrier}/media-stream`;
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Authenticate a media stream upgrade on `/{carrier}/media-stream/{accountSid}`: the carrier's
 * signature over the public `wss://` URL with no parameters, or (SignalWire `authBearerToken`)
 * `Authorization: Bearer <configured token>`. Either way the account must be one we serve.
 */
export function authenticateMediaStreamUpgrade(
  request: IncomingMessage,
  options: {
    readonly carrier: TwilioCarrier;
    readonly publicUrl: string;
    readonly resolveCredentials: TwilioCredentialsResolver;
    readonly bearerToken: string | undefined;
  },
): UpgradeDecision {
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
    return { ok: false, status: 400, reason: 'not a websocket upgrade' };
  }
  const target = requestTargetOf(request.url ?? '/');
  const path = target.split('?')[0] ?? '';
  const segment = path.slice(`/${options.carrier}/media-stream/`.length);
  const accountSid = safeDecode(segment);
  if (accountSid === undefined || !/^[A-Za-z0-9-]{1,64}$/.test(accountSid)) {
    return { ok: false, status: 404, reason: 'no account in media stream path' };
  }
  const credentials = options.resolveCredentials(accountSid);
  if (!credentials) return { ok: false, status: 403, reason: 'unknown-account' };

  const authorization = request.headers.authorization;
  if (options.bearerToken !== undefined && typeof authorization === 'string') {
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim() ?? '';
    if (constantTimeEqual(token, options.bearerToken)) {
      return { ok: true, accountSid, credentials, via: 'bearer-token' };
    }
  }
  const verdict = verifyCarrierSignature({
    credentials,
    signature: signatureHeaderOf(options.carrier, (name) => headerValue(request, name)),
    url: publicRequestUrl(toWebSocketUrl(options.publicUrl), target),
  });
  if (!verdict.ok) return { ok: false, status: 403, reason: verdict.reason };
  return { ok: true, accountSid, credentials, via: 'signature' };
}

/** Answer a refused upgrade with a plain HTTP status and close the socket. */
export function rejectUpgrade(socket: Duplex, status: number): void {
  // The peer may reset a refused connection; an unhandled 'error' would crash the process.
  socket.on('error', () => {});
  if (socket.destroyed) return;
  const text = STATUS_CODES[status] ?? 'Error';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
