import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../errors/config-error.js';
import { ProviderError } from '../../../errors/provider-error.js';
import { createLogger, type Logger } from '../../../logging/logger.js';
import type { TtsStreamPart, TtsStreamV1 } from '../../spec/tts-model-v1.js';
import { createFliteTts } from './flite-tts-model.js';
import { synthesizeWithFlite, type FliteVoice } from './synthesize-with-flite.js';

async function readAll(stream: TtsStreamV1): Promise<TtsStreamPart[]> {
  const parts: TtsStreamPart[] = [];
  for await (const part of stream.parts) parts.push(part);
  return parts;
}

function audioBytes(parts: TtsStreamPart[]): Uint8Array {
  const chunks = parts.flatMap((part) => (part.type === 'audio' ? [part.audio] : []));
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function littleEndian(samples: Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, index) => view.setInt16(index * 2, sample, true));
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

describe('createFliteTts', () => {
  const tts = createFliteTts();

  it('declares what it is', () => {
    expect(tts).toMatchObject({
      specificationVersion: 'v1',
      provider: 'flite',
      outputFormat: { encoding: 'linear16', sampleRate: 16000 },
      capabilities: { streamingInput: false, alignment: false },
    });
  });

  it('speaks a sentence as ≤ 100 ms PCM16 parts, then usage and finish', async () => {
    const text = 'Thank you for calling. How can I help you today?';
    const stream = await tts.stream({});
    stream.pushText(text);
    stream.end();
    const parts = await readAll(stream);
    const audio = parts.filter((part) => part.type === 'audio');
    expect(audio.length).toBeGreaterThan(10);
    for (const part of audio) expect(part.audio.length).toBeLessThanOrEqual(3200);
    expect(parts.slice(audio.length)).toEqual([
      { type: 'usage', characters: text.length },
      { type: 'finish' },
    ]);
    const bytes = audioBytes(parts);
    const seconds = bytes.length / 2 / 16000;
    expect(seconds).toBeGreaterThan(1.5);
    expect(seconds).toBeLessThan(6);
    const view = new DataView(bytes.buffer);
    let peak = 0;
    for (let offset = 0; offset < bytes.length; offset += 2) {
      peak = Math.max(peak, Math.abs(view.getInt16(offset, true)));
    }
    expect(peak).toBeGreaterThan(3000);
  });

  it('speaks pieces in the order they were pushed', async () => {
    const pieces = ['First, the good news.', 'Second.', 'And finally, the third piece of text.'];
    const expected = await Promise.all(pieces.map((piece) => synthesizeWithFlite(piece)));
    const stream = await tts.stream({ voice: 'rms' });
    const reading = readAll(stream);
    for (const piece of pieces) stream.pushText(piece);
    stream.end();
    const parts = await reading;
    const concatenated = audioBytes(
      expected.map((audio) => ({
        type: 'audio' as const,
        audio: littleEndian(audio.samples),
      })),
    );
    expect(audioBytes(parts)).toEqual(concatenated);
    expect(parts.at(-2)).toEqual({ type: 'usage', characters: pieces.join('').length });
  });

  it('gives just finish for empty or blank text', async () => {
    const empty = await tts.stream({});
    empty.end();
    expect(await readAll(empty)).toEqual([{ type: 'finish' }]);
    const blank = await tts.stream({});
    blank.pushText('');
    blank.pushText('  \n ');
    blank.end();
    expect(await readAll(blank)).toEqual([{ type: 'finish' }]);
  });

  it('stops on abort: pending text is dropped and the parts stream ends without finish', async () => {
    const first = 'This sentence may or may not be spoken before the caller interrupts.';
    const firstBytes = (await synthesizeWithFlite(first)).samples.length * 2;
    const controller = new AbortController();
    const stream = await tts.stream({ abortSignal: controller.signal });
    const reading = readAll(stream);
    stream.pushText(first);
    stream.pushText('This one is never spoken, because the caller interrupted.');
    stream.end();
    setTimeout(() => controller.abort(), 1);
    const parts = await reading;
    expect(parts.some((part) => part.type === 'finish' || part.type === 'usage')).toBe(false);
    expect(audioBytes(parts).length).toBeLessThanOrEqual(firstBytes);
    stream.pushText('Pushed after the abort: ignored.');
  });

  it('ends at once when the signal is already aborted', async () => {
    const stream = await tts.stream({ abortSignal: AbortSignal.abort() });
    stream.pushText('Never spoken.');
    stream.end();
    expect(await readAll(stream)).toEqual([]);
  });

  it('stops when the reader cancels the parts stream', async () => {
    const stream = await tts.stream({});
    stream.pushText('Some text to speak for a while, long enough to cancel in the middle.');
    stream.end();
    const reader = stream.parts.getReader();
    await reader.read();
    await reader.cancel();
    // Pushing after cancellation must be harmless.
    stream.pushText('Ignored.');
    await synthesizeWithFlite('Wait for the worker to be idle.');
  });

  it('rejects unknown voices', async () => {
    expect(() => createFliteTts({ voice: 'kal' as unknown as FliteVoice })).toThrow(ConfigError);
    await expect(tts.stream({ voice: 'kal' })).rejects.toThrow(ProviderError);
  });

  it("logs about the utterance with the call's logger, tagged with provider and component", async () => {
    const model = captureLogs();
    const call = captureLogs();
    const logged = createFliteTts({ logger: model.logger });
    const stream = await logged.stream({ logger: call.logger.child({ callId: 'call-6' }) });
    stream.pushText('Hi.');
    stream.end();
    await readAll(stream);
    expect(call.lines).toContainEqual(
      expect.objectContaining({
        callId: 'call-6',
        provider: 'flite',
        component: 'tts',
        characters: 3,
        msg: 'Flite utterance synthesized',
      }),
    );
    expect(model.lines).toEqual([]);
  });
});
