import { describe, expect, it } from 'vitest';
import { SseDecoder } from './openai-sse-decoder.js';

function decodeInPieces(
  text: string,
  pieceLength: number,
): { event: string | undefined; data: string }[] {
  const decoder = new SseDecoder();
  const events = [];
  for (let start = 0; start < text.length; start += pieceLength) {
    events.push(...decoder.push(text.slice(start, start + pieceLength)));
  }
  events.push(...decoder.end());
  return events;
}

describe('SseDecoder', () => {
  const wire =
    ': keep-alive\r\n\r\n' +
    'data: {"a":1}\r\n\r\n' +
    'event: error\r\ndata: {"error":{"message":"boom"}}\r\n\r\n' +
    'data:{"b":2}\n\n' +
    'data: line one\ndata: line two\n\n' +
    'id: 7\rretry: 10\rdata: [DONE]\r\r';

  const expected = [
    { event: undefined, data: '{"a":1}' },
    { event: 'error', data: '{"error":{"message":"boom"}}' },
    { event: undefined, data: '{"b":2}' },
    { event: undefined, data: 'line one\nline two' },
    { event: undefined, data: '[DONE]' },
  ];

  it('decodes comments, event names, CRLF, CR and multi-line data', () => {
    expect(decodeInPieces(wire, wire.length)).toEqual(expected);
  });

  it('gives the same events whatever the piece boundaries, including CR|LF splits', () => {
    for (const pieceLength of [1, 2, 3, 5, 7, 13]) {
      expect(decodeInPieces(wire, pieceLength)).toEqual(expected);
    }
  });

  it('flushes a last event that has no blank line after it', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: {"c":3}')).toEqual([]);
    expect(decoder.end()).toEqual([{ event: undefined, data: '{"c":3}' }]);
  });
});
