import { describe, expect, it } from 'vitest';
import { Pcm16Buffer, peakAmplitude } from './pcm16-buffer.js';

describe('Pcm16Buffer', () => {
  it('keeps a trailing odd byte for the next take', () => {
    const buffer = new Pcm16Buffer(100);
    buffer.append(new Uint8Array([1, 2, 3]));
    expect([...buffer.take()]).toEqual([1, 2]);
    buffer.append(new Uint8Array([4, 5]));
    expect([...buffer.take()]).toEqual([3, 4]);
    expect(buffer.byteLength).toBe(1);
  });

  it('drops the oldest whole samples when full', () => {
    const buffer = new Pcm16Buffer(6);
    buffer.append(new Uint8Array([1, 2, 3, 4]));
    buffer.append(new Uint8Array([5, 6, 7]));
    // 7 bytes > 6: one sample (2 bytes) is dropped to stay aligned.
    expect(buffer.byteLength).toBe(5);
    expect([...buffer.take()]).toEqual([3, 4, 5, 6]);
  });

  it('measures the peak of little-endian samples', () => {
    const samples = new Int16Array([3, -200, 17]);
    expect(peakAmplitude(new Uint8Array(samples.buffer))).toBe(200);
  });
});
