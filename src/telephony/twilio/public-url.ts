import { ConfigError } from '../../errors/index.js';
import type { TwilioCarrier } from './twilio-call-leg.js';

/**
 * Public URLs as the carrier sees them. Signatures cover the URL the carrier requested, so we
 * build it from the configured PUBLIC_URL, never from Host or X-Forwarded-* headers.
 */

/**
 * Check and normalise PUBLIC_URL: `https://host[:port][/prefix]`, no query or fragment, no
 * trailing slash. A prefix is for a proxy that strips it before forwarding to us.
 * @throws ConfigError naming PUBLIC_URL.
 */
export function normalizePublicUrl(publicUrl: string): string {
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(publicUrl)) {
    throw new ConfigError(
      'PUBLIC_URL',
      `"${publicUrl.slice(0, 100)}" must be an http(s) URL without query or fragment, e.g. https://calls.example.com`,
    );
  }
  return publicUrl.replace(/\/+$/, '');
}

/** The URL the carrier requested: public base plus the raw request target (path and query). */
export function publicRequestUrl(publicUrl: string, requestTarget: string): string {
  return `${publicUrl}${requestTarget}`;
}

/** `https://…` → `wss://…`, `http://…` → `ws://…`. */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/i, 'ws');
}

/** Path of the media stream endpoint for one account (the account picks the signing key). */
export function mediaStreamPath(carrier: TwilioCarrier, accountSid: string): string {
  return `/${carrier}/media-stream/${encodeURIComponent(accountSid)}`;
}

/**
 * The `<Stream url>` for a call of `accountSid`, e.g. for outbound-call TwiML built elsewhere:
 * `wss://calls.example.com/twilio/media-stream/AC…`.
 */
export function mediaStreamUrl(options: {
  readonly publicUrl: string;
  readonly carrier: TwilioCarrier;
  readonly accountSid: string;
}): string {
  const base = toWebSocketUrl(normalizePublicUrl(options.publicUrl));
  return `${base}${mediaStreamPath(options.carrier, options.accountSid)}`;
}

/** Request target (path + query) of an absolute-form or origin-form request line, unchanged. */
export function requestTargetOf(rawUrl: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rawUrl);
  const target = absolute ? rawUrl.slice(absolute[0].length) : rawUrl;
  return target.startsWith('/') ? target : `/${target}`;
}
