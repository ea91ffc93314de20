import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSid } from '../src/testing/fake-twilio/index.js';
import { postStatusCallback } from './support/carrier.js';
import { startTestStack, TEST_AGENTS, type TestStack } from './support/test-stack.js';

/**
 * Twilio's status callbacks are separate HTTP requests: they arrive late, twice and out of order.
 * Whatever the order, the call settles on the status its lifecycle ended in.
 */
describe('call status callbacks over HTTP', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ provisioning: TEST_AGENTS });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const statusOf = (callSid: string): string | undefined =>
    stack.server.callStatuses.get(callSid)?.status;

  it('settles on completed when completed arrives first and in-progress twice after it', async () => {
    const callSid = fakeSid('CA');
    const deliveries: Record<string, string>[] = [
      { CallSid: callSid, CallStatus: 'completed', SequenceNumber: '3', CallDuration: '42' },
      { CallSid: callSid, CallStatus: 'ringing', SequenceNumber: '1' },
      { CallSid: callSid, CallStatus: 'in-progress', SequenceNumber: '2' },
      { CallSid: callSid, CallStatus: 'in-progress', SequenceNumber: '2' },
      { CallSid: callSid, CallStatus: 'initiated', SequenceNumber: '0' },
      { CallSid: callSid, CallStatus: 'completed', SequenceNumber: '3', CallDuration: '42' },
    ];
    for (const params of deliveries) {
      const response = await postStatusCallback(stack.server, params);
      expect(response.status).toBe(204);
      expect(statusOf(callSid)).toBe('completed');
    }
    expect(stack.server.callStatuses.get(callSid)).toMatchObject({
      status: 'completed',
      duration: 42,
      sequenceNumber: 3,
    });
  }, 60_000);

  it('settles on completed when the callbacks race each other, without sequence numbers', async () => {
    const callSid = fakeSid('CA');
    const statuses = [
      'in-progress',
      'completed',
      'ringing',
      'in-progress',
      'completed',
      'queued',
      'ringing',
    ];
    const responses = await Promise.all(
      statuses.map((status) =>
        postStatusCallback(stack.server, { CallSid: callSid, CallStatus: status }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(statuses.map(() => 204));
    expect(statusOf(callSid)).toBe('completed');
  }, 60_000);

  it('keeps the status of a real call completed whatever order its callbacks come in', async () => {
    const report = await stack.call([{ hangup: true }], { endWaitMs: 2000 });
    await stack.callEnded(report.callSid);
    const callbacks = ['completed', 'in-progress', 'ringing', 'completed', 'in-progress'];
    for (const [index, status] of callbacks.entries()) {
      const response = await postStatusCallback(stack.server, {
        CallSid: report.callSid,
        CallStatus: status,
        Timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toUTCString(),
      });
      expect(response.status).toBe(204);
    }
    expect(statusOf(report.callSid)).toBe('completed');
  }, 60_000);

  it('ignores forged and malformed callbacks', async () => {
    const callSid = fakeSid('CA');
    await postStatusCallback(stack.server, {
      CallSid: callSid,
      CallStatus: 'ringing',
      SequenceNumber: '0',
    });
    const forged = await postStatusCallback(
      stack.server,
      { CallSid: callSid, CallStatus: 'completed', SequenceNumber: '1' },
      'wrong-token',
    );
    expect(forged.status).toBe(403);
    const unsigned = await postStatusCallback(
      stack.server,
      { CallSid: callSid, CallStatus: 'failed', SequenceNumber: '1' },
      'unsigned',
    );
    expect(unsigned.status).toBe(403);
    const otherAccount = await postStatusCallback(stack.server, {
      AccountSid: `AC${'2'.repeat(32)}`,
      CallSid: callSid,
      CallStatus: 'completed',
      SequenceNumber: '1',
    });
    expect(otherAccount.status).toBe(403);
    const unknownStatus = await postStatusCallback(stack.server, {
      CallSid: callSid,
      CallStatus: 'exploded',
    });
    expect(unknownStatus.status).toBe(400);
    expect(statusOf(callSid)).toBe('ringing');
  }, 60_000);
});
