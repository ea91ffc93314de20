import { computeTwilioSignature } from '../../telephony/twilio/signature.js';

/**
 * Send the HTTP requests Twilio sends to us (voice webhook, status callback), signed the way
 * Twilio signs them. Tests and demo mode use it to play the carrier.
 */

export interface SignedWebhookOptions {
  /** Where to send the request (our local server). */
  readonly url: string;
  /** The public URL Twilio would have signed; defaults to `url`. */
  readonly signedUrl?: string;
  /** Sign with this token; omit to send the request unsigned. */
  readonly authToken?: string;
  readonly params: Readonly<Record<string, string>>;
  /** Default `x-twilio-signature`; SignalWire: `x-signalwire-signature`. */
  readonly headerName?: string;
  /** Send this body instead of the encoded params (e.g. a '+' left unencoded). */
  readonly rawBody?: string;
  /** Send this signature instead of the computed one (forgery tests). */
  readonly signature?: string;
}

/** POST form-encoded `params`, signed over `signedUrl` and the decoded params. */
export function postSignedTwilioWebhook(options: SignedWebhookOptions): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const signature =
    options.signature ??
    (options.authToken === undefined
      ? undefined
      : computeTwilioSignature({
          authToken: options.authToken,
          url: options.signedUrl ?? options.url,
          params: options.params,
        }));
  if (signature !== undefined) headers[options.headerName ?? 'x-twilio-signature'] = signature;
  return fetch(options.url, {
    method: 'POST',
    headers,
    body: options.rawBody ?? new URLSearchParams(options.params).toString(),
  });
}

/** The parameters of a Twilio voice webhook for an inbound call. */
export function voiceWebhookParams(fields: {
  readonly accountSid: string;
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
}): Record<string, string> {
  return {
    AccountSid: fields.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: fields.callSid,
    CallStatus: 'ringing',
    Called: fields.to,
    Caller: fields.from,
    Direction: 'inbound',
    From: fields.from,
    To: fields.to,
  };
}
