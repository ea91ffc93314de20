import { describe, expect, it } from 'vitest';
import { Pcm16Aligner } from './pcm16-aligner.js';

describe('Pcm16Aligner', () => {
  it('emits only whole samples and loses no bytes across odd chunk sizes', () => {
    const source = Uint8Array.from({ length: 101 }, (_, index) => index);
    for (const chunkSize of [1, 3, 7, 33]) {
      const aligner = new Pcm16Aligner();
      const collected: number[] = [];
      for (let start = 0; start < source.length; start += chunkSize) {
        const piece = aligner.push(source.subarray(start, start + chunkSize));
        expect(piece.byteLength % 2).toBe(0);
        collected.push(...piece);
      }
      expect(collected).toEqual([...source.subarray(0, 100)]);
      expect(aligner.hasRemainder).toBe(true);
    }
  });
});
