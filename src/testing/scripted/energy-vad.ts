import type { VadModelV1, VadStreamV1 } from '../../providers/spec/vad-model-v1.js';

/**
 * A deterministic stand-in for Silero: a window is "speech" when its RMS level is above a
 * threshold. Synchronous, so engine tests driven by a manual clock see decisions immediately.
 */
export function createEnergyVad(
  options: { threshold?: number; windowSamples?: number } = {},
): VadModelV1 {
  const threshold = options.threshold ?? 500;
  const windowSamples = options.windowSamples ?? 256;
  return {
    specificationVersion: 'v1',
    provider: 'testing',
    modelId: 'energy',
    sampleRate: 8000,
    windowSamples,
    createStream(): VadStreamV1 {
      let pending = new Int16Array(0);
      let consumed = 0;
      let closed = false;
      const stream: VadStreamV1 = {
        onProbability: undefined,
        write(samples) {
          if (closed) return;
          const joined = new Int16Array(pending.length + samples.length);
          joined.set(pending);
          joined.set(samples, pending.length);
          let offset = 0;
          for (; offset + windowSamples <= joined.length; offset += windowSamples) {
            let sum = 0;
            for (let index = offset; index < offset + windowSamples; index++) {
              const value = joined[index] ?? 0;
              sum += value * value;
            }
            const rms = Math.sqrt(sum / windowSamples);
            consumed += windowSamples;
            stream.onProbability?.(rms > threshold ? 0.95 : 0.02, consumed);
          }
          pending = joined.slice(offset);
        },
        reset() {
          pending = new Int16Array(0);
        },
        close() {
          closed = true;
        },
      };
      return stream;
    },
    close: async () => {},
  };
}
