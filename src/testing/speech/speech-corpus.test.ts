import { describe, expect, it } from 'vitest';
import { createSpeechCorpus } from './speech-corpus.js';
import { trimSilence } from './trim-silence.js';

describe('createSpeechCorpus', () => {
  it('speaks at 16 kHz, once per text and voice, handing out copies', async () => {
    const corpus = createSpeechCorpus();
    const [first, concurrent] = await Promise.all([
      corpus.speak('Yes, that works for me.'),
      corpus.speak('Yes, that works for me.'),
    ]);
    expect(first.sampleRate).toBe(16000);
    expect(first.samples.length / 16000).toBeGreaterThan(0.8);
    expect(concurrent.samples).toEqual(first.samples);
    first.samples.fill(0);
    const again = await corpus.speak('Yes, that works for me.');
    expect(trimSilence(again.samples, 16000).length).toBeGreaterThan(8000);
  });

  it('keeps voices apart', async () => {
    const corpus = createSpeechCorpus();
    const rms = await corpus.speak('Friday afternoon.');
    const slt = await corpus.speak('Friday afternoon.', 'slt');
    expect(slt.samples).not.toEqual(rms.samples);
  });
});
