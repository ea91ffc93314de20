import { describe, expect, it } from 'vitest';
import { trimSilence } from './trim-silence.js';

/** `seconds` of a 440 Hz tone at `amplitude`. */
function tone(seconds: number, amplitude: number, sampleRate = 16000): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * sampleRate) }, (_, index) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * 440 * index) / sampleRate)),
  );
}

function concat(...parts: Int16Array[]): Int16Array {
  const output = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.length;
  }
  return output;
}

describe('trimSilence', () => {
  it('cuts quiet head and tail, keeping the middle including its pauses', () => {
    const loud = tone(0.5, 10000);
    const audio = concat(new Int16Array(8000), loud, new Int16Array(1600), loud, tone(0.3, 50));
    const trimmed = trimSilence(audio, 16000);
    expect(trimmed.length).toBe(loud.length * 2 + 1600);
    expect(trimmed).toEqual(audio.subarray(8000, 8000 + trimmed.length));
  });

  it('honours the threshold', () => {
    const quiet = tone(0.2, 300); // about -43 dBFS RMS
    const audio = concat(quiet, tone(0.2, 10000), quiet);
    expect(trimSilence(audio, 16000)).toHaveLength(3200);
    expect(trimSilence(audio, 16000, -50)).toHaveLength(audio.length);
  });

  it('returns an empty array for silence and a copy otherwise', () => {
    expect(trimSilence(new Int16Array(800), 8000)).toHaveLength(0);
    expect(trimSilence(new Int16Array(0), 8000)).toHaveLength(0);
    const audio = tone(0.1, 10000, 8000);
    const trimmed = trimSilence(audio, 8000);
    trimmed[0] = 123;
    expect(audio[0]).toBe(0);
  });
});
