import { afterEach, describe, expect, it } from 'vitest';
import { createElevenLabsTts } from '../../providers/elevenlabs/index.js';
import { startFakeElevenLabs, type FakeElevenLabs } from '../../testing/fake-elevenlabs/index.js';
import { waitFor } from '../../testing/shared/wait-for.js';
import { PreviewSynthesisError, synthesizePreview } from './synthesize-preview.js';

const voiceId = '21m00Tcm4TlvDq8ikWAM';
const fakes: FakeElevenLabs[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function startFake(options: Parameters<typeof startFakeElevenLabs>[0]) {
  const fake = await startFakeElevenLabs(options);
  fakes.push(fake);
  return fake;
}

describe('synthesizePreview', () => {
  it('returns the whole utterance as PCM16 at the provider rate', async () => {
    const fake = await startFake({});
    const tts = createElevenLabsTts({ apiKey: 'test', baseUrl: fake.url, voiceId });
    const audio = await synthesizePreview(tts, { text: 'Hello there.', timeoutMs: 10_000 });
    expect(audio.sampleRate).toBe(8000);
    // 65 ms per character in the fake's synthetic voice.
    expect(audio.samples.length).toBeGreaterThan(8000 * 0.5);
  });

  it('gives up at the time limit and closes the connection', async () => {
    const fake = await startFake({ firstByteDelayMs: 60_000 });
    const tts = createElevenLabsTts({ apiKey: 'test', baseUrl: fake.url, voiceId });
    const failure = await synthesizePreview(tts, { text: 'Too slow.', timeoutMs: 300 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PreviewSynthesisError);
    expect(failure).toMatchObject({ provider: 'elevenlabs', code: 'provider_timeout' });
    await waitFor(() => fake.activeConnections === 0, 5000);
  });

  it("turns the provider's error into a failure naming it", async () => {
    const fake = await startFake({ voices: ['AAAAAAAAAAAAAAAAAAAA'] });
    const tts = createElevenLabsTts({ apiKey: 'test', baseUrl: fake.url, voiceId });
    const failure = await synthesizePreview(tts, { text: 'Who am I?', timeoutMs: 10_000 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PreviewSynthesisError);
    expect(failure).toMatchObject({ provider: 'elevenlabs' });
    expect((failure as Error).message).toMatch(/voice/i);
  });
});
