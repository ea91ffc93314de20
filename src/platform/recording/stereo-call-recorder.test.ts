import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MULAW_8K } from '../../audio/audio-frame.js';
import { alawEncode, mulawEncode } from '../../audio/g711.js';
import { int16ToBytesLE } from '../../audio/pcm.js';
import { parseWav } from '../../audio/wav.js';
import { createLogger } from '../../logging/logger.js';
import { createStereoCallRecorder } from './stereo-call-recorder.js';

const CALLER_HZ = 440;
const AGENT_HZ = 1000;

/** `ms` of a sine at `hz`, sample rate `rate`. */
function tone(hz: number, ms: number, rate = 8000): Int16Array {
  const samples = new Int16Array((ms * rate) / 1000);
  for (let index = 0; index < samples.length; index++) {
    samples[index] = Math.round(8000 * Math.sin((2 * Math.PI * hz * index) / rate));
  }
  return samples;
}

/** Splits PCM into 20 ms μ-law frames. */
function mulawFrames(samples: Int16Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let start = 0; start < samples.length; start += 160) {
    frames.push(mulawEncode(samples.subarray(start, start + 160)));
  }
  return frames;
}

/** Goertzel power of `hz` in `samples`, normalised so a full sine of amplitude A gives ~A. */
function levelAt(samples: Int16Array, hz: number, rate = 8000): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous ** 2 + beforePrevious ** 2 - coefficient * previous * beforePrevious;
  return (2 * Math.sqrt(Math.max(0, power))) / samples.length;
}

/** Index of the first sample louder than a quiet threshold, or -1. */
function onset(samples: Int16Array, from = 0): number {
  for (let index = from; index < samples.length; index++) {
    if (Math.abs(samples[index]!) > 1000) return index;
  }
  return -1;
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'recorder-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function manualRecorder(options: Partial<Parameters<typeof createStereoCallRecorder>[0]> = {}) {
  const clock = { now: 0 };
  const path = join(directory, 'org/1/calls/call.wav');
  const recorder = createStereoCallRecorder({
    path,
    callerFormat: MULAW_8K,
    agentFormat: MULAW_8K,
    now: () => clock.now,
    flushIntervalMs: 60_000,
    ...options,
  });
  return { clock, path, recorder };
}

