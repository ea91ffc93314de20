import { mulawEncode } from '../../audio/g711.js';

/** Duration of one character of synthetic speech. */
export const syntheticMsPerCharacter = 65;

const sampleRate = 8000;
const samplesPerCharacter = (syntheticMsPerCharacter * sampleRate) / 1000;
const peakAmplitude = 9000;
const tableSize = 512;
const cacheLimit = 128;

/** One pitch period with a few decaying harmonics, so the result sounds buzzy and voice-like. */
const wavetable: Float32Array = (() => {
  const harmonics = [1, 0.6, 0.35, 0.2];
  const table = new Float32Array(tableSize);
  let max = 0;
  for (let index = 0; index < tableSize; index += 1) {
    const phase = (2 * Math.PI * index) / tableSize;
    let value = 0;
    harmonics.forEach((weight, harmonic) => {
      value += weight * Math.sin((harmonic + 1) * phase);
    });
    table[index] = value;
    max = Math.max(max, Math.abs(value));
  }
  for (let index = 0; index < tableSize; index += 1) table[index] = (table[index] ?? 0) / max;
  return table;
})();

const cache = new Map<string, Uint8Array>();

/**
 * Cheap voiced-like audio for `text`: 65 ms per character, loud on vowels, softer on consonants,
 * silent on spaces and punctuation, with a falling pitch. μ-law 8 kHz. Results are cached, so the
 * returned array must not be modified.
 */
export function synthesizeVoice(text: string): Uint8Array {
  const trimmed = text.trim();
  const cached = cache.get(trimmed);
  if (cached !== undefined) return cached;
  const samples = new Int16Array(trimmed.length * samplesPerCharacter);
  let phase = 0;
  let amplitude = 0;
  // One-pole smoothing with a ~8 ms time constant avoids clicks between characters.
  const smoothing = 1 / (0.008 * sampleRate);
  let sampleIndex = 0;
  for (let position = 0; position < trimmed.length; position += 1) {
    const character = trimmed[position] ?? ' ';
    const target = /[aeiouy]/i.test(character) ? 1 : /[a-z0-9]/i.test(character) ? 0.6 : 0;
    const progress = position / Math.max(1, trimmed.length);
    const pitch = 135 - 30 * progress + 8 * Math.sin(position * 0.9);
    const step = (pitch * tableSize) / sampleRate;
    for (let sample = 0; sample < samplesPerCharacter; sample += 1) {
      amplitude += (target - amplitude) * smoothing;
      phase = (phase + step) % tableSize;
      samples[sampleIndex] = Math.round(
        (wavetable[Math.floor(phase)] ?? 0) * amplitude * peakAmplitude,
      );
      sampleIndex += 1;
    }
  }
  const output = mulawEncode(samples);
  if (cache.size >= cacheLimit) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(trimmed, output);
  return output;
}
