import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../logging/logger.js';
import { startFakeOpenAi, synthesizeSpeechLikePcm } from '../../testing/fake-openai/index.js';
import type { FakeOpenAi } from '../../testing/fake-openai/index.js';
import { readAll } from '../../testing/shared/read-all.js';
import type { TtsStreamPart } from '../spec/tts-model-v1.js';
import { createOpenAiTts } from './openai-tts-model.js';

function audioBytes(parts: TtsStreamPart[]): Buffer {
  return Buffer.concat(parts.flatMap((part) => (part.type === 'audio' ? [part.audio] : [])));
}

function littleEndian(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => bytes.writeInt16LE(sample, index * 2));
  return bytes;
}

/** A debug-level logger whose lines are kept, parsed. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string): void => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('createOpenAiTts against the fake server', () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    // Odd piece sizes with a pause between them: samples straddle network chunks.
    fake = await startFakeOpenAi({ speechChunkBytes: 333, speechChunkIntervalMs: 1 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('streams whole-sample audio for each piece in order, then usage and finish', async () => {
    // Watches the raw body chunks, to prove some of them really ended mid-sample.
    const rawChunkSizes: number[] = [];
    const watchingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const watched = response.body?.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            rawChunkSizes.push(chunk.byteLength);
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(watched, { status: response.status, headers: response.headers });
    };
    const tts = createOpenAiTts({ baseUrl: fake.url, fetch: watchingFetch });
    expect(tts.outputFormat).toEqual({ encoding: 'linear16', sampleRate: 24000 });
    expect(tts.capabilities).toEqual({ streamingInput: false, alignment: false });
    const stream = await tts.stream({});
    const collected = readAll(stream.parts);
    stream.pushText('Hello there.');
    stream.pushText('How can I help?');
    stream.end();
    const parts = await collected;

    expect(rawChunkSizes.some((size) => size % 2 === 1)).toBe(true);
    const audioParts = parts.filter((part) => part.type === 'audio');
    expect(audioParts.length).toBeGreaterThan(2);
    for (const part of audioParts) expect(part.audio.byteLength % 2).toBe(0);
    const expected = Buffer.concat([
      littleEndian(synthesizeSpeechLikePcm('Hello there.', { voice: 'alloy' })),
      littleEndian(synthesizeSpeechLikePcm('How can I help?', { voice: 'alloy' })),
    ]);
    expect(audioBytes(parts).equals(expected)).toBe(true);
    expect(parts.slice(-2)).toEqual([{ type: 'usage', characters: 27 }, { type: 'finish' }]);
    expect(fake.requests.map((request) => request.body)).toEqual([
      { model: 'tts-1', input: 'Hello there.', voice: 'alloy', response_format: 'pcm' },
      { model: 'tts-1', input: 'How can I help?', voice: 'alloy', response_format: 'pcm' },
    ]);
  });

  it('keeps push order when a later piece is synthesized faster', async () => {
    await fake.close();
    fake = await startFakeOpenAi({
      speechChunkBytes: 101,
      synthesize: async (request) => {
        if (request.input === 'first') await new Promise((resolve) => setTimeout(resolve, 150));
        return new Int16Array(2400).fill(request.input === 'first' ? 100 : 200);
      },
    });
    const stream = await createOpenAiTts({
      baseUrl: fake.url,
      voice: 'nova',
      model: 'tts-1-hd',
    }).stream({ providerOptions: { openai: { speed: 1.25 } } });
    const collected = readAll(stream.parts);
    stream.pushText('first');
    stream.pushText('second');
    stream.end();
    const audio = audioBytes(await collected);
    const samples = Array.from({ length: audio.byteLength / 2 }, (_, index) =>
      audio.readInt16LE(index * 2),
    );
    expect(samples).toEqual([...Array<number>(2400).fill(100), ...Array<number>(2400).fill(200)]);
    expect(fake.requests[0]!.body).toMatchObject({ model: 'tts-1-hd', voice: 'nova', speed: 1.25 });
  });

  it('emits one error part and stops on a failed request', async () => {
    fake.failNext(401, 1, { message: 'Incorrect API key provided.' });
    const stream = await createOpenAiTts({ baseUrl: fake.url }).stream({});
    const collected = readAll(stream.parts);
    stream.pushText('Hello.');
    stream.pushText('Again.');
    stream.end();
    const parts = await collected;
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { status: 401, retryable: false } });
    expect(parts[0]?.type === 'error' && parts[0].error.message).toContain('Incorrect API key');
  });

  it('stops quietly on abort and cancels the in-flight request', async () => {
    await fake.close();
    fake = await startFakeOpenAi({ speechChunkBytes: 480, speechChunkIntervalMs: 20 });
    const controller = new AbortController();
    const stream = await createOpenAiTts({ baseUrl: fake.url }).stream({
      abortSignal: controller.signal,
    });
    stream.pushText('This sentence is long enough to take a good while to stream at this pace.');
    stream.end();
    const parts: TtsStreamPart[] = [];
    for await (const part of stream.parts) {
      parts.push(part);
      controller.abort();
    }
    expect(parts.length).toBeGreaterThanOrEqual(1);
    expect(parts.every((part) => part.type === 'audio')).toBe(true);

    const early = await createOpenAiTts({ baseUrl: fake.url }).stream({
      abortSignal: AbortSignal.abort(),
    });
    early.pushText('Never spoken.');
    early.end();
    expect(await readAll(early.parts)).toEqual([]);
  });

  it('finishes at once when ended without text', async () => {
    const stream = await createOpenAiTts({ baseUrl: fake.url }).stream({});
    stream.pushText('   ');
    stream.end();
    expect(await readAll(stream.parts)).toEqual([{ type: 'finish' }]);
    expect(fake.requests).toHaveLength(0);
  });

  it("logs about the utterance with the call's logger, tagged with provider and component", async () => {
    const model = captureLogs();
    const call = captureLogs();
    const tts = createOpenAiTts({ baseUrl: fake.url, logger: model.logger });
    const stream = await tts.stream({ logger: call.logger.child({ callId: 'call-5' }) });
    stream.pushText('Hello.');
    stream.end();
    stream.pushText('Too late.');
    await readAll(stream.parts);
    expect(call.lines).toContainEqual(
      expect.objectContaining({
        callId: 'call-5',
        provider: 'openai',
        component: 'tts',
        msg: 'openai speech text pushed after end() was ignored',
      }),
    );
    expect(model.lines).toEqual([]);
  });
});
