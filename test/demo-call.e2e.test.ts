import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../src/engine/call-events.js';
import { DEMO_SCRIPT } from '../src/testing/simulated-caller/caller-script.js';
import { startTestStack, type TestStack } from './support/test-stack.js';

describe('the demo call over Twilio Media Streams', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('greets, answers two turns, survives a barge-in and hangs up with end_call', async () => {
    const report = await stack.call(DEMO_SCRIPT);
    expect(report.outcome).toBe('completed');
    expect(report.endedBy).toBe('server');
    expect(report.clears).toBeGreaterThanOrEqual(1);
    expect(report.turns.every((turn) => turn.latencyMs !== undefined)).toBe(true);

    const events = stack.eventsOf(report.callSid);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('call-started');
    expect(types[types.length - 1]).toBe('call-ended');
    const ended = events[events.length - 1] as Extract<CallEvent, { type: 'call-ended' }>;
    expect(ended.reason).toBe('agent-hangup');
    expect(events.filter((event) => event.type === 'turn-metrics')).toHaveLength(3);
    const interruption = events.find((event) => event.type === 'interruption');
    expect(interruption).toMatchObject({ falseInterruption: false });

    // The model's next request shows only what the caller heard of the interrupted reply.
    const chatRequests = stack.demo.openai.requests.filter((request) =>
      request.path.endsWith('/chat/completions'),
    );
    expect(chatRequests.length).toBeGreaterThanOrEqual(3);
    const interrupted = events.find(
      (event): event is Extract<CallEvent, { type: 'transcript' }> =>
        event.type === 'transcript' && event.speaker === 'agent' && event.interrupted,
    );
    expect(interrupted).toBeDefined();
    const second = JSON.stringify(chatRequests[1]?.body);
    expect(second).toContain(interrupted?.pii.text ?? '<missing>');
  }, 120_000);
});
