import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LegEndReason } from '../../engine/call-leg.js';
import { createLogger } from '../../logging/logger.js';
import {
  connectFakeTwilioCaller,
  fakeSid,
  postSignedTwilioWebhook,
  startFakeTwilioRest,
  UpgradeRefusedError,
  voiceWebhookParams,
  type FakeTwilioRest,
} from '../../testing/fake-twilio/index.js';
import type { CallStatusUpdate } from './call-status.js';
import { computeTwilioSignature } from './signature.js';
import type { StreamStartInfo, TwilioCallLeg } from './twilio-call-leg.js';
import {
  createTwilioRoutes,
  type TwilioRoutes,
  type TwilioRoutesOptions,
  type WebhookCheck,
} from './twilio-routes.js';
import type { IncomingCallWebhook } from './webhook-params.js';

const accountSid = 'AC00000000000000000000000000000001';
const authToken = 'twilio-auth-token';
const signingKey = 'signalwire-signing-key';

interface Site {
  readonly baseUrl: string;
  readonly routes: TwilioRoutes;
  readonly rest: FakeTwilioRest;
  readonly incoming: IncomingCallWebhook[];
  readonly statuses: CallStatusUpdate[];
  readonly streams: {
    leg: TwilioCallLeg;
    info: StreamStartInfo;
    ended: Promise<LegEndReason>;
    audio: string[];
  }[];
  readonly logLines: Record<string, unknown>[];
  streamUrl(carrierAccount?: string): string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Our routes on a real http server (port 0), REST control against the fake Twilio REST server. */
async function startSite(overrides: Partial<TwilioRoutesOptions> = {}): Promise<Site> {
  const carrier = overrides.carrier ?? 'twilio';
  const rest = await startFakeTwilioRest({ accountSid, authToken });
  cleanups.push(() => rest.close());
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logLines: Record<string, unknown>[] = [];
  const site: Omit<Site, 'routes'> = {
    baseUrl,
    rest,
    incoming: [],
    statuses: [],
    streams: [],
    logLines,
    streamUrl: (account = accountSid) =>
      `${baseUrl.replace('http', 'ws')}/${carrier}/media-stream/${account}`,
  };
  const routes = createTwilioRoutes({
    publicUrl: baseUrl,
    carrier,
    resolveCredentials: (sid) =>
      sid === accountSid
        ? { authToken, signingKey: carrier === 'signalwire' ? signingKey : undefined }
        : undefined,
    onIncomingCall: (call) => {
      site.incoming.push(call);
      return { kind: 'stream', parameters: { agent: 'front-desk', callSid: 'spoofed' } };
    },
    onStreamStart: (leg, info) => {
      const audio: string[] = [];
      leg.on('audio', (bytes) => audio.push(Buffer.from(bytes).toString('hex')));
      const ended = new Promise<LegEndReason>((resolve) => leg.on('end', resolve));
      site.streams.push({ leg, info, ended, audio });
    },
    onStatusCallback: (update) => void site.statuses.push(update),
    restBaseUrl: rest.url,
    logger: createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
          callback();
        },
      }),
    }),
    ...overrides,
  });
  server.on('request', getRequestListener(routes.app.fetch));
  server.on('upgrade', (request, socket, head) => {
    if (!routes.handleUpgrade(request, socket, head)) socket.destroy();
  });
  cleanups.push(async () => {
    await routes.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { ...site, routes };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function callParams(callSid = fakeSid('CA')) {
  return voiceWebhookParams({ accountSid, callSid, from: '+15551230001', to: '+15559870002' });
}

describe('POST /twilio/voice', () => {
  it('answers a signed webhook with Connect/Stream carrying the parameters', async () => {
    const site = await startSite();
    const params = callParams();
    const response = await postSignedTwilioWebhook({
      url: `${site.baseUrl}/twilio/voice`,
      authToken,
      params,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const twiml = await response.text();
    expect(twiml).toContain(`<Stream url="${site.streamUrl()}">`);
    expect(twiml).toContain('<Parameter name="agent" value="front-desk"/>');
    expect(twiml).toContain(`<Parameter name="callSid" value="${params.CallSid}"/>`);
    expect(twiml).not.toContain('spoofed');
    expect(twiml).toContain('<Parameter name="from" value="+15551230001"/>');
    expect(twiml).toContain('<Parameter name="to" value="+15559870002"/>');
    expect(site.incoming[0]).toMatchObject({
      callSid: params.CallSid,
      accountSid,
      from: '+15551230001',
      direction: 'inbound',
    });
    const line = site.logLines.find((entry) => entry.msg === 'incoming call');
    expect(line).toMatchObject({
      callSid: params.CallSid,
      pii: { from: '+15551230001', to: '+15559870002' },
    });
  });

  it('refuses forged, unsigned and unknown-account webhooks with 403 and starts nothing', async () => {
    const site = await startSite();
    const url = `${site.baseUrl}/twilio/voice`;
    const params = callParams();
    const forged = await postSignedTwilioWebhook({ url, authToken: 'guessed', params });
    const unsigned = await postSignedTwilioWebhook({ url, params });
    const stranger = await postSignedTwilioWebhook({
      url,
      authToken,
      params: { ...params, AccountSid: 'AC99999999999999999999999999999999' },
    });
    const wrongUrl = await postSignedTwilioWebhook({
      url,
      signedUrl: `${url}?x=1`,
      authToken,
      params,
    });
    expect([forged.status, unsigned.status, stranger.status, wrongUrl.status]).toEqual([
      403, 403, 403, 403,
    ]);
    expect(site.incoming).toHaveLength(0);
    expect(
      site.logLines
        .filter((entry) => entry.msg === 'webhook signature rejected')
        .map((entry) => entry.reason),
    ).toEqual(['bad-signature', 'missing-signature', 'unknown-account', 'bad-signature']);
  });

  it('says an apology and hangs up for a rejected call', async () => {
    const site = await startSite({
      onIncomingCall: () => ({ kind: 'reject', say: 'This number is not in service.' }),
    });
    const response = await postSignedTwilioWebhook({
      url: `${site.baseUrl}/twilio/voice`,
      authToken,
      params: callParams(),
    });
    expect(await response.text()).toContain('<Say>This number is not in service.</Say><Hangup/>');
  });

  it('says an apology when routing fails or returns an oversized parameter', async () => {
    const failing = await startSite({
      onIncomingCall: () => Promise.reject(new Error('database down')),
      errorSay: 'Sorry, try later.',
    });
    const first = await postSignedTwilioWebhook({
      url: `${failing.baseUrl}/twilio/voice`,
      authToken,
      params: callParams(),
    });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('<Say>Sorry, try later.</Say><Hangup/>');
    const oversized = await startSite({
      onIncomingCall: () => ({ kind: 'stream', parameters: { big: 'x'.repeat(600) } }),
    });
    const second = await postSignedTwilioWebhook({
      url: `${oversized.baseUrl}/twilio/voice`,
      authToken,
      params: callParams(),
    });
    expect(await second.text()).toContain('<Hangup/>');
  });

  it("restores a '+' sent unencoded, whichever form was signed", async () => {
    const site = await startSite();
    const url = `${site.baseUrl}/twilio/voice`;
    const params = callParams();
    const rawBody = new URLSearchParams(params).toString().replace(/%2B/g, '+');
    const decoded = Object.fromEntries(new URLSearchParams(rawBody));
    expect(decoded.From).toBe(' 15551230001');
    const signedDecoded = computeTwilioSignature({ authToken, url, params: decoded });
    const signedRestored = computeTwilioSignature({ authToken, url, params });
    for (const signature of [signedDecoded, signedRestored]) {
      const response = await postSignedTwilioWebhook({ url, params, rawBody, signature });
      expect(response.status).toBe(200);
    }
    expect(site.incoming.map((call) => [call.from, call.to])).toEqual([
      ['+15551230001', '+15559870002'],
      ['+15551230001', '+15559870002'],
    ]);
  });

  it('accepts a GET webhook signed over the URL with its query string', async () => {
    const site = await startSite();
    const params = callParams();
    const url = `${site.baseUrl}/twilio/voice?${new URLSearchParams(params).toString()}`;
    const signature = computeTwilioSignature({ authToken, url });
    const response = await fetch(url, { headers: { 'x-twilio-signature': signature } });
    expect(response.status).toBe(200);
    expect(site.incoming[0]).toMatchObject({ callSid: params.CallSid, from: '+15551230001' });
    const forged = await fetch(url.replace('ringing', 'completed'), {
      headers: { 'x-twilio-signature': signature },
    });
    expect(forged.status).toBe(403);
  });

  it('refuses oversized bodies', async () => {
    const site = await startSite({ maxBodyBytes: 1024 });
    const response = await postSignedTwilioWebhook({
      url: `${site.baseUrl}/twilio/voice`,
      authToken,
      params: { ...callParams(), Junk: 'x'.repeat(4096) },
    });
    expect(response.status).toBe(413);
  });
});

describe('POST /twilio/status', () => {
  it('parses signed status callbacks', async () => {
    const site = await startSite();
    const callSid = fakeSid('CA');
    const response = await postSignedTwilioWebhook({
      url: `${site.baseUrl}/twilio/status`,
      authToken,
      params: {
        ...callParams(callSid),
        CallStatus: 'completed',
        SequenceNumber: '3',
        CallDuration: '42',
        SipResponseCode: '200',
        Timestamp: 'Tue, 21 Nov 2023 21:04:00 +0000',
        AnsweredBy: 'human',
      },
    });
    expect(response.status).toBe(204);
    expect(site.statuses).toEqual([
      {
        callSid,
        accountSid,
        status: 'completed',
        sequenceNumber: 3,
        duration: 42,
        sipResponseCode: 200,
        timestamp: 'Tue, 21 Nov 2023 21:04:00 +0000',
        answeredBy: 'human',
      },
    ]);
  });

  it('refuses forged callbacks and unknown statuses', async () => {
    const site = await startSite();
    const url = `${site.baseUrl}/twilio/status`;
    const forged = await postSignedTwilioWebhook({
      url,
      authToken: 'nope',
      params: { ...callParams(), CallStatus: 'completed' },
    });
    const unknown = await postSignedTwilioWebhook({
      url,
      authToken,
      params: { ...callParams(), CallStatus: 'exploded' },
    });
    expect([forged.status, unknown.status]).toEqual([403, 400]);
    expect(site.statuses).toHaveLength(0);
  });
});

describe('WS /twilio/media-stream', () => {
  it('refuses unsigned, forged, unknown-account and account-less upgrades', async () => {
    const site = await startSite();
    const attempt = (streamUrl: string, token?: string) =>
      connectFakeTwilioCaller({ streamUrl, accountSid, authToken: token }).then(
        () => 0,
        (error: unknown) => (error instanceof UpgradeRefusedError ? error.status : -1),
      );
    expect(await attempt(site.streamUrl())).toBe(403);
    expect(await attempt(site.streamUrl(), 'guessed')).toBe(403);
    expect(await attempt(site.streamUrl('AC99999999999999999999999999999999'), authToken)).toBe(
      403,
    );
    expect(
      await attempt(`${site.baseUrl.replace('http', 'ws')}/twilio/media-stream`, authToken),
    ).toBe(404);
    expect(
      site.logLines.filter((entry) => entry.msg === 'media stream upgrade rejected'),
    ).toHaveLength(4);
    expect(site.routes.activeStreams).toBe(0);
  });

  it('gives a signed stream a working leg: audio in, media out, hangup and transfer through REST', async () => {
    const site = await startSite();
    const caller = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      authToken,
      accountSid,
      customParameters: { agent: 'front-desk' },
    });
    caller.start();
    await until(() => site.streams.length === 1);
    const stream = site.streams[0] as Site['streams'][number];
    expect(stream.info).toMatchObject({ carrier: 'twilio', callSid: caller.callSid, accountSid });
    caller.sendAudio(new Uint8Array([0xff, 0x7f]));
    await until(() => stream.audio.length === 1);
    expect(stream.audio).toEqual(['ff7f']);
    stream.leg.sendAudio(new Uint8Array([1, 2, 3]));
    await caller.waitFor((message) => message.event === 'media');

    await stream.leg.transfer('sip:desk@pbx.example.com');
    expect(await stream.ended).toBe('transferred');
    expect(site.rest.requests[0]).toMatchObject({ callSid: caller.callSid, status: 200 });
    expect(site.rest.requests[0]?.params.Twiml).toContain('<Sip>sip:desk@pbx.example.com</Sip>');

    const second = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      authToken,
      accountSid,
    });
    second.start();
    await until(() => site.streams.length === 2);
    const other = site.streams[1] as Site['streams'][number];
    await other.leg.hangup();
    expect(await other.ended).toBe('agent-hangup');
    expect(site.rest.requests[1]).toMatchObject({
      callSid: second.callSid,
      params: { Status: 'completed' },
    });
  });

  it('ends the call by closing the stream when the REST hangup fails', async () => {
    const site = await startSite();
    site.rest.failNext({ status: 503, code: 20503, message: 'Service Unavailable' });
    const caller = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      authToken,
      accountSid,
    });
    caller.start();
    await until(() => site.streams.length === 1);
    const stream = site.streams[0] as Site['streams'][number];
    await expect(stream.leg.hangup()).rejects.toMatchObject({ status: 503, twilioCode: 20503 });
    expect(await stream.ended).toBe('agent-hangup');
    expect((await caller.closed).reason).toBe('closed by engine');
  });

  it('keeps other sockets alive while one sends garbage, and reports a drop as connection-lost', async () => {
    const site = await startSite({ maxConsecutiveErrors: 3 });
    const noisy = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      authToken,
      accountSid,
    });
    const quiet = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      authToken,
      accountSid,
    });
    noisy.start();
    quiet.start();
    await until(() => site.streams.length === 2);
    const byCall = (callSid: string) =>
      site.streams.find((stream) => stream.info.callSid === callSid) as Site['streams'][number];
    for (let index = 0; index < 3; index += 1) noisy.sendRaw('{{{');
    expect(await byCall(noisy.callSid).ended).toBe('error');
    expect((await noisy.closed).reason).toBe('too many malformed messages');
    quiet.sendAudio(new Uint8Array([0x55]));
    await until(() => byCall(quiet.callSid).audio.length === 1);
    quiet.drop();
    expect(await byCall(quiet.callSid).ended).toBe('connection-lost');
    await until(() => site.routes.activeStreams === 0);
  });

  it('closes open streams on shutdown', async () => {
    const site = await startSite();
    const caller = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      authToken,
      accountSid,
    });
    caller.start();
    await until(() => site.streams.length === 1);
    await site.routes.close();
    expect(await (site.streams[0] as Site['streams'][number]).ended).toBe('connection-lost');
    expect((await caller.closed).reason).toBe('server shutting down');
  });
});

