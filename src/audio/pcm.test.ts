import { describe, expect, it } from 'vitest';
import { bytesLEToInt16, concatInt16, dbfs, int16ToBytesLE, mixInto, rms, silence } from './pcm.js';

describe('pcm helpers', () => {
  it('converts samples to little-endian bytes and back', () => {
    const samples = Int16Array.of(0, 1, -1, 32767, -32768, 0x1234);
    const bytes = int16ToBytesLE(samples);
    expect([...bytes]).toEqual([0, 0, 1, 0, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x80, 0x34, 0x12]);
    expect(bytesLEToInt16(bytes)).toEqual(samples);
    // Works from an odd byte offset, and copies rather than aliasing.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const decoded = bytesLEToInt16(shifted.subarray(1));
    expect(decoded).toEqual(samples);
    shifted[1] = 9;
    expect(decoded[0]).toBe(0);
    expect(() => bytesLEToInt16(new Uint8Array(3))).toThrow(/3 bytes is not a whole number/);
  });

  it('measures level', () => {
    expect(rms(new Int16Array(0))).toBe(0);
    expect(rms(Int16Array.of(3, -3, 3, -3))).toBe(3);
    expect(dbfs(new Int16Array(10))).toBe(-Infinity);
    expect(dbfs(Int16Array.of(16384, -16384))).toBeCloseTo(-6.0206, 3);
  });

  it('joins, mixes with saturation, and makes silence', () => {
    expect(concatInt16([Int16Array.of(1), new Int16Array(0), Int16Array.of(2, 3)])).toEqual(
      Int16Array.of(1, 2, 3),
    );
    const target = Int16Array.of(30000, -30000, 5, 5);
    mixInto(target, Int16Array.of(10000, -10000, 10, 20, 99), 0);
    expect(target).toEqual(Int16Array.of(32767, -32768, 15, 25));
    mixInto(target, Int16Array.of(100, 100), 3, 0.5);
    expect(target).toEqual(Int16Array.of(32767, -32768, 15, 75));
    expect(silence(20, 8000)).toEqual(new Int16Array(160));
    expect(silence(20, 24000).length).toBe(480);
  });
});