describe('createStereoCallRecorder', () => {
  it('puts the caller left and an agent burst right, at the moment it was sent', async () => {
    const { clock, path, recorder } = manualRecorder();
    const caller = mulawFrames(tone(CALLER_HZ, 1000));
    const silence = mulawFrames(new Int16Array(8000));
    const agent = mulawFrames(tone(AGENT_HZ, 500));
    [...caller, ...silence].forEach((frame, index) => {
      clock.now = 20 * (index + 1);
      recorder.onCallerAudio(frame);
      // Sent all at once, 1.2 s into the call, as TTS bursts are.
      if (clock.now === 1200) agent.forEach((chunk) => recorder.onAgentAudio(chunk));
    });
    const result = await recorder.close();
    expect(result).toEqual({ path, durationMs: 2000, bytes: 44 + 2 * 8000 * 4 });

    const wav = parseWav(await readFile(path));
    expect(wav.sampleRate).toBe(8000);
    const [left, right] = wav.channels as [Int16Array, Int16Array];
    expect(left.length).toBe(16_000);
    expect(onset(left)).toBeLessThan(10);
    expect(levelAt(left.subarray(0, 8000), CALLER_HZ)).toBeGreaterThan(7000);
    expect(levelAt(left.subarray(0, 8000), AGENT_HZ)).toBeLessThan(300);
    expect(onset(left, 8000)).toBe(-1);
    expect(Math.abs(onset(right) - 9600)).toBeLessThanOrEqual(320);
    expect(levelAt(right.subarray(9600, 13_600), AGENT_HZ)).toBeGreaterThan(7000);
    expect(levelAt(right.subarray(9600, 13_600), CALLER_HZ)).toBeLessThan(300);
    expect(onset(right, 13_700)).toBe(-1);
  });

  it('keeps the lanes within two frames when caller frames arrive in jittery bunches', async () => {
    const { clock, path, recorder } = manualRecorder();
    const caller = [...mulawFrames(new Int16Array(8000)), ...mulawFrames(tone(CALLER_HZ, 1000))];
    let agentSentAt = 0;
    caller.forEach((frame, index) => {
      // Frames come three at a time, every 60 ms, and now and then 40 ms later still.
      const due = 60 * Math.ceil((index + 1) / 3);
      clock.now = index % 7 === 3 ? due + 40 : due;
      recorder.onCallerAudio(frame);
      if (index === 52) {
        agentSentAt = clock.now;
        mulawFrames(tone(AGENT_HZ, 300)).forEach((chunk) => recorder.onAgentAudio(chunk));
      }
    });
    await recorder.close();
    const [left, right] = parseWav(await readFile(path)).channels as [Int16Array, Int16Array];
    // The first frame arrived 40 ms late and starts the caller lane; all else is relative to it.
    const callerToneAt = onset(left);
    expect(Math.abs(callerToneAt - 8000 - 320)).toBeLessThanOrEqual(1);
    const expected = callerToneAt + (agentSentAt - 1000) * 8;
    expect(Math.abs(onset(right) - expected)).toBeLessThanOrEqual(320);
  });

  it('follows the caller timeline again a few seconds after frames were lost', async () => {
    const { clock, path, recorder } = manualRecorder();
    const caller = [...mulawFrames(new Int16Array(20_000)), ...mulawFrames(tone(CALLER_HZ, 500))];
    caller.forEach((frame, index) => {
      clock.now = 20 * (index + 1);
      // 100 ms never arrive (a carrier that drops packets): the caller lane is now 100 ms short.
      if (index >= 10 && index < 15) return;
      recorder.onCallerAudio(frame);
      if (clock.now === 2500) {
        mulawFrames(tone(AGENT_HZ, 200)).forEach((chunk) => recorder.onAgentAudio(chunk));
      }
    });
    await recorder.close();
    const [left, right] = parseWav(await readFile(path)).channels as [Int16Array, Int16Array];
    expect(Math.abs(onset(left) - (20_000 - 800))).toBeLessThanOrEqual(1);
    expect(Math.abs(onset(right) - onset(left))).toBeLessThanOrEqual(320);
  });

  it('advances by the clock while the caller stream stalls', async () => {
    const { clock, path, recorder } = manualRecorder();
    mulawFrames(new Int16Array(4000)).forEach((frame, index) => {
      clock.now = 20 * (index + 1);
      recorder.onCallerAudio(frame);
    });
    clock.now = 1000;
    mulawFrames(tone(AGENT_HZ, 200)).forEach((chunk) => recorder.onAgentAudio(chunk));
    mulawFrames(tone(CALLER_HZ, 500)).forEach((frame, index) => {
      clock.now = 1520 + 20 * index;
      recorder.onCallerAudio(frame);
    });
    const result = await recorder.close();
    const [left, right] = parseWav(await readFile(path)).channels as [Int16Array, Int16Array];
    expect(result.durationMs).toBe(2000);
    expect(Math.abs(onset(right) - 8000)).toBeLessThanOrEqual(160);
    expect(Math.abs(onset(left) - 12_000)).toBeLessThanOrEqual(160);
  });

  it('pads a silent caller by the clock on flush, and keeps agent audio past the last caller frame', async () => {
    const { clock, path, recorder } = manualRecorder();
    clock.now = 400;
    mulawFrames(tone(AGENT_HZ, 200)).forEach((chunk) => recorder.onAgentAudio(chunk));
    clock.now = 1000;
    await recorder.flush();
    expect(parseWav(await readFile(path)).channels[0]!.length).toBe(8000);
    clock.now = 1400;
    mulawFrames(tone(AGENT_HZ, 400)).forEach((chunk) => recorder.onAgentAudio(chunk));
    const result = await recorder.close();
    const [, right] = parseWav(await readFile(path)).channels as [Int16Array, Int16Array];
    expect(result.durationMs).toBe(1800);
    expect(Math.abs(onset(right) - 3200)).toBeLessThanOrEqual(160);
    expect(Math.abs(onset(right, 5000) - 11_200)).toBeLessThanOrEqual(160);
  });

  it('decodes A-law and resamples 16 kHz linear16 agent audio', async () => {
    const { clock, path, recorder } = manualRecorder({
      callerFormat: { encoding: 'alaw', sampleRate: 8000 },
      agentFormat: { encoding: 'linear16', sampleRate: 16_000 },
    });
    const caller = tone(CALLER_HZ, 1000);
    for (let start = 0; start < 8000; start += 160) {
      clock.now = (start + 160) / 8;
      recorder.onCallerAudio(alawEncode(caller.subarray(start, start + 160)));
      if (clock.now === 500) recorder.onAgentAudio(int16ToBytesLE(tone(AGENT_HZ, 400, 16_000)));
    }
    await recorder.close();
    const [left, right] = parseWav(await readFile(path)).channels as [Int16Array, Int16Array];
    expect(levelAt(left, CALLER_HZ)).toBeGreaterThan(7000);
    expect(Math.abs(onset(right) - 4000)).toBeLessThanOrEqual(160);
    expect(levelAt(right.subarray(4200, 7000), AGENT_HZ)).toBeGreaterThan(7000);
  });

  it('logs a disk error once, stops recording and never throws into the audio path', async () => {
    const blocker = join(directory, 'not-a-folder');
    await writeFile(blocker, 'x');
    const lines = new PassThrough();
    const logged: string[] = [];
    lines.on('data', (line: Buffer) => logged.push(line.toString()));
    const { clock, recorder } = manualRecorder({
      path: join(blocker, 'call.wav'),
      logger: createLogger({ destination: lines }),
    });
    for (const frame of mulawFrames(tone(CALLER_HZ, 3000))) {
      clock.now += 20;
      recorder.onCallerAudio(frame);
      recorder.onAgentAudio(frame);
    }
    await recorder.flush();
    await expect(recorder.close()).rejects.toMatchObject({ code: 'recording_failed' });
    expect(logged.filter((line) => line.includes('call recording failed'))).toHaveLength(1);
  });
});
