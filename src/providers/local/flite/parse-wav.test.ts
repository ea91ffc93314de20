import { describe, expect, it } from 'vitest';
import { parseWav } from './parse-wav.js';

/** A WAV file built by hand: `chunks` are [id, body] pairs after the RIFF header. */
function wavFile(chunks: Array<[string, Uint8Array, number?]>): Uint8Array {
  const parts: number[] = [...'RIFF'].map((c) => c.charCodeAt(0));
  parts.push(0, 0, 0, 0, ...[...'WAVE'].map((c) => c.charCodeAt(0)));
  for (const [id, body, declaredSize] of chunks) {
    const size = declaredSize ?? body.length;
    parts.push(...[...id].map((c) => c.charCodeAt(0)));
    parts.push(size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, (size >>> 24) & 0xff);
    parts.push(...body);
    if (body.length % 2 === 1) parts.push(0);
  }
  return Uint8Array.from(parts);
}

function fmt(format: number, channels: number, sampleRate: number, bits: number): Uint8Array {
  const body = new DataView(new ArrayBuffer(16));
  body.setUint16(0, format, true);
  body.setUint16(2, channels, true);
  body.setUint32(4, sampleRate, true);
  body.setUint32(8, (sampleRate * channels * bits) / 8, true);
  body.setUint16(12, (channels * bits) / 8, true);
  body.setUint16(14, bits, true);
  return new Uint8Array(body.buffer);
}

const pcm = Uint8Array.from([0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f]);

describe('parseWav', () => {
  it('reads mono PCM16 and skips other chunks, including odd-sized ones', () => {
    const file = wavFile([
      ['fmt ', fmt(1, 1, 16000, 16)],
      ['LIST', Uint8Array.from([1, 2, 3])],
      ['data', pcm],
    ]);
    const audio = parseWav(file);
    expect(audio.sampleRate).toBe(16000);
    expect(Array.from(audio.samples)).toEqual([1, -1, -32768, 32767]);
  });

  it('clamps a data size larger than the file', () => {
    const audio = parseWav(
      wavFile([
        ['fmt ', fmt(1, 1, 8000, 16)],
        ['data', pcm, 0xffffffff],
      ]),
    );
    expect(audio.samples).toHaveLength(4);
  });

  it('reads from a view into a larger buffer', () => {
    const file = wavFile([
      ['fmt ', fmt(1, 1, 16000, 16)],
      ['data', pcm],
    ]);
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(Array.from(parseWav(padded.subarray(3)).samples)).toEqual([1, -1, -32768, 32767]);
  });

  it('rejects what it cannot read', () => {
    expect(() => parseWav(Uint8Array.from([1, 2, 3]))).toThrow(/RIFF/);
    expect(() =>
      parseWav(
        wavFile([
          ['fmt ', fmt(1, 2, 16000, 16)],
          ['data', pcm],
        ]),
      ),
    ).toThrow(/unsupported/);
    expect(() => parseWav(wavFile([['fmt ', fmt(3, 1, 16000, 32)]]))).toThrow(/unsupported/);
    expect(() => parseWav(wavFile([['fmt ', fmt(1, 1, 16000, 16)]]))).toThrow(/no data/);
    expect(() => parseWav(wavFile([['data', pcm]]))).toThrow(/before fmt/);
  });
});
