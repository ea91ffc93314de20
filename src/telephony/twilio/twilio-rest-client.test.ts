import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, ProviderError, SwitchboardError } from '../../errors/index.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../../testing/fake-twilio/index.js';
import { createTwilioRestClient, signalWireRestBaseUrl } from './twilio-rest-client.js';
import { TwilioRestError } from './twilio-rest-error.js';

const accountSid = 'AC00000000000000000000000000000001';
const authToken = 'secret-token';
const callSid = 'CA00000000000000000000000000000002';

describe('createTwilioRestClient against the fake Twilio REST server', () => {
  let fake: FakeTwilioRest;
  beforeEach(async () => {
    fake = await startFakeTwilioRest({ accountSid, authToken });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('hangs up with a form-encoded Status=completed and HTTP Basic auth', async () => {
    fake.addCall(callSid);
    const client = createTwilioRestClient({ accountSid, authToken, baseUrl: fake.url });
    await client.hangup(callSid);
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`,
        callSid,
        params: { Status: 'completed' },
        authorized: true,
        status: 200,
      },
    ]);
    expect(fake.calls.get(callSid)?.status).toBe('completed');
  });

  it('transfers by replacing the TwiML with a Dial', async () => {
    const client = createTwilioRestClient({ accountSid, authToken, baseUrl: `${fake.url}/` });
    await client.transfer(callSid, '+15551234567', { timeout: 20 });
    expect(fake.calls.get(callSid)?.twiml).toContain(
      '<Dial timeout="20"><Number>+15551234567</Number></Dial>',
    );
  });

  it('returns the call resource from updateCall', async () => {
    const client = createTwilioRestClient({ accountSid, authToken, baseUrl: fake.url });
    const call = await client.updateCall(callSid, {
      url: 'https://a.example/next',
      method: 'POST',
    });
    expect(call.sid).toBe(callSid);
    expect(call.status).toBe('in-progress');
    expect(call.raw.account_sid).toBe(accountSid);
    expect(fake.requests[0]?.params).toEqual({ Url: 'https://a.example/next', Method: 'POST' });
  });

  it('turns a 401 into a TwilioRestError with the Twilio code', async () => {
    const client = createTwilioRestClient({ accountSid, authToken: 'wrong', baseUrl: fake.url });
    const error = await client.hangup(callSid).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwilioRestError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({
      status: 401,
      twilioCode: 20003,
      provider: 'twilio',
      retryable: false,
      code: 'twilio_20003',
    });
    expect((error as Error).message).toContain('HTTP 401 (error 20003: Authenticate)');
  });

  it('reports an unknown account as 404 / 20404', async () => {
    const other = 'AC99999999999999999999999999999999';
    const stranger = await startFakeTwilioRest({ accountSid: other, authToken });
    try {
      // Valid credentials for `other`, but the path names an account the server does not know.
      const client = createTwilioRestClient({
        accountSid: other,
        authToken,
        baseUrl: stranger.url,
      });
      await client.hangup(callSid);
      const wrongPath = await fetch(
        `${stranger.url}/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`,
        {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${other}:${authToken}`).toString('base64')}`,
          },
          body: 'Status=completed',
        },
      );
      expect(wrongPath.status).toBe(404);
      expect(await wrongPath.json()).toMatchObject({ code: 20404, status: 404 });
    } finally {
      await stranger.close();
    }
  });

  it('surfaces injected failures with status, code and retryability', async () => {
    fake.failNext({ status: 503, code: 20503, message: 'Service Unavailable' });
    const client = createTwilioRestClient({ accountSid, authToken, baseUrl: fake.url });
    await expect(client.hangup(callSid)).rejects.toMatchObject({
      status: 503,
      twilioCode: 20503,
      retryable: true,
    });
    await expect(client.hangup(callSid)).resolves.toBeUndefined();
  });

  it('refuses to redirect a finished call (21220)', async () => {
    fake.addCall(callSid, { status: 'completed' });
    const client = createTwilioRestClient({ accountSid, authToken, baseUrl: fake.url });
    await expect(client.transfer(callSid, 'sip:desk@pbx.example.com')).rejects.toMatchObject({
      status: 400,
      twilioCode: 21220,
    });
  });

  it('reports a network failure as a retryable error', async () => {
    const client = createTwilioRestClient({ accountSid, authToken, baseUrl: 'http://127.0.0.1:1' });
    await expect(client.hangup(callSid)).rejects.toMatchObject({
      name: 'TwilioRestError',
      retryable: true,
      status: undefined,
    });
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const client = createTwilioRestClient({
      accountSid,
      authToken,
      baseUrl: 'https://example.invalid',
      fetch: async (input) => {
        seen.push(String(input));
        return new Response(JSON.stringify({ sid: callSid, status: 'completed' }), { status: 200 });
      },
    });
    await client.hangup(callSid);
    expect(seen).toEqual([
      `https://example.invalid/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`,
    ]);
  });
});

describe('createTwilioRestClient settings', () => {
  it('checks its arguments before sending anything', async () => {
    const client = createTwilioRestClient({
      accountSid,
      authToken,
      fetch: () => Promise.reject(new Error('no')),
    });
    await expect(client.updateCall('../x', { status: 'completed' })).rejects.toBeInstanceOf(
      SwitchboardError,
    );
    await expect(client.updateCall(callSid, {})).rejects.toThrow(/nothing to change/);
    await expect(client.updateCall(callSid, { twiml: 'x'.repeat(4001) })).rejects.toThrow(/4000/);
    await expect(client.transfer(callSid, 'not-a-number')).rejects.toThrow(/E\.164/);
  });

  it('names the missing setting', () => {
    try {
      vi.stubEnv('TWILIO_ACCOUNT_SID', undefined);
      vi.stubEnv('TWILIO_AUTH_TOKEN', undefined);
      vi.stubEnv('SIGNALWIRE_API_BASE_URL', undefined);
      expect(() => createTwilioRestClient({ authToken })).toThrow(ConfigError);
      expect(() => createTwilioRestClient({ authToken })).toThrow(/TWILIO_ACCOUNT_SID/);
      expect(() => createTwilioRestClient({ accountSid })).toThrow(/TWILIO_AUTH_TOKEN/);
      expect(() =>
        createTwilioRestClient({ carrier: 'signalwire', accountSid, authToken }),
      ).toThrow(/SIGNALWIRE_API_BASE_URL/);
      vi.stubEnv('TWILIO_ACCOUNT_SID', accountSid);
      vi.stubEnv('TWILIO_AUTH_TOKEN', authToken);
      expect(createTwilioRestClient().accountSid).toBe(accountSid);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('builds SignalWire space URLs', () => {
    expect(signalWireRestBaseUrl('example')).toBe('https://example.signalwire.com/api/laml');
    expect(() => signalWireRestBaseUrl('evil.com/x')).toThrow(ConfigError);
  });
});
