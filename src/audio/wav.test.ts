import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { WAV_HEADER_BYTES, encodeWav, parseWav } from './wav.js';

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

// Files written once by SoX 14.4 (`sox -D -t raw … out.wav`), kept as bytes so the tests need no
// SoX. The μ-law and A-law files hold [0, 1000, -1000, 32000, -32000, 8, -8, 100]; the expected
// values are what SoX itself decodes them to.
const soxMulaw =
  'UklGRjoAAABXQVZFZm10IBIAAAAHAAEAQB8AAEAfAAABAAgAAABmYWN0BAAAAAgAAABkYXRhCAAAAP/OToAA/n7y';
const soxAlaw =
  'UklGRjoAAABXQVZFZm10IBIAAAAGAAEAQB8AAEAfAAABAAgAAABmYWN0BAAAAAgAAABkYXRhCAAAANX6eqoq1VXT';
// Three channels at 16 kHz, which SoX writes as WAVE_FORMAT_EXTENSIBLE.
const soxExtensible =
  'UklGRmAAAABXQVZFZm10ICgAAAD+/wMAgD4AAAB3AQAGABAAFgAQAAAAAAABAAAAAAAQAIAAAKoAOJtxZmFjdAQAAAAEAAAAZGF0YRgAAAABAAIAAwD///7//f9kAMgALAEAgP9/AAA=';
// Stereo at 24 kHz: left [1, 2, 300], right [-1, -2, -300].
const soxStereo = 'UklGRjAAAABXQVZFZm10IBAAAAABAAIAwF0AAAB3AQAEABAAZGF0YQwAAAABAP//AgD+/ywB1P4=';

function chunk(id: string, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + body.length + (body.length % 2));
  bytes.set(Buffer.from(id, 'latin1'));
  new DataView(bytes.buffer).setUint32(4, body.length, true);
  bytes.set(body, 8);
  return bytes;
}

function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  return new Uint8Array(Buffer.concat([chunk('RIFF', body).subarray(0, 8), body]));
}

function fmt(formatTag: number, channels: number, rate: number, bits: number): Uint8Array {
  const body = new DataView(new ArrayBuffer(16));
  const blockAlign = (channels * bits) / 8;
  body.setUint16(0, formatTag, true);
  body.setUint16(2, channels, true);
  body.setUint32(4, rate, true);
  body.setUint32(8, rate * blockAlign, true);
  body.setUint16(12, blockAlign, true);
  body.setUint16(14, bits, true);
  return chunk('fmt ', new Uint8Array(body.buffer));
}

describe('encodeWav', () => {
  it('writes the same bytes as SoX for stereo PCM16', () => {
    const bytes = encodeWav([Int16Array.of(1, 2, 300), Int16Array.of(-1, -2, -300)], 24000);
    expect(Buffer.from(bytes).toString('base64')).toBe(soxStereo);
  });

  it('round-trips mono through parseWav', () => {
    const samples = Int16Array.of(0, -32768, 32767, 12, -12);
    const bytes = encodeWav([samples], 8000);
    expect(bytes.length).toBe(WAV_HEADER_BYTES + 10);
    expect(parseWav(bytes)).toEqual({ sampleRate: 8000, channels: [samples] });
  });

  it('refuses three channels or channels of different lengths', () => {
    const one = new Int16Array(4);
    expect(() => encodeWav([one, one, one], 8000)).toThrow(/1 or 2 channels, got 3/);
    expect(() => encodeWav([one, new Int16Array(3)], 8000)).toThrow(/differ in length/);
    expect(() => encodeWav([one], 0)).toThrow(/sample rate 0/);
  });
});

describe('parseWav', () => {
  it('decodes μ-law (format 7) and A-law (format 6) written by SoX', () => {
    expect(parseWav(fromBase64(soxMulaw))).toEqual({
      sampleRate: 8000,
      channels: [Int16Array.of(0, 988, -988, 32124, -32124, 8, -8, 104)],
    });
    expect(parseWav(fromBase64(soxAlaw))).toEqual({
      sampleRate: 8000,
      channels: [Int16Array.of(8, 1008, -1008, 32256, -32256, 8, -8, 104)],
    });
  });

  it('reads WAVE_FORMAT_EXTENSIBLE PCM and splits the channels', () => {
    expect(parseWav(fromBase64(soxExtensible))).toEqual({
      sampleRate: 16000,
      channels: [
        Int16Array.of(1, -1, 100, -32768),
        Int16Array.of(2, -2, 200, 32767),
        Int16Array.of(3, -3, 300, 0),
      ],
    });
  });

  it('skips unknown chunks, including odd-sized ones with a pad byte', () => {
    const data = chunk('data', Uint8Array.of(1, 0, 2, 0));
    const bytes = riff(chunk('LIST', Uint8Array.of(1, 2, 3)), fmt(1, 1, 16000, 16), data);
    expect(parseWav(bytes).channels).toEqual([Int16Array.of(1, 2)]);
  });

  it('reads a data chunk cut off by a crash to the end of the file', () => {
    const whole = encodeWav([Int16Array.of(5, 6, 7)], 8000);
    const zeroSizes = whole.slice();
    new DataView(zeroSizes.buffer).setUint32(40, 0, true);
    expect(parseWav(zeroSizes).channels).toEqual([Int16Array.of(5, 6, 7)]);
    // Half a sample at the end is dropped, not misread.
    expect(parseWav(whole.subarray(0, whole.length - 1)).channels).toEqual([Int16Array.of(5, 6)]);
  });

  it('names what it cannot read', () => {
    const float = riff(fmt(3, 1, 16000, 32), chunk('data', new Uint8Array(8)));
    expect(() => parseWav(float)).toThrow(/unsupported encoding IEEE float 3 with 32 bits/);
    const eightBitPcm = riff(fmt(1, 1, 8000, 8), chunk('data', new Uint8Array(8)));
    expect(() => parseWav(eightBitPcm)).toThrow(/PCM 1 with 8 bits/);
    expect(() => parseWav(new Uint8Array(4))).toThrow(/not a RIFF\/WAVE file/);
    expect(() => parseWav(riff(fmt(1, 1, 8000, 16)))).toThrow(/no data chunk/);
    expect(() => parseWav(riff(chunk('data', new Uint8Array(2)), fmt(1, 1, 8000, 16)))).toThrow(
      /data chunk comes before the fmt chunk/,
    );
    try {
      parseWav(float);
    } catch (error) {
      expect(SwitchboardError.isInstance(error) && error.code).toBe('wav_unsupported');
    }
  });

  it('never throws anything but a SwitchboardError on garbage', () => {
    const valid = fromBase64(soxExtensible);
    let state = 1;
    for (let round = 0; round < 300; round++) {
      const mangled = valid.slice(0, 12 + (round % (valid.length - 11)));
      for (let flip = 0; flip < 4; flip++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        const index = 12 + (state % Math.max(1, mangled.length - 12));
        if (index < mangled.length) mangled[index] = state & 0xff;
      }
      try {
        parseWav(mangled);
      } catch (error) {
        expect(SwitchboardError.isInstance(error)).toBe(true);
      }
    }
  });
});
