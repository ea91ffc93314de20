import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VadModelV1, VadStreamV1 } from '../../spec/vad-model-v1.js';
import { createSileroVad } from './silero-vad.js';

interface Result {
  readonly probability: number;
  readonly endSample: number;
}

/** Resolves with a stream's next `windows` callbacks. */
function collect(stream: VadStreamV1, windows: number): Promise<Result[]> {
  const results: Result[] = [];
  return new Promise((resolve) => {
    stream.onProbability = (probability, endSample) => {
      results.push({ probability, endSample });
      if (results.length === windows) resolve(results);
    };
  });
}

/** White noise whose loudness changes every window, so that the state carries information. */
function varyingNoise(windows: number, windowSamples: number, seed: number): Int16Array {
  let state = seed;
  return Int16Array.from({ length: windows * windowSamples }, (_, index) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const amplitude = 200 + ((Math.floor(index / windowSamples) * 2654435761 + seed) % 6000);
    return Math.round((state / 2 ** 32 - 0.5) * 2 * amplitude);
  });
}

/** Each window written only once the previous one's probability is back: one per request. */
async function oneByOne(vad: VadModelV1, samples: Int16Array): Promise<number[]> {
  const stream = vad.createStream();
  const probabilities: number[] = [];
  for (let start = 0; start < samples.length; start += vad.windowSamples) {
    const done = collect(stream, 1);
    stream.write(samples.subarray(start, start + vad.windowSamples));
    probabilities.push(...(await done).map((result) => result.probability));
  }
  stream.close();
  return probabilities;
}

function expectClose(actual: readonly Result[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((result, index) =>
    expect(result.probability).toBeCloseTo(expected[index] ?? -1, 5),
  );
}

function endSamples(windows: number, windowSamples: number, first = 0): number[] {
  return Array.from({ length: windows }, (_, index) => first + (index + 1) * windowSamples);
}

describe('Silero batch runner backlogs', () => {
  let vad: VadModelV1;
  const threads: Worker[] = [];
  const onThread = (thread: Worker): void => void threads.push(thread);
  /** Requests the worker has answered so far. */
  let answers = 0;

  beforeAll(async () => {
    process.on('worker', onThread);
    vad = await createSileroVad();
    for (const thread of threads) {
      thread.on('message', (answer: { type?: unknown }) => {
        if (answer.type === 'result' || answer.type === 'failed') answers += 1;
      });
    }
  });
  afterAll(async () => {
    process.off('worker', onThread);
    await vad.close();
  });

  it('drains a backlog in one round trip, carrying the state from window to window', async () => {
    const audio = varyingNoise(12, vad.windowSamples, 11);
    const expected = await oneByOne(vad, audio);
    // Each window alone, from a fresh state: if the state were not carried, these would come out.
    const stateless = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        oneByOne(vad, audio.subarray(index * vad.windowSamples, (index + 1) * vad.windowSamples)),
      ),
    );
    const differences = expected.map((value, index) =>
      Math.abs(value - (stateless[index]?.[0] ?? 0)),
    );
    expect(Math.max(...differences)).toBeGreaterThan(1e-3);

    const stream = vad.createStream();
    const done = collect(stream, 12);
    const before = answers;
    stream.write(audio);
    const results = await done;
    expect(answers - before).toBe(1);
    expectClose(results, expected);
    expect(results.map((result) => result.endSample)).toEqual(endSamples(12, vad.windowSamples));
    stream.close();
  });

  it('serves streams with different backlogs in the same requests, each in order', async () => {
    const depths = [1, 3, 7, 20];
    const audios = depths.map((depth, index) => varyingNoise(depth, vad.windowSamples, index + 21));
    const expected = await Promise.all(audios.map((audio) => oneByOne(vad, audio)));
    // Five windows, reset(), five more: the second five must match a fresh stream.
    const beforeReset = varyingNoise(5, vad.windowSamples, 31);
    const afterReset = varyingNoise(5, vad.windowSamples, 32);
    const expectedBefore = await oneByOne(vad, beforeReset);
    const expectedAfter = await oneByOne(vad, afterReset);

    const streams = audios.map(() => vad.createStream());
    const done = streams.map((stream, index) => collect(stream, depths[index] ?? 0));
    const resetStream = vad.createStream();
    const resetDone = collect(resetStream, 10);
    const before = answers;
    // Interleaved in 20 ms frames, the deepest backlog last, as calls fallen behind would be.
    for (let start = 0; start < 20 * vad.windowSamples; start += 160) {
      streams.forEach((stream, index) =>
        stream.write(audios[index]?.subarray(start, start + 160) ?? new Int16Array(0)),
      );
    }
    resetStream.write(beforeReset);
    resetStream.reset();
    resetStream.write(afterReset);

    const results = await Promise.all(done);
    const resetResults = await resetDone;
    // Request 1: every stream, up to 16 windows each, stopping at the reset. Request 2: the
    // deepest stream's last 4 windows and the 5 after the reset.
    expect(answers - before).toBe(2);
    results.forEach((result, index) => {
      expectClose(result, expected[index] ?? []);
      expect(result.map((entry) => entry.endSample)).toEqual(
        endSamples(depths[index] ?? 0, vad.windowSamples),
      );
    });
    expectClose(resetResults.slice(0, 5), expectedBefore);
    expectClose(resetResults.slice(5), expectedAfter);
    expect(resetResults.map((entry) => entry.endSample)).toEqual(endSamples(10, vad.windowSamples));
    for (const stream of [...streams, resetStream]) stream.close();
  });
});
