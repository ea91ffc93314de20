import { describe, expect, it } from 'vitest';
import { demoPolicy } from './demo-policy.js';
import type { ChatRequestBody, ChatRequestMessage, ChatRequestTool } from './fake-openai-types.js';

const endCall: ChatRequestTool = {
  type: 'function',
  function: {
    name: 'end_call',
    parameters: {
      type: 'object',
      properties: { reason: { type: 'string' } },
      required: ['reason'],
    },
  },
};
const transferCall: ChatRequestTool = {
  type: 'function',
  function: {
    name: 'transfer_call',
    parameters: {
      type: 'object',
      properties: { department: { type: 'string', enum: ['sales', 'support'] } },
      required: ['department'],
    },
  },
};

function ask(
  content: string,
  tools?: ChatRequestTool[],
  history: ChatRequestMessage[] = [],
): ReturnType<typeof demoPolicy> {
  const body: ChatRequestBody = {
    model: 'fake-gpt',
    messages: [
      { role: 'system', content: 'You are helpful.' },
      ...history,
      { role: 'user', content },
    ],
    tools,
  };
  return demoPolicy(body);
}

describe('demoPolicy', () => {
  it('ends the call on goodbye with end_call only when offered', () => {
    const withTool = ask("Great, that's all. Bye!", [endCall]);
    expect(withTool.toolCalls).toEqual([
      { name: 'end_call', arguments: { reason: 'caller said goodbye' } },
    ]);
    expect(withTool.text).toMatch(/goodbye/i);
    expect(ask('Goodbye').toolCalls).toBeUndefined();
  });

  it('transfers on request for a person, filling required arguments from the schema', () => {
    const reply = ask('Can I talk to a real person?', [endCall, transferCall]);
    expect(reply.toolCalls).toEqual([
      { name: 'transfer_call', arguments: { department: 'sales' } },
    ]);
    expect(ask('I want an agent').toolCalls).toBeUndefined();
  });

  it('helps with bookings in a few sentences, acknowledges key presses, and echoes anything else', () => {
    const booking = ask('I need to book a service appointment');
    expect(booking.text?.split(/[.?!]\s/).length).toBeGreaterThanOrEqual(2);
    expect(ask('[DTMF 5]').text).toBe('You pressed 5.');
    expect(ask('What colour is the sky?').text).toBe(
      'I heard you say: "What colour is the sky?". How can I help you with that today?',
    );
  });

  it('confirms tool results, quoting their message', () => {
    const reply = demoPolicy({
      model: 'fake-gpt',
      messages: [
        { role: 'user', content: 'Book me in' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'book', arguments: '{}' } },
          ],
        },
        {
          role: 'tool',
          tool_call_id: 'call_1',
          content: '{"message":"Booked for Friday at 3 pm."}',
        },
      ],
    });
    expect(reply.text).toBe(
      'All set: Booked for Friday at 3 pm. Is there anything else I can help with?',
    );
  });
});
