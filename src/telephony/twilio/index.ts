/** Twilio / SignalWire telephony adapter: the public surface other modules import. */
export * from './call-status.js';
export * from './call-status-store.js';
export * from './media-stream-codec.js';
export type * from './media-stream-types.js';
export { mediaStreamPath, mediaStreamUrl, normalizePublicUrl } from './public-url.js';
export * from './signature.js';
export * from './twiml.js';
export * from './twilio-call-leg.js';
export * from './twilio-media-stream-transport.js';
export * from './twilio-rest-client.js';
export * from './twilio-rest-error.js';
export * from './twilio-routes.js';
export type { TwilioCredentials, TwilioCredentialsResolver } from './webhook-auth.js';
export { restorePlusPrefix, type IncomingCallWebhook } from './webhook-params.js';
