import { validateTwilioSignature } from './signature.js';
import type { TwilioCarrier } from './twilio-call-leg.js';
import { signatureParamCandidates } from './webhook-params.js';

/** Secrets of one carrier account, as the credentials resolver returns them. */
export interface TwilioCredentials {
  /** Twilio Auth Token / SignalWire API token: REST calls (HTTP Basic with the account id). */
  readonly authToken: string;
  /** SignalWire Signing Key for webhook signatures; defaults to `authToken` (Twilio). */
  readonly signingKey?: string;
}

/** Look up an account's secrets; undefined for an account we do not serve. */
export type TwilioCredentialsResolver = (accountSid: string) => TwilioCredentials | undefined;

export type WebhookRejection = 'missing-signature' | 'unknown-account' | 'bad-signature';

/**
 * The signature header for a carrier. SignalWire sends X-SignalWire-Signature and keeps
 * X-Twilio-Signature as a legacy alias; Twilio sends only the latter.
 */
export function signatureHeaderOf(
  carrier: TwilioCarrier,
  header: (name: string) => string | undefined,
): string | undefined {
  const signalWire = carrier === 'signalwire' ? header('x-signalwire-signature') : undefined;
  return signalWire ?? header('x-twilio-signature');
}

/**
 * Check a webhook or upgrade signature (Twilio's scheme, SignalWire's Scheme A). Form parameters
 * are tried as decoded and with phone numbers' '+' restored.
 */
export function verifyCarrierSignature(options: {
  readonly credentials: TwilioCredentials | undefined;
  readonly signature: string | undefined;
  readonly url: string;
  readonly params?: URLSearchParams;
  readonly body?: string;
}): { ok: true } | { ok: false; reason: WebhookRejection } {
  if (!options.signature) return { ok: false, reason: 'missing-signature' };
  if (!options.credentials) return { ok: false, reason: 'unknown-account' };
  const authToken = options.credentials.signingKey ?? options.credentials.authToken;
  const candidates = options.params ? signatureParamCandidates(options.params) : [undefined];
  for (const params of candidates) {
    const valid = validateTwilioSignature({
      authToken,
      signature: options.signature,
      url: options.url,
      params,
      body: options.body,
    });
    if (valid) return { ok: true };
  }
  return { ok: false, reason: 'bad-signature' };
}
