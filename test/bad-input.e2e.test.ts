import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPolicy } from '../src/testing/fake-openai/index.js';
import type { FakeTwilioCaller } from '../src/testing/fake-twilio/index.js';
import { openRawCall } from './support/carrier.js';
import { eventsOfType } from './support/event-helpers.js';
import { captureLogs, type LogCapture } from './support/log-capture.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

const SILENCE = new Uint8Array(160).fill(0xff);

/**
 * Nothing a carrier socket sends may take the process down or disturb other calls: garbage is
 * refused frame by frame, and a socket that vanishes still ends its call properly.
 */
describe('bad input on live media streams', () => {
  let stack: TestStack;
  let logs: LogCapture;
  beforeAll(async () => {
    logs = captureLogs({ level: 'warn' });
    stack = await startTestStack({
      provisioning: TEST_AGENTS,
      script: ['Thanks, goodbye.'],
      llmFirstTokenMs: 100,
      ttsFirstByteMs: 100,
      logger: logs.logger,
    });
    stack.demo.openai.setPolicy(demoPolicy);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses garbage, survives a dropped socket, and lets the other call finish normally', async () => {
    // Call B: a raw socket the test abuses. Call A: a well-behaved caller, in flight at the same time.
    const abused = await openRawCall(stack.server);
    abused.start();
    const abusedStarted = await startedEvent(abused);
    await abused.waitFor((message) => message.event === 'media', 15_000);

    const normal = stack.call([{ say: 'Thanks, goodbye.' }], { endWaitMs: 20_000 });
    const normalStarted = await stack.waitForEvent(
      (event) => event.type === 'call-started' && event.carrierCallId !== abused.callSid,
    );
    expect(stack.server.runtime.activeCalls).toBe(2);

    const streamSid = abused.streamSid;
    abused.sendRaw('{"event": "media", "media": {');
    abused.sendRaw('not json at all');
    abused.sendRaw('[1, 2, 3]');
    abused.sendRaw(JSON.stringify({ event: 'reboot', streamSid }));
    abused.sendRaw(
      JSON.stringify({ event: 'media', streamSid, media: { payload: '!!not*base64!!' } }),
    );
    abused.sendRaw(JSON.stringify({ event: 'media', streamSid, media: { payload: 42 } }));
    abused.sendRaw(
      JSON.stringify({ event: 'media', streamSid, media: { payload: 'A'.repeat(100_000) } }),
    );
    abused.sendRaw(Buffer.from(SILENCE));
    // Still alive and in order: a good frame after the garbage is used.
    abused.sendAudio(SILENCE);
    abused.sendDtmf('7');
    await stack.waitForEvent(
      (event) => event.type === 'dtmf' && event.callId === abusedStarted.callId,
      10_000,
    );

    // A third socket sends media before start: refused, then it starts and stops like a real call.
    const early = await openRawCall(stack.server);
    early.sendAudio(SILENCE);
    early.sendAudio(SILENCE);
    early.sendDtmf('1');
    early.start();
    const earlyStarted = await startedEvent(early);
    early.sendStop();
    const earlyEnded = await stack.callEnded(early.callSid);
    expect(earlyEnded.reason).toBe('caller-hangup');
    expect(
      eventsOfType(stack.events, 'dtmf').filter((event) => event.callId === earlyStarted.callId),
    ).toEqual([]);

    // A fourth socket sends one frame bigger than the WebSocket limit: that socket is closed.
    const oversized = await openRawCall(stack.server);
    oversized.start();
    await startedEvent(oversized);
    oversized.sendRaw(
      JSON.stringify({
        event: 'media',
        streamSid: oversized.streamSid,
        media: { payload: 'A'.repeat(1_000_000) },
      }),
    );
    const oversizedClose = await oversized.closed;
    expect(oversizedClose.code).toBe(1009);
    expect((await stack.callEnded(oversized.callSid)).reason).toBe('connection-lost');

    // The abused socket vanishes without `stop` or a close handshake, while the other call goes on.
    expect(
      stack.events.filter(
        (event) => event.callId === normalStarted.callId && event.type === 'call-ended',
      ),
    ).toEqual([]);
    abused.drop();
    const abusedEnded = await stack.callEnded(abused.callSid);
    expect(abusedEnded.reason).toBe('connection-lost');

    const report = await normal;
    expect(report.outcome).toBe('completed');
    expect(report.endedBy).toBe('server');
    expect(report.errors).toEqual([]);
    expect((await stack.callEnded(report.callSid)).reason).toBe('agent-hangup');
    const normalEvents = stack.eventsOf(report.callSid);
    expect(eventsOfType(normalEvents, 'turn-metrics')).toHaveLength(1);
    expect(eventsOfType(normalEvents, 'provider-error')).toEqual([]);

    // Each piece of garbage was refused as what it was, and named the call it came in on.
    const rejected = logs.withMessage('media stream frame rejected');
    const kindsFor = (callSid: string): unknown[] =>
      rejected.filter((line) => line.record.callSid === callSid).map((line) => line.record.kind);
    expect(kindsFor(abused.callSid)).toEqual([
      'invalid-json',
      'invalid-json',
      'not-an-object',
      'unknown-event',
      'invalid-base64',
      'invalid-message',
      'frame-too-large',
      'binary-frame',
    ]);
    expect(
      rejected.filter((line) => line.record.callSid === undefined).map((line) => line.record.kind),
    ).toEqual(['media-before-start', 'media-before-start', 'dtmf-before-start']);

    // The process is fine and every call is over.
    await expect(
      fetch(`${stack.server.url}/healthz`).then((response) => response.status),
    ).resolves.toBe(200);
    await waitUntil(() => stack.server.runtime.activeCalls === 0);
    const ended = eventsOfType(stack.events, 'call-ended');
    expect(ended).toHaveLength(eventsOfType(stack.events, 'call-started').length);
  }, 120_000);

  async function startedEvent(caller: FakeTwilioCaller) {
    return stack.waitForEvent(
      (event): event is Extract<typeof event, { type: 'call-started' }> =>
        event.type === 'call-started' && event.carrierCallId === caller.callSid,
      15_000,
    );
  }
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
