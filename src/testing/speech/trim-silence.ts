/** Frames of this length are kept or dropped whole. */
const FRAME_MS = 10;

/**
 * Cuts the quiet head and tail off PCM16 audio: 10 ms frames whose RMS level is below
 * `thresholdDb` (dBFS) at either end are removed. Returns a new array (empty if all is quiet).
 */
export function trimSilence(
  samples: Int16Array,
  sampleRate: number,
  thresholdDb = -40,
): Int16Array {
  const frameSamples = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
  const frameCount = Math.ceil(samples.length / frameSamples);
  // Compare mean squares, not dB, so that no logarithm is taken per frame.
  const thresholdPower = (10 ** (thresholdDb / 20) * 32768) ** 2;
  const isLoud = (frame: number): boolean => {
    const start = frame * frameSamples;
    const end = Math.min(start + frameSamples, samples.length);
    let sum = 0;
    for (let index = start; index < end; index += 1) sum += (samples[index] ?? 0) ** 2;
    return sum / (end - start) >= thresholdPower;
  };
  let first = 0;
  while (first < frameCount && !isLoud(first)) first += 1;
  if (first === frameCount) return new Int16Array(0);
  let last = frameCount - 1;
  while (last > first && !isLoud(last)) last -= 1;
  return samples.slice(first * frameSamples, Math.min((last + 1) * frameSamples, samples.length));
}
