/** Fakes of Twilio's REST API, webhooks and media streams, for tests and demo mode. */
export * from './fake-twilio-caller.js';
export * from './fake-twilio-rest.js';
export * from './fake-twilio-webhooks.js';
