import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPolicy } from '../src/testing/fake-openai/index.js';
import {
  agentLines,
  isAgentLine,
  eventsOfType,
  lastMessageText,
  replyToCaller,
} from './support/event-helpers.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

/** DTMF, transfer and hang-up, each through the real webhook, media stream and carrier REST API. */
describe('call flow over Twilio Media Streams', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      provisioning: TEST_AGENTS,
      script: ['A person, please.'],
      llmFirstTokenMs: 100,
      ttsFirstByteMs: 100,
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('sends pressed keys to the model as "[DTMF 5#]" and speaks its answer', async () => {
    stack.demo.openai.setPolicy(demoPolicy);
    const chatBefore = stack.chatRequests().length;
    const report = await stack.call([{ dtmf: '5#' }], { endWaitMs: 5000 });
    const ended = await stack.callEnded(report.callSid);

    expect(report.outcome).toBe('completed');
    const events = stack.eventsOf(report.callSid);
    expect(eventsOfType(events, 'dtmf').map((event) => event.pii.digit)).toEqual(['5', '#']);
    // '#' ends the entry at once: one request, whose last message is the keys as the caller's turn.
    const requests = stack.chatRequests().slice(chatBefore);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.messages.at(-1)?.role).toBe('user');
    expect(lastMessageText(requests[0])).toBe('[DTMF 5#]');
    expect(agentLines(events).map((event) => event.pii.text)).toContain('You pressed 5#.');
    // The caller hung up after the script (no end_call in this flow).
    expect(ended.reason).toBe('caller-hangup');
  }, 90_000);

  it('transfers through the REST API with <Dial> to the configured number after the words played', async () => {
    stack.demo.openai.setPolicy(
      replyToCaller({
        text: 'Connecting you now.',
        toolCalls: [{ name: 'transfer_call', arguments: { destination: 'service-advisor' } }],
      }),
    );
    const atAnnouncement: number[] = [];
    const unsubscribe = stack.server.runtime.onCallEvent((event) => {
      if (isAgentLine(event, 'Connecting you now.'))
        atAnnouncement.push(stack.demo.twilio.requests.length);
    });
    const restBefore = stack.demo.twilio.requests.length;
    const report = await stack.call([{ say: 'A person, please.' }], { endWaitMs: 20_000 });
    const ended = await stack.callEnded(report.callSid);
    unsubscribe();

    expect(ended.reason).toBe('transferred');
    expect(ended.transferTo).toBe('+15550100001');
    const requests = restRequestsFor(report.callSid);
    expect(requests).toHaveLength(1);
    const [update] = requests;
    expect(update).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${stack.demo.env.TWILIO_ACCOUNT_SID}/Calls/${report.callSid}.json`,
      authorized: true,
      status: 200,
    });
    expect(update?.params.Twiml).toMatch(/<Dial>\s*<Number>\+15550100001<\/Number>\s*<\/Dial>/);
    expect(update?.params.Status).toBeUndefined();
    expect(stack.demo.twilio.calls.get(report.callSid)?.twiml).toContain('<Dial>');

    const events = stack.eventsOf(report.callSid);
    expect(eventsOfType(events, 'tool-call').map((event) => event.name)).toEqual(['transfer_call']);
    const results = eventsOfType(events, 'tool-result');
    expect(results.map((event) => [event.name, event.error])).toEqual([
      ['transfer_call', undefined],
    ]);
    // The caller heard the whole announcement, and only then was the call handed over.
    const announcement = agentLines(events).find(
      (event) => event.pii.text === 'Connecting you now.',
    );
    expect(announcement?.interrupted).toBe(false);
    expect(atAnnouncement).toEqual([restBefore]);
    expect(events.at(-1)?.type).toBe('call-ended');
    // Our side closes the media stream once the carrier has the call back.
    expect(report.endedBy).toBe('server');
  }, 90_000);

  it('hangs up with end_call through the REST API (Status=completed) once the goodbye played', async () => {
    stack.demo.openai.setPolicy(
      replyToCaller({
        text: 'Goodbye!',
        toolCalls: [{ name: 'end_call', arguments: { reason: 'done' } }],
      }),
    );
    const atGoodbye: number[] = [];
    const unsubscribe = stack.server.runtime.onCallEvent((event) => {
      if (isAgentLine(event, 'Goodbye!')) atGoodbye.push(stack.demo.twilio.requests.length);
    });
    const restBefore = stack.demo.twilio.requests.length;
    const report = await stack.call([{ say: "That's all, bye." }], { endWaitMs: 20_000 });
    const ended = await stack.callEnded(report.callSid);
    unsubscribe();

    expect(report.outcome).toBe('completed');
    expect(report.endedBy).toBe('server');
    expect(report.turns[0]?.firstAgentAudioAt).toBeDefined();
    expect(ended.reason).toBe('agent-hangup');
    const requests = restRequestsFor(report.callSid);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', authorized: true, status: 200 });
    expect(requests[0]?.params).toEqual({ Status: 'completed' });
    expect(stack.demo.twilio.calls.get(report.callSid)?.status).toBe('completed');
    // No hang-up request had gone out when the goodbye finished playing.
    expect(atGoodbye).toEqual([restBefore]);
    const events = stack.eventsOf(report.callSid);
    const goodbye = agentLines(events).find((event) => event.pii.text === 'Goodbye!');
    expect(goodbye?.interrupted).toBe(false);
    expect(eventsOfType(events, 'tool-result').map((event) => [event.name, event.error])).toEqual([
      ['end_call', undefined],
    ]);
  }, 90_000);

  function restRequestsFor(callSid: string): typeof stack.demo.twilio.requests {
    return stack.demo.twilio.requests.filter((request) => request.callSid === callSid);
  }
});
