import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_SID, DEMO_AUTH_TOKEN } from '../src/cli/demo-environment.js';
import { BUSY_MESSAGE, UNKNOWN_NUMBER_MESSAGE } from '../src/server/call-runtime.js';
import { escapeXml } from '../src/telephony/twilio/twiml.js';
import {
  connectFakeTwilioCaller,
  postSignedTwilioWebhook,
  UpgradeRefusedError,
  voiceWebhookParams,
  fakeSid,
  type FakeTwilioCaller,
} from '../src/testing/fake-twilio/index.js';
import {
  connectRawStream,
  localStreamUrl,
  openRawCall,
  postStatusCallback,
  postVoiceWebhook,
  publicStreamUrl,
} from './support/carrier.js';
import {
  startTestStack,
  TEST_AGENTS,
  TEST_CALLER_NUMBER,
  type TestStack,
} from './support/test-stack.js';

/** What the server may have set in motion: calls, AI provider traffic, carrier REST requests. */
interface Activity {
  readonly events: number;
  readonly openai: number;
  readonly deepgram: number;
  readonly elevenlabs: number;
  readonly twilio: number;
  readonly activeCalls: number;
}

/** Who gets in and who does not: numbers we do not serve, forged webhooks, unsigned streams. */
describe('call routing and webhook authentication', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ provisioning: TEST_AGENTS });
  });
  afterAll(async () => {
    await stack?.close();
  });

  function activity(): Activity {
    return {
      events: stack.events.length,
      openai: stack.demo.openai.requests.length,
      deepgram: stack.demo.deepgram.connections,
      elevenlabs: stack.demo.elevenlabs.connections,
      twilio: stack.demo.twilio.requests.length,
      activeCalls: stack.server.runtime.activeCalls,
    };
  }

  it('answers a call to an unknown number with <Say> and <Hangup/>, no stream and no AI provider', async () => {
    const before = activity();
    const response = await postVoiceWebhook(stack.server, { to: '+15550109999' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    const twiml = await response.text();
    expect(twiml).toContain(`<Say>${escapeXml(UNKNOWN_NUMBER_MESSAGE)}</Say>`);
    expect(twiml).toMatch(/<\/Say><Hangup\/><\/Response>$/);
    expect(twiml).not.toContain('<Stream');
    expect(twiml).not.toContain('<Connect');

    // The simulated caller sees the same refusal.
    const report = await stack.call([{ say: 'Hello?' }], { to: '+15550109998' });
    expect(report.outcome).toBe('rejected');
    expect(report.rejectedWith).toBe(UNKNOWN_NUMBER_MESSAGE);

    expect(activity()).toEqual(before);
  }, 60_000);

  it('refuses forged and unsigned voice webhooks with 403 and starts nothing', async () => {
    const before = activity();
    const forged = await postVoiceWebhook(stack.server, { signing: 'wrong-token' });
    expect(forged.status).toBe(403);
    const unsigned = await postVoiceWebhook(stack.server, { signing: 'unsigned' });
    expect(unsigned.status).toBe(403);
    // A valid signature over other parameters (a tampered To) is forged too.
    const params = voiceWebhookParams({
      accountSid: DEMO_ACCOUNT_SID,
      callSid: fakeSid('CA'),
      from: TEST_CALLER_NUMBER,
      to: '+15550109999',
    });
    const tampered = await postSignedTwilioWebhook({
      url: `${stack.server.url}/twilio/voice`,
      signedUrl: `${stack.server.publicUrl}/twilio/voice`,
      authToken: DEMO_AUTH_TOKEN,
      params,
      rawBody: new URLSearchParams({ ...params, To: '+15550100000' }).toString(),
    });
    expect(tampered.status).toBe(403);
    for (const response of [forged, unsigned, tampered]) {
      const body = await response.text();
      expect(body).not.toContain('<Response>');
    }
    expect(activity()).toEqual(before);
  }, 60_000);

  it('refuses media stream upgrades that are unsigned, forged or for an unknown account with 403', async () => {
    const before = activity();
    const streamUrl = localStreamUrl(stack.server, publicStreamUrl(stack.server));
    const attempts = [
      { accountSid: DEMO_ACCOUNT_SID },
      {
        accountSid: DEMO_ACCOUNT_SID,
        authToken: 'not-the-auth-token',
        signedUrl: publicStreamUrl(stack.server),
      },
      // Signed with the right token over the local URL instead of the public one.
      { accountSid: DEMO_ACCOUNT_SID, authToken: DEMO_AUTH_TOKEN },
    ];
    for (const attempt of attempts) {
      const refusal = await connectFakeTwilioCaller({ streamUrl, ...attempt }).then(
        (caller) => {
          caller.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(UpgradeRefusedError);
      expect((refusal as UpgradeRefusedError).status).toBe(403);
    }
    const otherAccount = `AC${'1'.repeat(32)}`;
    const otherUrl = publicStreamUrl(stack.server).replace(DEMO_ACCOUNT_SID, otherAccount);
    const unknown = await connectFakeTwilioCaller({
      streamUrl: localStreamUrl(stack.server, otherUrl),
      signedUrl: otherUrl,
      authToken: DEMO_AUTH_TOKEN,
      accountSid: otherAccount,
    }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(UpgradeRefusedError);
    expect((unknown as UpgradeRefusedError).status).toBe(403);

    expect(activity()).toEqual(before);
    // The server is still up.
    const healthy = await fetch(`${stack.server.url}/healthz`);
    expect(healthy.status).toBe(200);
  }, 60_000);

  describe('with MAX_CONCURRENT_CALLS=1', () => {
    let limited: TestStack;
    beforeAll(async () => {
      limited = await startTestStack({
        provisioning: TEST_AGENTS,
        env: { MAX_CONCURRENT_CALLS: '1' },
      });
    });
    afterAll(async () => {
      await limited?.close();
    });

    const startedOrClosed = (caller: FakeTwilioCaller): Promise<boolean> =>
      Promise.race([
        limited
          .waitForEvent(
            (event) => event.type === 'call-started' && event.carrierCallId === caller.callSid,
            15_000,
          )
          .then(() => true),
        caller.closed.then(() => false),
      ]);

    it('answers a call beyond the limit with a busy <Say> and <Hangup/>, and takes calls again once one ended', async () => {
      const first = await openRawCall(limited.server);
      first.start();
      expect(await startedOrClosed(first)).toBe(true);

      const busy = await postVoiceWebhook(limited.server);
      expect(busy.status).toBe(200);
      const busyTwiml = await busy.text();
      expect(busyTwiml).toContain(`<Say>${escapeXml(BUSY_MESSAGE)}</Say><Hangup/>`);
      expect(busyTwiml).not.toContain('<Stream');

      first.sendStop();
      expect((await limited.callEnded(first.callSid)).reason).toBe('caller-hangup');
      const againSid = fakeSid('CA');
      const again = await postVoiceWebhook(limited.server, { callSid: againSid });
      expect(await again.text()).toContain('<Stream');
      // That call was accepted but never streamed; its terminal status frees the slot it held.
      const status = await postStatusCallback(limited.server, {
        CallSid: againSid,
        CallStatus: 'canceled',
      });
      expect(status.status).toBe(204);
    }, 60_000);

    // A burst: both voice webhooks arrive before either media stream has started. The accepted
    // call holds its slot from the webhook on, so the second one hears the busy message.
    it('serves at most one call when two arrive before either stream has started', async () => {
      const callSids = [fakeSid('CA'), fakeSid('CA')];
      const answers: string[] = [];
      for (const callSid of callSids)
        answers.push(await (await postVoiceWebhook(limited.server, { callSid })).text());
      const callers: FakeTwilioCaller[] = [];
      for (const [index, callSid] of callSids.entries()) {
        const answer = answers[index] ?? '';
        if (!answer.includes('<Stream')) continue;
        const caller = await connectRawStream(limited.server, callSid, answer);
        caller.start();
        callers.push(caller);
      }
      try {
        const served = await Promise.all(callers.map(startedOrClosed));
        expect(served.filter(Boolean)).toHaveLength(1);
      } finally {
        for (const caller of callers) caller.sendStop();
        await Promise.all(callers.map((caller) => caller.closed));
      }
    }, 60_000);
  });
});