describe('SignalWire', () => {
  it('checks X-SignalWire-Signature with the signing key and answers with a bearer-token stream', async () => {
    const site = await startSite({ carrier: 'signalwire', streamBearerToken: 'stream-token' });
    const url = `${site.baseUrl}/signalwire/voice`;
    const params = { ...callParams(), CallSid: 'a1b2c3d4-0000-4000-8000-000000000001' };
    const withAuthToken = await postSignedTwilioWebhook({
      url,
      authToken,
      params,
      headerName: 'x-signalwire-signature',
    });
    expect(withAuthToken.status).toBe(403);
    const response = await postSignedTwilioWebhook({
      url,
      authToken: signingKey,
      params,
      headerName: 'x-signalwire-signature',
    });
    expect(response.status).toBe(200);
    const twiml = await response.text();
    expect(twiml).toContain(`<Stream url="${site.streamUrl()}" authBearerToken="stream-token">`);
    const legacy = await postSignedTwilioWebhook({ url, authToken: signingKey, params });
    expect(legacy.status).toBe(200);
  });

  it('accepts a stream upgrade with the bearer token or the signature, in SignalWire shapes', async () => {
    const site = await startSite({ carrier: 'signalwire', streamBearerToken: 'stream-token' });
    const refused = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      accountSid,
      carrier: 'signalwire',
      bearerToken: 'wrong',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UpgradeRefusedError);
    const byToken = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      accountSid,
      carrier: 'signalwire',
      bearerToken: 'stream-token',
    });
    const bySignature = await connectFakeTwilioCaller({
      streamUrl: site.streamUrl(),
      accountSid,
      carrier: 'signalwire',
      authToken: signingKey,
    });
    byToken.start();
    bySignature.start();
    await until(() => site.streams.length === 2);
    expect(site.streams.map((stream) => stream.info.carrier)).toEqual(['signalwire', 'signalwire']);
    byToken.sendStop();
    const first = site.streams.find((stream) => stream.info.callSid === byToken.callSid);
    expect(await first?.ended).toBe('carrier-stop');
  });

  it('needs a REST base URL', () => {
    vi.stubEnv('SIGNALWIRE_API_BASE_URL', undefined);
    try {
      expect(() =>
        createTwilioRoutes({
          publicUrl: 'https://calls.example.com',
          carrier: 'signalwire',
          resolveCredentials: () => undefined,
          onIncomingCall: () => ({ kind: 'reject', say: 'no' }),
          onStreamStart: () => {},
        }),
      ).toThrow(/SIGNALWIRE_API_BASE_URL/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('needs a usable PUBLIC_URL', () => {
    expect(() =>
      createTwilioRoutes({
        publicUrl: 'calls.example.com',
        resolveCredentials: () => undefined,
        onIncomingCall: () => ({ kind: 'reject', say: 'no' }),
        onStreamStart: () => {},
      }),
    ).toThrow(/PUBLIC_URL/);
  });
});

describe('onWebhookChecked', () => {
  it('reports every voice and status webhook with the number it names and whether it was signed', async () => {
    const checks: WebhookCheck[] = [];
    const site = await startSite({ onWebhookChecked: (check) => void checks.push(check) });
    const voice = `${site.baseUrl}/twilio/voice`;
    const status = `${site.baseUrl}/twilio/status`;
    const params = callParams();
    await postSignedTwilioWebhook({ url: voice, authToken, params });
    await postSignedTwilioWebhook({ url: voice, authToken: 'guessed', params });
    await postSignedTwilioWebhook({ url: voice, params });
    await postSignedTwilioWebhook({
      url: status,
      authToken,
      params: { ...params, CallStatus: 'completed' },
    });
    await postSignedTwilioWebhook({
      url: status,
      authToken: 'guessed',
      params: { ...params, CallStatus: 'completed' },
    });
    // An outbound call's status callback is about its From, our number.
    await postSignedTwilioWebhook({
      url: status,
      authToken,
      params: {
        ...params,
        Direction: 'outbound-api',
        From: '+15559870002',
        To: '+15551230001',
        CallStatus: 'ringing',
      },
    });
    // A '+' sent unencoded arrives as a space; the number is reported with it restored.
    await postSignedTwilioWebhook({
      url: voice,
      authToken,
      params,
      rawBody: new URLSearchParams(params).toString().replace('To=%2B', 'To=+'),
    });
    const ours = { carrier: 'twilio', number: '+15559870002' };
    expect(checks).toEqual([
      { ...ours, signed: true, webhook: 'voice' },
      { ...ours, signed: false, webhook: 'voice' },
      { ...ours, signed: false, webhook: 'voice' },
      { ...ours, signed: true, webhook: 'status' },
      { ...ours, signed: false, webhook: 'status' },
      { ...ours, signed: true, webhook: 'status' },
      { ...ours, signed: true, webhook: 'voice' },
    ]);
  });

  it('answers the webhook when the listener throws', async () => {
    const site = await startSite({
      onWebhookChecked: () => {
        throw new Error('listener broke');
      },
    });
    const response = await postSignedTwilioWebhook({
      url: `${site.baseUrl}/twilio/voice`,
      authToken,
      params: callParams(),
    });
    expect(response.status).toBe(200);
    expect(site.incoming).toHaveLength(1);
    expect(site.logLines.some((line) => line.msg === 'webhook check listener failed')).toBe(true);
  });
});
