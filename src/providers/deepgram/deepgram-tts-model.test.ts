import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { createLogger, type Logger } from '../../logging/logger.js';
import { startFakeDeepgram, type FakeDeepgram } from '../../testing/fake-deepgram/fake-deepgram.js';
import { readAll } from '../../testing/shared/read-all.js';
import { syntheticMsPerCharacter } from '../../testing/shared/synthetic-voice.js';
import { waitFor } from '../../testing/shared/wait-for.js';
import { createDeepgramTts } from './deepgram-tts-model.js';

let fake: FakeDeepgram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A debug-level logger whose lines are kept, parsed. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string): void => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('createDeepgramTts against the fake Deepgram', () => {
  it('streams μ-law audio for the pushed text, then usage and finish', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const tts = createDeepgramTts({ apiKey: 'k', baseUrl: fake.url });
    expect(tts.outputFormat).toEqual({ encoding: 'mulaw', sampleRate: 8000 });
    const stream = await tts.stream({});
    stream.pushText('Hello there.');
    stream.pushText('How can I help?');
    stream.end();
    const parts = await readAll(stream.parts);
    const audioBytes = parts.reduce(
      (sum, part) => sum + (part.type === 'audio' ? part.audio.length : 0),
      0,
    );
    const text = 'Hello there. How can I help?';
    expect(audioBytes).toBe(text.length * syntheticMsPerCharacter * 8);
    expect(parts.slice(-2)).toEqual([{ type: 'usage', characters: 27 }, { type: 'finish' }]);
    const record = fake.records[0];
    expect(record?.path).toBe('/v1/speak');
    expect(record?.query).toMatchObject({
      model: 'aura-2-thalia-en',
      encoding: 'mulaw',
      sample_rate: '8000',
    });
    expect(record?.headers['authorization']).toBe('Token k');
    await waitFor(() => record?.received.length === 4);
    expect(record?.received).toEqual([
      { type: 'Speak', text: 'Hello there. ' },
      { type: 'Speak', text: 'How can I help? ' },
      { type: 'Flush' },
      { type: 'Close' },
    ]);
  });

  it('uses the stream voice as the Aura model', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const stream = await createDeepgramTts({ apiKey: 'k', baseUrl: fake.url }).stream({
      voice: 'aura-2-orion-en',
    });
    stream.end();
    expect(await readAll(stream.parts)).toEqual([{ type: 'finish' }]);
    expect(fake.records[0]?.query['model']).toBe('aura-2-orion-en');
  });

  it('abort sends Clear, closes the socket and ends the parts', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', ttsFirstByteMs: 2000 });
    const controller = new AbortController();
    const stream = await createDeepgramTts({ apiKey: 'k', baseUrl: fake.url }).stream({
      abortSignal: controller.signal,
    });
    stream.pushText('This will be interrupted.');
    stream.end();
    await waitFor(() => fake?.records[0]?.received.length === 2);
    controller.abort();
    expect(await readAll(stream.parts)).toEqual([{ type: 'finish' }]);
    const active = fake;
    await waitFor(() => active.activeConnections === 0);
    expect(active.records[0]?.received.at(-1)).toEqual({ type: 'Clear' });
  });

  it('rejects stream() with a 401 ProviderError on a bad key', async () => {
    fake = await startFakeDeepgram({ apiKey: 'right' });
    const failure = await createDeepgramTts({ apiKey: 'wrong', baseUrl: fake.url })
      .stream({})
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 401, provider: 'deepgram' });
  });

  it('turns a drop before Flushed into a retryable error and finish', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', dropAfterMs: 50, ttsFirstByteMs: 2000 });
    const stream = await createDeepgramTts({ apiKey: 'k', baseUrl: fake.url }).stream({});
    stream.pushText('Never finished.');
    stream.end();
    const parts = await readAll(stream.parts);
    expect(parts.map((part) => part.type)).toEqual(['error', 'finish']);
    expect(parts[0]?.type === 'error' && parts[0].error.retryable).toBe(true);
  });

  it("logs about the utterance with the call's logger, tagged with provider and component", async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const model = captureLogs();
    const call = captureLogs();
    const tts = createDeepgramTts({ apiKey: 'k', baseUrl: fake.url, logger: model.logger });
    const stream = await tts.stream({ logger: call.logger.child({ callId: 'call-2' }) });
    fake.sendRaw(0, 'not json');
    await waitFor(() => call.lines.length > 0);
    stream.pushText('Hi.');
    stream.end();
    await readAll(stream.parts);
    expect(call.lines).toContainEqual(
      expect.objectContaining({
        callId: 'call-2',
        provider: 'deepgram',
        component: 'tts',
        msg: 'Deepgram TTS sent a frame that is not a JSON object, ignoring it',
      }),
    );
    expect(model.lines).toEqual([]);
  });
});
