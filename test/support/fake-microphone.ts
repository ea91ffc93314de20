import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { convertPcmClip } from '../../src/audio/audio-converter.js';
import { encodeWav } from '../../src/audio/wav.js';
import { synthesizeWithFlite } from '../../src/providers/local/flite/synthesize-with-flite.js';

const SAMPLE_RATE = 48_000;

/**
 * A WAV for Chromium's fake microphone (`--use-file-for-fake-audio-capture`), which loops it: a
 * spoken line with Flite, then `silenceMs` of silence, so each loop is one caller turn.
 */
export async function writeFakeMicrophoneWav(
  directory: string,
  line: string,
  silenceMs: number,
): Promise<string> {
  const { samples, sampleRate } = await synthesizeWithFlite(line, { voice: 'slt' });
  const bytes = convertPcmClip(samples, sampleRate, {
    encoding: 'linear16',
    sampleRate: SAMPLE_RATE,
  });
  const speech = new Int16Array(bytes.slice().buffer);
  // Quiet at first, so the agent can finish its greeting before the caller speaks.
  const lead = new Int16Array((SAMPLE_RATE * 5000) / 1000);
  const tail = new Int16Array((SAMPLE_RATE * silenceMs) / 1000);
  const all = new Int16Array(lead.length + speech.length + tail.length);
  all.set(speech, lead.length);
  const path = join(directory, 'fake-microphone.wav');
  await writeFile(path, encodeWav([all], SAMPLE_RATE));
  return path;
}
