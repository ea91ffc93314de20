import { describe, expect, it } from 'vitest';
import { DEFAULT_VAD } from './session-options.js';
import { SpeechDetector } from './speech-detector.js';

const WINDOW = 256; // 32 ms at 8 kHz

function run(probabilities: number[], settings = DEFAULT_VAD) {
  const events: string[] = [];
  const detector = new SpeechDetector(settings, 8000, {
    onSpeechStart: (sample) => events.push(`start@${sample}`),
    onSpeechEnd: (sample, forced) => events.push(`end@${sample}${forced ? ' forced' : ''}`),
  });
  probabilities.forEach((probability, index) =>
    detector.push(probability, index * WINDOW, (index + 1) * WINDOW),
  );
  return events;
}

describe('SpeechDetector', () => {
  it('starts after the minimum speech and ends after the minimum silence', () => {
    const events = run([
      0, 0, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
    ]);
    expect(events).toEqual([`start@${2 * WINDOW}`, `end@${6 * WINDOW}`]);
  });

  it('ignores a blip shorter than the minimum speech', () => {
    expect(run([0, 0.9, 0, 0, 0, 0])).toEqual([]);
  });

  it('keeps speaking through probabilities between the two thresholds', () => {
    const events = run([0.9, 0.9, 0.9, 0.9, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]);
    expect(events).toEqual([`start@0`]);
  });

  it('cuts a monologue at the maximum speech length', () => {
    const events = run(
      Array.from({ length: 40 }, () => 0.9),
      { ...DEFAULT_VAD, maxSpeechMs: 500 },
    );
    expect(events[1]).toMatch(/forced$/);
  });
});
