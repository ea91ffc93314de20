import { appendFile, copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MULAW_8K } from '../../audio/audio-frame.js';
import { mulawEncode } from '../../audio/g711.js';
import { createWavHeader, encodeWav, parseWav } from '../../audio/wav.js';
import { finalizeOrphanRecording, readRecordingDuration } from './recording-file.js';
import { createStereoCallRecorder } from './stereo-call-recorder.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'recording-file-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** A 20 ms μ-law frame of a loud square wave, so every sample is non-zero. */
const loudFrame = mulawEncode(
  Int16Array.from({ length: 160 }, (_, index) => (index % 8 < 4 ? 6000 : -6000)),
);

describe('finalizeOrphanRecording', () => {
  it('makes the file of a recorder that never closed whole, keeping audio written after the last header update', async () => {
    const clock = { now: 0 };
    const live = join(directory, 'live.wav');
    const recorder = createStereoCallRecorder({
      path: live,
      callerFormat: MULAW_8K,
      agentFormat: MULAW_8K,
      now: () => clock.now,
      flushIntervalMs: 60_000,
    });
    for (let frame = 0; frame < 50; frame++) {
      clock.now += 20;
      recorder.onCallerAudio(loudFrame);
    }
    await recorder.flush();
    // Mid-call the file is already a valid WAV holding what was flushed.
    expect(parseWav(await readFile(live)).channels[0]).toHaveLength(8000);

    // The crash: a copy of the file as it was, plus half a second of data whose header update
    // never happened and a frame cut off in the middle.
    const orphan = join(directory, 'orphan.wav');
    await copyFile(live, orphan);
    await appendFile(orphan, new Uint8Array(4000 * 4 + 3).fill(0x11));
    await recorder.close();

    expect(await readRecordingDuration(orphan)).toBe(1000);
    expect(await finalizeOrphanRecording(orphan)).toBe(1500);
    expect((await stat(orphan)).size).toBe(44 + 12_000 * 4);
    const wav = parseWav(await readFile(orphan));
    expect(wav.channels).toHaveLength(2);
    expect(wav.channels[0]).toHaveLength(12_000);
    expect(await readRecordingDuration(orphan)).toBe(1500);
    // A second run finds nothing to do.
    expect(await finalizeOrphanRecording(orphan)).toBe(1500);
  });

  it('fixes a header that still states zero sizes', async () => {
    const path = join(directory, 'zero.wav');
    await writeFile(path, createWavHeader(2, 8000, 0));
    await appendFile(path, new Uint8Array(16_000 * 4));
    expect(await finalizeOrphanRecording(path)).toBe(2000);
    expect(parseWav(await readFile(path)).channels[1]).toHaveLength(16_000);
  });

  it('hands WAV files in other layouts to repairWavHeader', async () => {
    const canonical = encodeWav([new Int16Array(800)], 8000);
    // Same audio with a LIST chunk between fmt and data, and the data size zeroed.
    const list = new Uint8Array(
      [...'LIST'].map((c) => c.charCodeAt(0)).concat([4, 0, 0, 0, 0, 0, 0, 0]),
    );
    const file = new Uint8Array(canonical.length + list.length);
    file.set(canonical.subarray(0, 36));
    file.set(list, 36);
    file.set(canonical.subarray(36), 36 + list.length);
    new DataView(file.buffer).setUint32(36 + list.length + 4, 0, true);
    const path = join(directory, 'list.wav');
    await writeFile(path, file);
    expect(await finalizeOrphanRecording(path)).toBe(100);
  });

  it('refuses a file that is not a WAV', async () => {
    const path = join(directory, 'broken.wav');
    await writeFile(path, new Uint8Array([0x52, 0x49]));
    await expect(finalizeOrphanRecording(path)).rejects.toMatchObject({ code: 'wav_invalid' });
  });
});
