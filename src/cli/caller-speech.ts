import { readFile } from 'node:fs/promises';
import { MULAW_8K } from '../audio/audio-frame.js';
import { convertPcmClip } from '../audio/audio-converter.js';
import { parseWav } from '../audio/wav.js';
import { createSpeechCorpus } from '../testing/speech/index.js';
import { trimSilence } from '../testing/speech/trim-silence.js';

function toMulaw8k(samples: Int16Array, sampleRate: number): Uint8Array {
  return convertPcmClip(samples, sampleRate, MULAW_8K);
}

/** Caller lines spoken by Flite, as the μ-law 8 kHz a phone network would carry. */
export function createCallerSpeech(
  voice: 'rms' | 'slt' | 'awb' = 'rms',
): (text: string) => Promise<Uint8Array> {
  const corpus = createSpeechCorpus();
  // One copy per line: many simulated callers then share the same frames.
  const lines = new Map<string, Promise<Uint8Array>>();
  return (text) => {
    let audio = lines.get(text);
    if (audio === undefined) {
      audio = corpus
        .speak(text, voice)
        .then((spoken) =>
          toMulaw8k(trimSilence(spoken.samples, spoken.sampleRate), spoken.sampleRate),
        );
      lines.set(text, audio);
    }
    return audio;
  };
}

/** A WAV file (any rate, first channel) as μ-law 8 kHz. */
export async function readWavAsMulaw8k(path: string): Promise<Uint8Array> {
  const wav = parseWav(new Uint8Array(await readFile(path)));
  const channel = wav.channels[0];
  if (channel === undefined) throw new Error(`${path}: the WAV file has no audio channel`);
  return toMulaw8k(channel, wav.sampleRate);
}
