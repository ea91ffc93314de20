import { describe, expect, it } from 'vitest';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';

const allCodes = Uint8Array.from({ length: 256 }, (_, code) => code);

// Expected codes worked out by hand from G.711's segment tables (sign + magnitude, bias 33 for
// μ-law, one's complement for negative inputs as in the ITU's G.191 reference code).
const inputs = [
  0, 1, 2, 3, 4, 5, 7, 8, -1, -2, -4, -5, -8, -9, 15, 16, -16, -17, 31, 32, 100, -100, 132, -132,
  255, 256, -256, 1000, -1000, 4095, 4096, -4096, 5000, -5000, 8000, -8000, 12345, -12345, 16383,
  16384, -16384, 30000, -30000, 32124, -32124, 32635, 32767, -32767, -32768,
];
const mulawCodes = [
  0xff, 0xff, 0xff, 0xff, 0xfe, 0xfe, 0xfe, 0xfe, 0x7f, 0x7f, 0x7f, 0x7e, 0x7e, 0x7e, 0xfd, 0xfd,
  0x7d, 0x7d, 0xfb, 0xfb, 0xf2, 0x73, 0xef, 0x6f, 0xe7, 0xe7, 0x67, 0xce, 0x4e, 0xaf, 0xaf, 0x2f,
  0xab, 0x2b, 0xa0, 0x20, 0x97, 0x17, 0x8f, 0x8f, 0x0f, 0x82, 0x02, 0x80, 0x00, 0x80, 0x80, 0x00,
  0x00,
];
const alawCodes = [
  0xd5, 0xd5, 0xd5, 0xd5, 0xd5, 0xd5, 0xd5, 0xd5, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xd5, 0xd4,
  0x55, 0x54, 0xd4, 0xd7, 0xd3, 0x53, 0xdd, 0x5d, 0xda, 0xc5, 0x5a, 0xfa, 0x7a, 0x9a, 0x85, 0x1a,
  0x86, 0x06, 0x8a, 0x0a, 0xbd, 0x3d, 0xba, 0xa5, 0x3a, 0xa8, 0x28, 0xaa, 0x2a, 0xaa, 0xaa, 0x2a,
  0x2a,
];

describe('μ-law', () => {
  it('decodes the reference codes', () => {
    const decoded = mulawDecode(Uint8Array.of(0xff, 0x7f, 0x00, 0x80, 0x01, 0xfe, 0x7e));
    expect([...decoded]).toEqual([0, 0, -32124, 32124, -31100, 8, -8]);
  });

  it('encodes sample inputs to the codes of the standard', () => {
    expect([...mulawEncode(Int16Array.from(inputs))]).toEqual(mulawCodes);
  });

  it('round-trips every code except negative zero', () => {
    const recoded = mulawEncode(mulawDecode(allCodes));
    for (let code = 0; code < 256; code++) expect(recoded[code]).toBe(code === 0x7f ? 0xff : code);
  });

  it('is odd-symmetric around -0.5 and monotonic over the whole 16-bit range', () => {
    const everySample = Int16Array.from({ length: 65536 }, (_, index) => index - 32768);
    const codes = mulawEncode(everySample);
    const levels = mulawDecode(codes);
    const faults: number[] = [];
    for (let index = 1; index < 65536; index++) {
      const monotonic = levels[index]! >= levels[index - 1]!;
      if (!monotonic || (codes[index]! ^ 0x80) !== codes[65535 - index]) faults.push(index - 32768);
    }
    expect(faults).toEqual([]);
  });

  it('writes into a caller buffer', () => {
    const out = new Uint8Array(4);
    const written = mulawEncode(Int16Array.of(0, 32767), out);
    expect([...written]).toEqual([0xff, 0x80]);
    expect(written.buffer).toBe(out.buffer);
    expect(() => mulawDecode(new Uint8Array(3), new Int16Array(2))).toThrow(/out holds 2/);
  });
});

describe('A-law', () => {
  it('decodes the reference codes', () => {
    const decoded = alawDecode(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a, 0x00, 0x80));
    expect([...decoded]).toEqual([8, -8, 32256, -32256, -5504, 5504]);
  });

  it('encodes sample inputs to the codes of the standard', () => {
    expect([...alawEncode(Int16Array.from(inputs))]).toEqual(alawCodes);
  });

  it('round-trips all 256 codes', () => {
    expect([...alawEncode(alawDecode(allCodes))]).toEqual([...allCodes]);
  });

  it('encodes each sample to the nearest level in its segment', () => {
    const everySample = Int16Array.from({ length: 65536 }, (_, index) => index - 32768);
    const levels = alawDecode(alawEncode(everySample));
    const faults: number[] = [];
    for (let index = 0; index < 65536; index++) {
      const error = Math.abs(levels[index]! - everySample[index]!);
      // Steps are 16 in the first two segments and double per segment after that.
      const magnitude = Math.abs(everySample[index]!);
      const step = magnitude < 512 ? 16 : 16 << Math.floor(Math.log2(magnitude / 256));
      if (error > step / 2 + 1) faults.push(everySample[index]!);
    }
    expect(faults).toEqual([]);
  });
});
