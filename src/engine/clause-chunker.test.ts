import { describe, expect, it } from 'vitest';
import { ClauseChunker } from './clause-chunker.js';

function feed(chunker: ClauseChunker, text: string): string[] {
  const pieces: string[] = [];
  // Token-sized deltas, as an LLM streams them.
  for (const token of text.match(/.{1,3}/gs) ?? []) pieces.push(...chunker.push(token));
  pieces.push(...chunker.flush());
  return pieces;
}

describe('ClauseChunker', () => {
  it('cuts whole sentences', () => {
    expect(feed(new ClauseChunker(), 'Sure thing. We open at nine. See you then!')).toEqual([
      'Sure thing.',
      'We open at nine.',
      'See you then!',
    ]);
  });

  it('cuts the first piece early at a clause break so speech can start', () => {
    const pieces = feed(new ClauseChunker(), 'Of course, I can book that for you right away.');
    expect(pieces[0]).toBe('Of course,');
  });

  it('does not cut decimals, times written with dots, or abbreviations', () => {
    const pieces = feed(new ClauseChunker(), 'It costs 49.99 dollars. Dr. Smith will see you.');
    expect(pieces).toEqual(['It costs 49.99 dollars.', 'Dr. Smith will see you.']);
  });

  it('cuts a run-on without punctuation at a word boundary', () => {
    const words = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    const pieces = feed(new ClauseChunker(), words);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join(' ')).toBe(words);
    expect(pieces.every((piece) => piece.length <= 160)).toBe(true);
  });

  it('returns nothing for blank text', () => {
    expect(feed(new ClauseChunker(), '   ')).toEqual([]);
  });
});
