import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN, DEMO_NUMBER } from '../../src/cli/demo-environment.js';
import type { SwitchboardServer } from '../../src/server/switchboard-server.js';
import {
  connectFakeTwilioCaller,
  fakeSid,
  postSignedTwilioWebhook,
  voiceWebhookParams,
  type FakeTwilioCaller,
} from '../../src/testing/fake-twilio/index.js';
import { parseTwimlAnswer } from '../../src/testing/simulated-caller/twiml-stream.js';
import { TEST_CALLER_NUMBER } from './test-stack.js';

/**
 * Playing the carrier by hand, for tests that need to misbehave where the simulated caller would
 * not: signed (or forged) webhooks, and raw Media Streams sockets that send whatever the test wants.
 */

/** How a webhook is signed: correctly (default), with another token, or not at all. */
export type Signing = 'valid' | 'wrong-token' | 'unsigned';

function authTokenFor(signing: Signing): string | undefined {
  if (signing === 'unsigned') return undefined;
  return signing === 'wrong-token' ? 'not-the-auth-token' : DEMO_AUTH_TOKEN;
}

/** POST the voice webhook for an inbound call, signed over the public URL as Twilio signs it. */
export function postVoiceWebhook(
  server: SwitchboardServer,
  fields: { callSid?: string; from?: string; to?: string; signing?: Signing } = {},
): Promise<Response> {
  return postSignedTwilioWebhook({
    url: `${server.url}/twilio/voice`,
    signedUrl: `${server.publicUrl}/twilio/voice`,
    authToken: authTokenFor(fields.signing ?? 'valid'),
    params: voiceWebhookParams({
      accountSid: DEMO_ACCOUNT_SID,
      callSid: fields.callSid ?? fakeSid('CA'),
      from: fields.from ?? TEST_CALLER_NUMBER,
      to: fields.to ?? DEMO_NUMBER,
    }),
  });
}

/** POST a call status callback, signed over the public URL. */
export function postStatusCallback(
  server: SwitchboardServer,
  params: Readonly<Record<string, string>>,
  signing: Signing = 'valid',
): Promise<Response> {
  return postSignedTwilioWebhook({
    url: `${server.url}/twilio/status`,
    signedUrl: `${server.publicUrl}/twilio/status`,
    authToken: authTokenFor(signing),
    params: { AccountSid: DEMO_ACCOUNT_SID, ApiVersion: '2010-04-01', ...params },
  });
}

/** The local ws:// address of a public wss:// media stream URL from our TwiML. */
export function localStreamUrl(server: SwitchboardServer, publicStreamUrl: string): string {
  const local = new URL(server.url);
  local.protocol = 'ws:';
  local.pathname = new URL(publicStreamUrl).pathname;
  return local.toString();
}

/** The public media stream URL of the demo account, as our TwiML names it. */
export function publicStreamUrl(server: SwitchboardServer): string {
  return `${server.publicUrl.replace(/^http/, 'ws')}/twilio/media-stream/${DEMO_ACCOUNT_SID}`;
}

/**
 * A call the test drives frame by frame: the signed voice webhook, then a signed Media Streams
 * socket to the URL our TwiML named, with the `<Parameter>`s it listed. Not started yet: call
 * `start()` (or send something else first).
 */
export async function openRawCall(
  server: SwitchboardServer,
  fields: { from?: string; to?: string } = {},
): Promise<FakeTwilioCaller> {
  const callSid = fakeSid('CA');
  const response = await postVoiceWebhook(server, { ...fields, callSid });
  return connectRawStream(server, callSid, await response.text());
}

/** The carrier's side of `<Connect><Stream>`: a signed socket to the stream our TwiML answer named. */
export function connectRawStream(
  server: SwitchboardServer,
  callSid: string,
  twiml: string,
): Promise<FakeTwilioCaller> {
  const answer = parseTwimlAnswer(twiml);
  if (answer.kind !== 'stream')
    throw new Error(`expected <Connect><Stream>, got ${JSON.stringify(answer)}`);
  return connectFakeTwilioCaller({
    streamUrl: localStreamUrl(server, answer.url),
    signedUrl: answer.url,
    authToken: DEMO_AUTH_TOKEN,
    accountSid: DEMO_ACCOUNT_SID,
    callSid,
    customParameters: answer.parameters,
  });
}
