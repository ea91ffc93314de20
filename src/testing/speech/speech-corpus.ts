import {
  synthesizeWithFlite,
  type FliteVoice,
} from '../../providers/local/flite/synthesize-with-flite.js';

/** Synthetic speech for tests and the simulated caller: mono PCM16 at 16 kHz. */
export interface SpokenAudio {
  readonly samples: Int16Array;
  readonly sampleRate: 16000;
}

export interface SpeechCorpus {
  /**
   * `text` spoken by a Flite voice (default `rms`, the one local recognition handles best).
   * Synthesized once per (text, voice); every call gets its own copy to modify freely.
   */
  speak(text: string, voice?: FliteVoice): Promise<SpokenAudio>;
}

/**
 * A memory cache of Flite speech. Create one per test file (or one for a simulated caller);
 * it holds every utterance it has spoken until dropped.
 *
 * @example
 * const corpus = createSpeechCorpus();
 * const { samples } = await corpus.speak('I would like to book a table.');
 */
export function createSpeechCorpus(): SpeechCorpus {
  const cache = new Map<string, Promise<Int16Array>>();
  return {
    async speak(text, voice = 'rms') {
      const key = `${voice}\n${text}`;
      let pending = cache.get(key);
      if (pending === undefined) {
        pending = synthesizeWithFlite(text, { voice }).then((audio) => {
          if (audio.sampleRate !== 16000) {
            throw new Error(`Flite voice ${voice} spoke at ${audio.sampleRate} Hz, expected 16000`);
          }
          return audio.samples;
        });
        // A failure is not cached: the next call tries again.
        pending.catch(() => cache.delete(key));
        cache.set(key, pending);
      }
      const samples = await pending;
      return { samples: samples.slice(), sampleRate: 16000 };
    },
  };
}
