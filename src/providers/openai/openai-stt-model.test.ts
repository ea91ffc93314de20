import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../testing/fake-openai/index.js';
import type { FakeOpenAi } from '../../testing/fake-openai/index.js';
import { readAll } from '../../testing/shared/read-all.js';
import { createOpenAiStt } from './openai-stt-model.js';

/** A 220 Hz tone at 16 kHz, little-endian PCM16. */
function tone(seconds: number, amplitude = 8000): Uint8Array {
  const samples = Math.round(seconds * 16000);
  const bytes = new Uint8Array(samples * 2);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < samples; index += 1)
    view.setInt16(
      index * 2,
      Math.round(amplitude * Math.sin((2 * Math.PI * 220 * index) / 16000)),
      true,
    );
  return bytes;
}

/** Writes in deliberately odd pieces so samples straddle writes. */
function writeInPieces(
  write: (audio: Uint8Array) => void,
  audio: Uint8Array,
  pieceBytes = 321,
): void {
  for (let start = 0; start < audio.byteLength; start += pieceBytes)
    write(audio.subarray(start, start + pieceBytes));
}

describe('createOpenAiStt against the fake server', () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi({
      transcribe: (request, index) => `utterance ${index} (${request.file.bytes.byteLength} bytes)`,
    });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('declares per-utterance capabilities and 16 kHz PCM16 input', () => {
    const stt = createOpenAiStt({ baseUrl: fake.url });
    expect(stt.modelId).toBe('whisper-1');
    expect(stt.capabilities).toEqual({
      streaming: false,
      interimResults: false,
      wordTimings: false,
      endpointing: false,
    });
    expect(stt.inputFormat).toEqual({ encoding: 'linear16', sampleRate: 16000 });
  });

  it('posts each finalized utterance as a WAV and emits finals in order, then finish on close', async () => {
    const stt = createOpenAiStt({ baseUrl: fake.url, apiKey: 'sk-x', language: 'fr' });
    const stream = await stt.stream({ language: 'en-US' });
    const collected = readAll(stream.parts);
    const first = tone(0.5);
    writeInPieces((audio) => stream.write(audio), first);
    stream.finalize();
    writeInPieces((audio) => stream.write(audio), tone(0.25));
    stream.finalize();
    stream.close();
    const parts = await collected;

    expect(parts).toEqual([
      {
        type: 'transcript-final',
        text: `utterance 0 (${44 + first.byteLength} bytes)`,
        speechFinal: true,
      },
      { type: 'usage', audioSeconds: 0.5 },
      { type: 'transcript-final', text: `utterance 1 (${44 + 8000} bytes)`, speechFinal: true },
      { type: 'usage', audioSeconds: 0.25 },
      { type: 'finish' },
    ]);
    const upload = fake.requests[0]!.body as {
      fields: Record<string, string>;
      file: { name: string; type: string; bytes: Uint8Array };
    };
    expect(fake.requests[0]!.path).toBe('/v1/audio/transcriptions');
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-x');
    expect(upload.fields).toEqual({ model: 'whisper-1', response_format: 'json', language: 'en' });
    expect(upload.file.type).toBe('audio/wav');
    const header = Buffer.from(upload.file.bytes.subarray(0, 44));
    expect(header.toString('ascii', 0, 4)).toBe('RIFF');
    expect(header.readUInt32LE(24)).toBe(16000);
    expect(header.readUInt32LE(40)).toBe(first.byteLength);
    expect(Buffer.from(upload.file.bytes.subarray(44)).equals(Buffer.from(first))).toBe(true);
  });

  it('skips the request for very short or silent audio but still answers the finalize', async () => {
    const stream = await createOpenAiStt({ baseUrl: fake.url }).stream({});
    const collected = readAll(stream.parts);
    stream.write(tone(0.05));
    stream.finalize();
    stream.write(new Uint8Array(32000));
    stream.finalize();
    stream.close();
    expect(await collected).toEqual([
      { type: 'transcript-final', text: '', speechFinal: true },
      { type: 'transcript-final', text: '', speechFinal: true },
      { type: 'finish' },
    ]);
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps emission order when a later request finishes first', async () => {
    await fake.close();
    fake = await startFakeOpenAi({
      transcribe: async (_request, index) => {
        await new Promise((resolve) => setTimeout(resolve, index === 0 ? 150 : 0));
        return `reply ${index}`;
      },
    });
    const stream = await createOpenAiStt({ baseUrl: fake.url }).stream({});
    const collected = readAll(stream.parts);
    stream.write(tone(0.3));
    stream.finalize();
    stream.write(tone(0.3));
    stream.finalize();
    stream.close();
    const finals = (await collected).flatMap((part) =>
      part.type === 'transcript-final' ? [part.text] : [],
    );
    expect(finals).toEqual(['reply 0', 'reply 1']);
  });

  it('turns server failures into error parts and keeps working', async () => {
    fake.failNext(500, 1);
    const stream = await createOpenAiStt({ baseUrl: fake.url }).stream({});
    const collected = readAll(stream.parts);
    stream.write(tone(0.3));
    stream.finalize();
    stream.write(tone(0.3));
    stream.finalize();
    stream.close();
    const parts = await collected;
    expect(parts[0]).toMatchObject({ type: 'error', error: { status: 500, retryable: true } });
    expect(parts.slice(1).map((part) => part.type)).toEqual([
      'transcript-final',
      'usage',
      'finish',
    ]);
  });

  it('keeps at most 60 s of audio, dropping the oldest', async () => {
    const stream = await createOpenAiStt({ baseUrl: fake.url }).stream({});
    const collected = readAll(stream.parts);
    const second = tone(1);
    for (let index = 0; index < 61; index += 1) stream.write(second);
    stream.finalize();
    stream.close();
    const parts = await collected;
    expect(parts).toContainEqual({ type: 'usage', audioSeconds: 60 });
  });

  it('ends the parts stream without finish when aborted', async () => {
    await fake.close();
    fake = await startFakeOpenAi({
      transcribe: () => new Promise((resolve) => setTimeout(() => resolve('late'), 2000)),
    });
    const controller = new AbortController();
    const stream = await createOpenAiStt({ baseUrl: fake.url }).stream({
      abortSignal: controller.signal,
    });
    const collected = readAll(stream.parts);
    stream.write(tone(0.3));
    stream.finalize();
    setTimeout(() => controller.abort(), 50);
    expect(await collected).toEqual([]);

    const early = await createOpenAiStt({ baseUrl: fake.url }).stream({
      abortSignal: AbortSignal.abort(),
    });
    early.write(tone(0.3));
    early.finalize();
    early.close();
    expect(await readAll(early.parts)).toEqual([]);
  });
});
