import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/logger.js';
import type { LlmStreamPart } from '../spec/llm-model-v1.js';
import { ChatStreamReader } from './openai-chat-stream-reader.js';

function run(events: { event?: string; data: string }[], endOfBody = false): LlmStreamPart[] {
  const reader = new ChatStreamReader('openai', silentLogger);
  const parts: LlmStreamPart[] = [];
  for (const event of events) {
    const result = reader.accept({ event: event.event, data: event.data });
    parts.push(...result.parts);
    if (result.done) return parts;
  }
  if (endOfBody) parts.push(...reader.endOfBody());
  return parts;
}

const chunk = (
  choice: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): { data: string } => ({
  data: JSON.stringify({ choices: [{ index: 0, ...choice }], ...extra }),
});

describe('ChatStreamReader', () => {
  it('emits usage once (the last value) just before finish, even when repeated on every chunk', () => {
    const usage = (completion: number): Record<string, unknown> => ({
      usage: { prompt_tokens: 10, completion_tokens: completion },
    });
    const parts = run([
      chunk({ delta: { content: 'Hi' }, finish_reason: null }, usage(1)),
      chunk({ delta: {}, finish_reason: 'length' }, usage(2)),
      { data: '[DONE]' },
    ]);
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Hi' },
      { type: 'usage', inputTokens: 10, outputTokens: 2 },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('accepts a body that ends after the finish reason without [DONE]', () => {
    const parts = run([chunk({ delta: { content: 'ok' }, finish_reason: 'stop' })], true);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('splits data lines that arrived without blank lines between them', () => {
    const first = chunk({ delta: { content: 'a' }, finish_reason: null }).data;
    const second = chunk({ delta: { content: 'b' }, finish_reason: 'stop' }).data;
    const parts = run([{ data: `${first}\n${second}\n[DONE]` }]);
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'text-delta', 'finish']);
  });

  it('turns `event: error` into an error part whatever its data', () => {
    for (const data of ['{"message":"overloaded"}', 'overloaded']) {
      const parts = run([{ event: 'error', data }]);
      expect(parts).toHaveLength(1);
      expect(parts[0]?.type === 'error' && parts[0].error.message).toContain('overloaded');
    }
  });

  it('never executes half-streamed tool calls when the body is cut off', () => {
    const parts = run(
      [
        chunk({
          delta: {
            tool_calls: [{ index: 0, id: 'c', function: { name: 'x', arguments: '{"a"' } }],
          },
          finish_reason: null,
        }),
      ],
      true,
    );
    expect(parts.map((part) => part.type)).toEqual(['error']);
  });
});
