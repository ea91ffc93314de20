/**
 * CPU cost of the shared Silero VAD at 8 kHz. Prints one JSON line:
 * - `usPerStreamWindow[n]`: process CPU (all threads) per stream-window when n streams each
 *   deliver one window at the same moment, so that they run as one batch of n;
 * - `msCpuPerCallSecond[n]`: the same as CPU milliseconds per second of one call's audio;
 * - `realtime100`: 100 calls sending 20 ms frames on their own unsynchronised clocks for a few
 *   seconds, with the default batch cap: what a loaded server would pay per call-second.
 *
 * Run: npx tsx bench/vad-bench.ts
 */
import { createSileroVad } from '../src/providers/local/silero/silero-vad.js';
import type { VadModelV1, VadStreamV1 } from '../src/providers/spec/vad-model-v1.js';

const SAMPLE_RATE = 8000;
const BATCH_SIZES = [1, 8, 32, 100] as const;
const WINDOWS_PER_SIZE = 4000;
const REALTIME_STREAMS = 100;
const REALTIME_SECONDS = 4;
const FRAME_MS = 20;

function noise(length: number, seed: number): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 4000);
  });
}

function cpuMicroseconds(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Every stream writes one window, then all callbacks are awaited; repeated `rounds` times. */
async function measureBatch(vad: VadModelV1, size: number, rounds: number): Promise<number> {
  const streams = Array.from({ length: size }, () => vad.createStream());
  const windows = streams.map((_, index) => noise(vad.windowSamples, index + 1));
  let pending = 0;
  let wake: () => void = () => {};
  for (const stream of streams) {
    stream.onProbability = () => {
      pending -= 1;
      if (pending === 0) wake();
    };
  }
  const round = (): Promise<void> =>
    new Promise((resolve) => {
      pending = size;
      wake = resolve;
      streams.forEach((stream, index) => stream.write(windows[index] ?? new Int16Array(0)));
    });
  for (let warmUp = 0; warmUp < 20; warmUp += 1) await round();
  const start = cpuMicroseconds();
  for (let count = 0; count < rounds; count += 1) await round();
  const elapsed = cpuMicroseconds() - start;
  for (const stream of streams) stream.close();
  return elapsed / (rounds * size);
}

/** 100 calls, each sending a 20 ms frame every 20 ms from a random phase, for a few seconds. */
async function measureRealtime(vad: VadModelV1): Promise<{ msCpuPerCallSecond: number }> {
  const frameSamples = (SAMPLE_RATE * FRAME_MS) / 1000;
  const frames = Array.from({ length: 50 }, (_, index) => noise(frameSamples, index + 1));
  const streams: VadStreamV1[] = [];
  const timers: NodeJS.Timeout[] = [];
  const start = cpuMicroseconds();
  await new Promise<void>((resolve) => {
    for (let index = 0; index < REALTIME_STREAMS; index += 1) {
      const stream = vad.createStream();
      stream.onProbability = () => {};
      streams.push(stream);
      let frame = 0;
      const phase = Math.random() * FRAME_MS;
      timers.push(
        setTimeout(() => {
          timers.push(
            setInterval(() => {
              stream.write(frames[frame % frames.length] ?? new Int16Array(0));
              frame += 1;
            }, FRAME_MS),
          );
        }, phase),
      );
    }
    setTimeout(resolve, REALTIME_SECONDS * 1000);
  });
  for (const timer of timers) clearInterval(timer);
  const elapsed = cpuMicroseconds() - start;
  for (const stream of streams) stream.close();
  return { msCpuPerCallSecond: elapsed / 1000 / (REALTIME_STREAMS * REALTIME_SECONDS) };
}

async function main(): Promise<void> {
  const batched = await createSileroVad({ sampleRate: SAMPLE_RATE, maxBatch: 128 });
  const windowsPerSecond = SAMPLE_RATE / batched.windowSamples;
  const usPerStreamWindow: Record<string, number> = {};
  const msCpuPerCallSecond: Record<string, number> = {};
  for (const size of BATCH_SIZES) {
    const microseconds = await measureBatch(batched, size, Math.ceil(WINDOWS_PER_SIZE / size));
    usPerStreamWindow[size] = Number(microseconds.toFixed(1));
    msCpuPerCallSecond[size] = Number(((microseconds * windowsPerSecond) / 1000).toFixed(3));
  }
  await batched.close();
  const defaults = await createSileroVad({ sampleRate: SAMPLE_RATE });
  const realtime = await measureRealtime(defaults);
  await defaults.close();
  console.log(
    JSON.stringify({
      bench: 'silero-vad',
      sampleRate: SAMPLE_RATE,
      windowSamples: batched.windowSamples,
      usPerStreamWindow,
      msCpuPerCallSecond,
      realtime100: {
        streams: REALTIME_STREAMS,
        seconds: REALTIME_SECONDS,
        msCpuPerCallSecond: Number(realtime.msCpuPerCallSecond.toFixed(3)),
      },
    }),
  );
}

await main();
