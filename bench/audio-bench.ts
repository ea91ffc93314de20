/**
 * Cost of the audio core per 20 ms frame, in nanoseconds. Prints one JSON line.
 *
 *   npx tsx bench/audio-bench.ts
 *
 * Each figure is the best of several batches, timed in process CPU time rather than wall time:
 * the machine is shared, and CPU time does not count the moments another process held the core.
 */
import { mulawDecode, mulawEncode } from '../src/audio/g711.js';
import { createResampler } from '../src/audio/resampler.js';
import type { ResamplerOptions } from '../src/audio/resampler.js';

const BATCHES = 15;
const WARMUP_MS = 150;
const BATCH_MS = 40;

function speechLike(sampleRate: number, length: number): Int16Array {
  const samples = new Int16Array(length);
  for (let index = 0; index < length; index++) {
    const time = index / sampleRate;
    samples[index] = Math.round(
      6000 * Math.sin(2 * Math.PI * 180 * time) +
        3000 * Math.sin(2 * Math.PI * 1100 * time) +
        800 * Math.sin(2 * Math.PI * 3300 * time),
    );
  }
  return samples;
}

/** Runs `step` in batches for a fixed time each and returns the best ns per call. */
function measure(step: () => void): number {
  const warmupEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmupEnd) step();
  let iterations = 1;
  // Size a batch to about BATCH_MS.
  for (;;) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < iterations; index++) step();
    const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (elapsedMs > BATCH_MS / 4) {
      iterations = Math.max(1, Math.round((iterations * BATCH_MS) / elapsedMs));
      break;
    }
    iterations *= 2;
  }
  let best = Infinity;
  for (let batch = 0; batch < BATCHES; batch++) {
    const before = process.cpuUsage();
    for (let index = 0; index < iterations; index++) step();
    const used = process.cpuUsage(before);
    best = Math.min(best, ((used.user + used.system) * 1000) / iterations);
  }
  return Math.round(best);
}

function resampleFrame(fromRate: number, toRate: number, options: ResamplerOptions = {}): number {
  const resampler = createResampler(fromRate, toRate, options);
  const frame = speechLike(fromRate, fromRate / 50);
  return measure(() => resampler.process(frame));
}

const relaxed: ResamplerOptions = { stopbandEdge: 1.1 };
const narrowband = speechLike(8000, 160);
const mulawFrame = mulawEncode(narrowband);
const pcmOut = new Int16Array(160);
const mulawOut = new Uint8Array(160);

const results = {
  bench: 'audio',
  unit: 'ns of CPU per 20 ms frame',
  mulawDecode160: measure(() => mulawDecode(mulawFrame, pcmOut)),
  mulawEncode160: measure(() => mulawEncode(narrowband, mulawOut)),
  mulawDecode160Alloc: measure(() => mulawDecode(mulawFrame)),
  mulawEncode160Alloc: measure(() => mulawEncode(narrowband)),
  resample8kTo16k: resampleFrame(8000, 16000),
  resample16kTo8k: resampleFrame(16000, 8000),
  resample24kTo8k: resampleFrame(24000, 8000),
  resample48kTo8k: resampleFrame(48000, 8000),
  resample16kTo48k: resampleFrame(16000, 48000),
  // The shorter filter that lets aliases into 0.9–1.0 × Nyquist only.
  stopbandEdge1_1: {
    resample8kTo16k: resampleFrame(8000, 16000, relaxed),
    resample16kTo8k: resampleFrame(16000, 8000, relaxed),
    resample24kTo8k: resampleFrame(24000, 8000, relaxed),
    resample48kTo8k: resampleFrame(48000, 8000, relaxed),
    resample16kTo48k: resampleFrame(16000, 48000, relaxed),
  },
};
console.log(JSON.stringify(results));
