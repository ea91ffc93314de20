import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from './openai-tool-call-accumulator.js';

describe('ToolCallAccumulator', () => {
  it('joins argument fragments of parallel calls by index', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.accept({
      index: 0,
      id: 'call_a',
      type: 'function',
      function: { name: 'lookup', arguments: '' },
    });
    accumulator.accept({
      index: 1,
      id: 'call_b',
      type: 'function',
      function: { name: 'book', arguments: '' },
    });
    accumulator.accept({ index: 0, function: { arguments: '{"q":' } });
    accumulator.accept({ index: 1, function: { arguments: '{"day":"mon"}' } });
    accumulator.accept({ index: 0, function: { arguments: '"x"}' } });
    expect(accumulator.drain()).toEqual({
      calls: [
        { id: 'call_a', name: 'lookup', arguments: '{"q":"x"}' },
        { id: 'call_b', name: 'book', arguments: '{"day":"mon"}' },
      ],
      nameless: 0,
    });
    expect(accumulator.size).toBe(0);
  });

  it('starts a new call when index 0 is reused with a new id', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.accept({ index: 0, id: 'call_1', function: { name: 'a', arguments: '{}' } });
    accumulator.accept({ index: 0, id: 'call_2', function: { name: 'b', arguments: '{"x":' } });
    accumulator.accept({ index: 0, function: { arguments: '1}' } });
    expect(accumulator.drain().calls).toEqual([
      { id: 'call_1', name: 'a', arguments: '{}' },
      { id: 'call_2', name: 'b', arguments: '{"x":1}' },
    ]);
  });

  it('accepts object arguments, missing indices and missing ids, and skips garbage', () => {
    const accumulator = new ToolCallAccumulator();
    accumulator.accept('garbage');
    accumulator.accept({ function: { name: 'end_call', arguments: { reason: 'bye' } } });
    accumulator.accept({ index: 3, function: { arguments: '' } });
    const { calls, nameless } = accumulator.drain();
    expect(nameless).toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.name).toBe('end_call');
    expect(calls[0]?.arguments).toBe('{"reason":"bye"}');
    expect(calls[0]?.id).toMatch(/^call_/);
  });
});
