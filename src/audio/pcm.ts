import { SwitchboardError } from '../errors/switchboard-error.js';

/** True where typed arrays are little-endian (every platform Node ships for today). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** PCM16 samples as little-endian bytes (`linear16` on the wire). Always a fresh copy. */
export function int16ToBytesLE(samples: Int16Array): Uint8Array<ArrayBuffer> {
  if (LITTLE_ENDIAN) {
    return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength).slice();
  }
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < samples.length; index++)
    view.setInt16(index * 2, samples[index]!, true);
  return bytes;
}

/**
 * Little-endian 16-bit bytes as PCM16 samples, copied (so any byte offset works). An odd length
 * is an error rather than a silently dropped byte: a stream split mid-sample must carry the odd
 * byte into its next chunk, or every later sample comes out garbled.
 */
export function bytesLEToInt16(bytes: Uint8Array): Int16Array<ArrayBuffer> {
  if (bytes.length % 2 !== 0) {
    throw new SwitchboardError(
      `bytesLEToInt16: ${bytes.length} bytes is not a whole number of 16-bit samples`,
      { code: 'invalid_argument' },
    );
  }
  const samples = new Int16Array(bytes.length / 2);
  if (LITTLE_ENDIAN) {
    new Uint8Array(samples.buffer).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let index = 0; index < samples.length; index++)
      samples[index] = view.getInt16(index * 2, true);
  }
  return samples;
}

/** Root mean square of the samples, in sample units (0 for no samples). */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let index = 0; index < samples.length; index++) sum += samples[index]! * samples[index]!;
  return Math.sqrt(sum / samples.length);
}

/**
 * Level in dB relative to full scale: 20·log10(rms / 32768). A full-scale square wave is 0 dBFS,
 * a full-scale sine about −3 dBFS, silence −Infinity.
 */
export function dbfs(samples: Int16Array): number {
  return 20 * Math.log10(rms(samples) / 32768);
}

/** Joins chunks of samples into one array. */
export function concatInt16(parts: readonly Int16Array[]): Int16Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Int16Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * Adds `source` × `gain` into `target` starting at `offset`, saturating at the 16-bit limits
 * instead of wrapping. Samples of `source` past the end of `target` are ignored. Returns `target`.
 */
export function mixInto(target: Int16Array, source: Int16Array, offset = 0, gain = 1): Int16Array {
  const end = Math.min(target.length, offset + source.length);
  for (let index = Math.max(0, offset); index < end; index++) {
    const sum = Math.round(target[index]! + source[index - offset]! * gain);
    target[index] = sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
  }
  return target;
}

/** `ms` milliseconds of silence at `sampleRate` (rounded to the nearest sample). */
export function silence(ms: number, sampleRate: number): Int16Array<ArrayBuffer> {
  return new Int16Array(Math.max(0, Math.round((ms * sampleRate) / 1000)));
}
