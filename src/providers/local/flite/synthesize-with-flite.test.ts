import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../errors/config-error.js';
import { synthesizeWithFlite, type FliteVoice } from './synthesize-with-flite.js';

function rmsDbfs(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return 20 * Math.log10(Math.sqrt(sum / samples.length) / 32768);
}

describe('synthesizeWithFlite', () => {
  it('speaks a sentence as audible 16 kHz audio of plausible length', async () => {
    const { samples, sampleRate } = await synthesizeWithFlite(
      'Your appointment is booked for Tuesday at three in the afternoon.',
    );
    expect(sampleRate).toBe(16000);
    const seconds = samples.length / sampleRate;
    expect(seconds).toBeGreaterThan(2);
    expect(seconds).toBeLessThan(8);
    expect(rmsDbfs(samples)).toBeGreaterThan(-35);
  });

  it.each<FliteVoice>(['rms', 'slt', 'awb'])('speaks with the %s voice', async (voice) => {
    const { samples, sampleRate } = await synthesizeWithFlite('Good morning.', { voice });
    expect(sampleRate).toBe(16000);
    expect(samples.length / sampleRate).toBeGreaterThan(0.4);
  });

  it('speaks quotes, newlines and leading dashes as text, touching no other file', async () => {
    const watched = await mkdtemp(join(tmpdir(), 'flite-test-'));
    try {
      const texts = [
        `-o ${join(watched, 'evil.wav')}`,
        '--help',
        'She said "hello"; then \'goodbye\' && $(echo hi) `ls`',
        'first line\nsecond line\r\n\ttab',
        'nul\0byte and unicode café “quoted” 😀',
      ];
      for (const text of texts) {
        const { samples } = await synthesizeWithFlite(text);
        expect(samples.length).toBeGreaterThan(1600);
      }
      expect(await readdir(watched)).toEqual([]);
    } finally {
      await rm(watched, { recursive: true, force: true });
    }
  });

  it('runs concurrent requests, each with its own result', async () => {
    const texts = ['One.', 'This is the second and much longer sentence of the three.', 'Three.'];
    const results = await Promise.all(texts.map((text) => synthesizeWithFlite(text)));
    const lengths = results.map((result) => result.samples.length);
    expect(lengths[1]).toBeGreaterThan(2 * (lengths[0] ?? 0));
    const again = await synthesizeWithFlite(texts[1] ?? '');
    expect(again.samples).toEqual(results[1]?.samples);
  });

  it('rejects an unknown voice and an aborted request', async () => {
    await expect(
      synthesizeWithFlite('hi', { voice: 'kal' as unknown as FliteVoice }),
    ).rejects.toThrow(ConfigError);
    const controller = new AbortController();
    const pending = synthesizeWithFlite('A queued request.', { abortSignal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    // The worker may still be running it; wait so that the test ends with the worker idle.
    await synthesizeWithFlite('Done.');
  });
});
