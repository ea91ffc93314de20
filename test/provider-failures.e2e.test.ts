import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakePolicy } from '../src/testing/fake-openai/index.js';
import type { CallerStep } from '../src/testing/simulated-caller/caller-script.js';
import {
  agentLines,
  eventsOfType,
  isAgentLine,
  lastMessageText,
  replyToCaller,
} from './support/event-helpers.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

/** What the fake speech-to-text hears, per connection: a new connection starts again at the top. */
const HEARD = ['My car is broken.', 'That is all, goodbye.'];
const CALLER: readonly CallerStep[] = [
  { say: 'My car is broken.' },
  { say: "That's all, goodbye." },
];
const APOLOGY = "I'm sorry, I'm having trouble right now. Could you say that again?";

/** Echoes the caller briefly; hangs up on a goodbye. */
const echoPolicy: FakePolicy = (request) => {
  const last = request.messages.at(-1);
  if (last?.role === 'tool') return { text: 'Okay.' };
  const heard = lastMessageText(request);
  if (/goodbye/i.test(heard))
    return { text: 'Bye!', toolCalls: [{ name: 'end_call', arguments: {} }] };
  return { text: `Got it: ${heard}` };
};

/** A provider failing mid-call costs a moment, not the call. */
describe('provider failures during a call', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      provisioning: TEST_AGENTS,
      script: HEARD,
      llmFirstTokenMs: 100,
      ttsFirstByteMs: 100,
    });
    stack.demo.openai.setPolicy(echoPolicy);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('reconnects speech-to-text when Deepgram drops the line and answers the next caller line', async () => {
    const connectionsBefore = stack.demo.deepgram.connections;
    let droppedAtSeq: number | undefined;
    // Drop every Deepgram socket the moment the greeting has played, before the caller speaks.
    const unsubscribe = stack.server.runtime.onCallEvent((event) => {
      if (droppedAtSeq === undefined && isAgentLine(event, 'Hi!')) {
        droppedAtSeq = event.seq;
        stack.demo.deepgram.dropAll();
      }
    });
    const report = await stack.call(CALLER, { endWaitMs: 20_000 });
    const ended = await stack.callEnded(report.callSid);
    unsubscribe();

    expect(droppedAtSeq).toBeDefined();
    const events = stack.eventsOf(report.callSid);
    const sttErrors = eventsOfType(events, 'provider-error').filter(
      (event) => event.kind === 'stt',
    );
    expect(sttErrors.length).toBeGreaterThanOrEqual(1);
    expect(sttErrors[0]).toMatchObject({ provider: 'deepgram', retryable: true });
    expect(stack.demo.deepgram.connections - connectionsBefore).toBeGreaterThanOrEqual(2);
    // The line after the drop was heard and answered.
    const reply = agentLines(events).find(
      (event) => event.pii.text === 'Got it: My car is broken.',
    );
    expect(reply).toBeDefined();
    expect(reply?.seq).toBeGreaterThan(sttErrors[0]?.seq ?? Infinity);
    expect(eventsOfType(events, 'turn-metrics').length).toBeGreaterThanOrEqual(1);
    expect(ended.reason).toBe('agent-hangup');
    expect(report.endedBy).toBe('server');
  }, 120_000);

  it('apologises when a chat request and its retry fail with 500, and retries a single failure', async () => {
    const chatBefore = stack.chatRequests().length;
    // Turn 1: the request and its one retry fail. Turn 2: the request fails, the retry works.
    stack.demo.openai.failNext(500, 3, { path: '/chat/completions' });
    const report = await stack.call(CALLER, { endWaitMs: 20_000 });
    const ended = await stack.callEnded(report.callSid);

    const events = stack.eventsOf(report.callSid);
    const llmErrors = eventsOfType(events, 'provider-error').filter(
      (event) => event.kind === 'llm',
    );
    expect(llmErrors).toHaveLength(3);
    expect(llmErrors.every((event) => event.provider === 'openai' && event.retryable)).toBe(true);
    // Each turn was asked twice, never more.
    const requests = stack.chatRequests().slice(chatBefore);
    expect(requests.map(lastMessageText)).toEqual([
      'My car is broken.',
      'My car is broken.',
      'That is all, goodbye.',
      'That is all, goodbye.',
    ]);
    // The apology stands in for the lost answer, and the model sees it in the history.
    expect(agentLines(events).map((event) => event.pii.text)).toEqual(['Hi!', APOLOGY, 'Bye!']);
    expect(JSON.stringify(requests[3]?.messages)).toContain(APOLOGY);
    expect(eventsOfType(events, 'tool-result').map((event) => event.name)).toEqual(['end_call']);
    expect(ended.reason).toBe('agent-hangup');
  }, 120_000);

  it('closes the stream when the carrier refuses the end_call hang-up, and reports the carrier error', async () => {
    stack.demo.openai.setPolicy(
      replyToCaller({ text: 'Goodbye!', toolCalls: [{ name: 'end_call', arguments: {} }] }),
    );
    stack.demo.twilio.failNext({ status: 500, code: 20500, message: 'Internal Server Error' });
    try {
      const report = await stack.call([{ say: "That's all, goodbye." }], { endWaitMs: 20_000 });
      const ended = await stack.callEnded(report.callSid);

      const events = stack.eventsOf(report.callSid);
      const carrierErrors = eventsOfType(events, 'provider-error').filter(
        (event) => event.kind === 'carrier',
      );
      expect(carrierErrors).toHaveLength(1);
      expect(carrierErrors[0]).toMatchObject({ provider: 'twilio', retryable: false });
      expect(carrierErrors[0]?.message).toContain('HTTP 500');
      expect(
        stack.demo.twilio.requests.filter((request) => request.callSid === report.callSid),
      ).toMatchObject([{ status: 500, params: { Status: 'completed' } }]);
      // With nothing after </Connect>, closing the stream ends the call at the carrier.
      expect(report.endedBy).toBe('server');
      expect(ended.reason).toBe('agent-hangup');
    } finally {
      stack.demo.openai.setPolicy(echoPolicy);
    }
  }, 120_000);

  // Documented in docs/carriers.md: a refused transfer disconnects the caller, and the call still
  // ends with reason `transferred`, right after a `provider-error` of kind `carrier`.
  it('keeps the caller on the line and tells them when the carrier refuses a transfer', async () => {
    stack.demo.openai.setPolicy(
      replyToCaller({
        text: 'Connecting you now.',
        toolCalls: [{ name: 'transfer_call', arguments: { destination: 'service-advisor' } }],
      }),
    );
    stack.demo.twilio.failNext({
      status: 400,
      code: 21220,
      message: 'Call is not in-progress. Cannot redirect.',
    });
    try {
      const report = await stack.call([{ say: 'A person, please.' }, { hangup: true }], {
        endWaitMs: 20_000,
      });
      const ended = await stack.callEnded(report.callSid);

      const events = stack.eventsOf(report.callSid);
      expect(
        stack.demo.twilio.requests.filter((request) => request.callSid === report.callSid),
      ).toMatchObject([{ status: 400 }]);
      const carrierError = eventsOfType(events, 'provider-error').find(
        (event) => event.kind === 'carrier',
      );
      expect(carrierError).toMatchObject({ retryable: false });
      expect(carrierError?.message).toContain('21220');
      const result = eventsOfType(events, 'tool-result').find(
        (event) => event.name === 'transfer_call',
      );
      expect(result?.error).toContain('21220');
      expect(
        agentLines(events).some((line) => line.pii.text.includes("couldn't put you through")),
      ).toBe(true);
      expect(ended.reason).toBe('caller-hangup');
      expect(ended.transferTo).toBeUndefined();
      expect(events.at(-1)).toBe(ended);
    } finally {
      stack.demo.openai.setPolicy(echoPolicy);
    }
  }, 120_000);

  // Last in the file: it leaves the fake Deepgram refusing connections until all are used up.
  it('ends the call with an apology and reason error when speech-to-text stays down', async () => {
    let dropped = false;
    const unsubscribe = stack.server.runtime.onCallEvent((event) => {
      if (!dropped && isAgentLine(event, 'Hi!')) {
        dropped = true;
        // The engine tries five reconnects before it gives up; refuse them all.
        stack.demo.deepgram.failNext(5);
        stack.demo.deepgram.dropAll();
      }
    });
    const report = await stack.call([], { endWaitMs: 60_000 });
    const ended = await stack.callEnded(report.callSid);
    unsubscribe();

    expect(dropped).toBe(true);
    const events = stack.eventsOf(report.callSid);
    expect(
      eventsOfType(events, 'provider-error').filter((event) => event.kind === 'stt').length,
    ).toBeGreaterThanOrEqual(6);
    const last = agentLines(events).at(-1);
    expect(last?.pii.text).toMatch(/trouble hearing you/);
    expect(last?.interrupted).toBe(false);
    expect(ended.reason).toBe('error');
    expect(
      stack.demo.twilio.requests.filter((request) => request.callSid === report.callSid),
    ).toMatchObject([{ status: 200, params: { Status: 'completed' } }]);
    expect(report.endedBy).toBe('server');
  }, 120_000);
});
