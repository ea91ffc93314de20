import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatInt16 } from './pcm.js';
import { encodeWav, parseWav } from './wav.js';
import { WavFileWriter } from './wav-file-writer.js';
import { repairWavHeader } from './wav-header-repair.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'switchboard-wav-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function ramp(length: number, start: number): Int16Array {
  return Int16Array.from({ length }, (_, index) => ((start + index * 37) % 65536) - 32768);
}

describe('WavFileWriter', () => {
  it('streams stereo frames into a file that parses back to the same audio', async () => {
    const path = join(folder, 'stereo.wav');
    const writer = await WavFileWriter.open(path, {
      sampleRate: 8000,
      channelCount: 2,
      batchBytes: 1000,
    });
    const left: Int16Array[] = [];
    const right: Int16Array[] = [];
    for (let frame = 0; frame < 50; frame++) {
      left.push(ramp(160, frame * 160));
      right.push(ramp(160, 99 + frame * 7));
      writer.write([left[frame]!, right[frame]!]);
    }
    expect(writer.dataBytes).toBe(50 * 160 * 4);
    await writer.close();
    await writer.close();
    const parsed = parseWav(await readFile(path));
    expect(parsed.sampleRate).toBe(8000);
    expect(parsed.channels).toEqual([concatInt16(left), concatInt16(right)]);
    // The header is the canonical one, byte for byte.
    const expected = encodeWav([concatInt16(left), concatInt16(right)], 8000);
    expect(Buffer.compare(await readFile(path), expected)).toBe(0);
  });

  it('copies samples at write time, so callers may reuse their buffers', async () => {
    const path = join(folder, 'reuse.wav');
    const writer = await WavFileWriter.open(path, { sampleRate: 16000, channelCount: 1 });
    const frame = new Int16Array(320).fill(1000);
    writer.write([frame]);
    frame.fill(-5);
    writer.write([frame]);
    await writer.close();
    const [mono] = parseWav(await readFile(path)).channels;
    expect(mono?.subarray(0, 320).every((value) => value === 1000)).toBe(true);
    expect(mono?.subarray(320).every((value) => value === -5)).toBe(true);
  });

  it('leaves a file that a crash cut off repairable', async () => {
    const path = join(folder, 'crashed.wav');
    const writer = await WavFileWriter.open(path, { sampleRate: 8000, channelCount: 1 });
    writer.write([ramp(800, 1)]);
    await writer.flush();
    const crashed = await readFile(path);
    expect(crashed.readUInt32LE(40)).toBe(0);
    await writer.close();
    await writeFile(path, crashed);

    expect(await WavFileWriter.repairWavHeader(path)).toEqual({ repaired: true, dataBytes: 1600 });
    expect(Buffer.compare(await readFile(path), encodeWav([ramp(800, 1)], 8000))).toBe(0);
    expect(await repairWavHeader(path)).toEqual({ repaired: false, dataBytes: 1600 });
  });

  it('repairs to whole frames when the crash split a sample frame', async () => {
    const path = join(folder, 'split.wav');
    const whole = encodeWav([ramp(10, 5), ramp(10, 6)], 24000);
    const cut = whole.slice(0, whole.length - 3);
    new DataView(cut.buffer).setUint32(4, 0, true);
    new DataView(cut.buffer).setUint32(40, 0, true);
    await writeFile(path, cut);
    expect(await repairWavHeader(path)).toEqual({ repaired: true, dataBytes: 36 });
    expect(parseWav(await readFile(path)).channels).toEqual([ramp(9, 5), ramp(9, 6)]);
  });

  it('refuses files that are not WAV and misuse of the writer', async () => {
    const notWav = join(folder, 'not.wav');
    await writeFile(notWav, 'hello world, this is text');
    await expect(repairWavHeader(notWav)).rejects.toThrow(/not a RIFF\/WAVE file/);

    await expect(
      WavFileWriter.open(join(folder, 'missing', 'x.wav'), { sampleRate: 8000, channelCount: 1 }),
    ).rejects.toThrow(/ENOENT/);

    if (existsSync('/dev/full')) {
      // A full disk shows up as a rejected open, since the header is written there.
      await expect(
        WavFileWriter.open('/dev/full', { sampleRate: 8000, channelCount: 1 }),
      ).rejects.toThrow(/ENOSPC/);
    }

    const writer = await WavFileWriter.open(join(folder, 'misuse.wav'), {
      sampleRate: 8000,
      channelCount: 2,
    });
    expect(() => writer.write([new Int16Array(4)])).toThrow(/1 channels for a 2-channel file/);
    expect(() => writer.write([new Int16Array(4), new Int16Array(3)])).toThrow(/differ in length/);
    writer.write([new Int16Array(4), new Int16Array(4)]);
    await writer.close();
    // A frame that races the hang-up is dropped, not thrown.
    writer.write([new Int16Array(4), new Int16Array(4)]);
    expect(writer.dataBytes).toBe(16);
    expect((await readFile(join(folder, 'misuse.wav'))).length).toBe(44 + 16);
  });
});
