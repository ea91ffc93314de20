import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { createLogger, silentLogger, type Logger } from '../../logging/logger.js';
import { startFakeDeepgram, type FakeDeepgram } from '../../testing/fake-deepgram/fake-deepgram.js';
import { mulawSilence } from '../../testing/fake-deepgram/mulaw.js';
import { synthesizeVoice } from '../../testing/shared/synthetic-voice.js';
import { waitFor } from '../../testing/shared/wait-for.js';
import type { SttStreamPart, SttStreamV1 } from '../spec/stt-model-v1.js';
import { createDeepgramStt } from './deepgram-stt-model.js';
import { DeepgramSttStream } from './deepgram-stt-stream.js';
import { WebSocket } from 'ws';

let fake: FakeDeepgram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Writes audio in 20 ms frames, as Twilio would (only faster). */
function writeAudio(stream: SttStreamV1, audio: Uint8Array): void {
  for (let offset = 0; offset < audio.length; offset += 160)
    stream.write(audio.subarray(offset, offset + 160));
}

function speech(text: string, trailingSilenceMs: number): Uint8Array {
  const voice = synthesizeVoice(text);
  const silence = mulawSilence(trailingSilenceMs);
  const audio = new Uint8Array(voice.length + silence.length);
  audio.set(voice, 0);
  audio.set(silence, voice.length);
  return audio;
}

/** Reads parts until `until` matches (inclusive) or the stream ends. */
async function readParts(
  parts: ReadableStream<SttStreamPart>,
  until: (part: SttStreamPart) => boolean = () => false,
): Promise<SttStreamPart[]> {
  const reader = parts.getReader();
  const seen: SttStreamPart[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return seen;
      seen.push(value);
      if (until(value)) return seen;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A debug-level logger whose lines are kept, parsed. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string): void => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('createDeepgramStt against the fake Deepgram', () => {
  it('streams partials, a speech-final transcript and UtteranceEnd, then usage and finish', async () => {
    fake = await startFakeDeepgram({ apiKey: 'secret', script: ['hello there my friend'] });
    const stt = createDeepgramStt({ apiKey: 'secret', baseUrl: fake.url.replace('ws:', 'http:') });
    const stream = await stt.stream({ language: 'en-US' });
    writeAudio(stream, speech('hello there my friend', 1400));
    const parts = await readParts(stream.parts, (part) => part.type === 'utterance-end');
    const types = parts.map((part) => part.type);
    expect(types[0]).toBe('speech-start');
    expect(types).toContain('transcript-partial');
    const final = parts.find((part) => part.type === 'transcript-final');
    expect(final).toMatchObject({
      type: 'transcript-final',
      text: 'hello there my friend',
      speechFinal: true,
    });
    expect(final?.type === 'transcript-final' && final.words?.map((word) => word.word)).toEqual([
      'hello',
      'there',
      'my',
      'friend',
    ]);
    expect(types.indexOf('transcript-partial')).toBeLessThan(types.indexOf('transcript-final'));
    const partials = parts.flatMap((part) =>
      part.type === 'transcript-partial' ? [part.text] : [],
    );
    for (const partial of partials) expect('hello there my friend'.startsWith(partial)).toBe(true);
    expect(types.at(-1)).toBe('utterance-end');

    stream.close();
    const rest = await readParts(stream.parts);
    expect(rest.at(-1)).toEqual({ type: 'finish' });
    expect(rest.find((part) => part.type === 'usage')).toMatchObject({ type: 'usage' });
    expect(rest.some((part) => part.type === 'error')).toBe(false);

    const record = fake.records[0];
    expect(record?.headers['authorization']).toBe('Token secret');
    expect(record?.query).toMatchObject({
      model: 'nova-3',
      encoding: 'mulaw',
      sample_rate: '8000',
      channels: '1',
      interim_results: 'true',
      endpointing: '300',
      utterance_end_ms: '1000',
      vad_events: 'true',
      language: 'en-US',
    });
    expect(record?.received.at(-1)).toEqual({ type: 'CloseStream' });
  });

  it('walks the script per utterance and falls back to generated phrases', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', script: ['first one', 'second one'] });
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({});
    writeAudio(stream, speech('first one', 500));
    writeAudio(stream, speech('second one', 500));
    writeAudio(stream, speech('third one', 500));
    stream.close();
    const finals = (await readParts(stream.parts)).filter(
      (part) => part.type === 'transcript-final',
    );
    expect(finals.map((part) => part.type === 'transcript-final' && part.text)).toEqual([
      'first one',
      'second one',
      'utterance three',
    ]);
  });

  it('sends KeepAlive while no audio is written', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', inactivityTimeoutMs: 400 });
    const stream = await createDeepgramStt({
      apiKey: 'k',
      baseUrl: fake.url,
      keepAliveIntervalMs: 40,
    }).stream({});
    await new Promise((resolve) => setTimeout(resolve, 700));
    const received = fake.records[0]?.received ?? [];
    expect(
      received.filter((message) => JSON.stringify(message) === '{"type":"KeepAlive"}').length,
    ).toBeGreaterThan(1);
    // The KeepAlives kept the connection past the fake's inactivity timeout.
    expect(fake.activeConnections).toBe(1);
    stream.close();
    expect((await readParts(stream.parts)).some((part) => part.type === 'error')).toBe(false);
  });

  it('reports the NET-0001 close as a retryable error when nothing keeps the stream alive', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', inactivityTimeoutMs: 100 });
    const stream = await createDeepgramStt({
      apiKey: 'k',
      baseUrl: fake.url,
      keepAliveIntervalMs: 60_000,
    }).stream({});
    const parts = await readParts(stream.parts);
    const error = parts.find((part) => part.type === 'error');
    expect(error?.type === 'error' && error.error.message).toMatch(/NET-0001/);
    expect(error?.type === 'error' && error.error.retryable).toBe(true);
    expect(parts.at(-1)).toEqual({ type: 'finish' });
  });

  it('finalize() turns pending speech into a final at once', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', script: ['book a table'] });
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({});
    writeAudio(stream, synthesizeVoice('book a table'));
    stream.finalize();
    const parts = await readParts(stream.parts, (part) => part.type === 'transcript-final');
    expect(parts.at(-1)).toMatchObject({
      type: 'transcript-final',
      text: 'book a table',
      speechFinal: true,
    });
    expect(fake.records[0]?.received).toContainEqual({ type: 'Finalize' });
    stream.close();
    await readParts(stream.parts);
  });

  it('passes an empty final from Finalize on so the turn can end', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({});
    stream.write(mulawSilence(200));
    stream.finalize();
    const parts = await readParts(stream.parts, (part) => part.type === 'transcript-final');
    expect(parts.at(-1)).toEqual({ type: 'transcript-final', text: '', speechFinal: true });
    stream.close();
    await readParts(stream.parts);
  });

  it('rejects stream() with a ProviderError naming Deepgram and 401 on a bad key', async () => {
    fake = await startFakeDeepgram({ apiKey: 'right' });
    const stt = createDeepgramStt({ apiKey: 'wrong', baseUrl: fake.url });
    const failure = await stt.stream({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    const error = failure as ProviderError;
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/Deepgram.*401/);
    expect(error.message).toMatch(/Invalid credentials/);
  });

  it('rejects with a retryable ProviderError when the upgrade fails with 503', async () => {
    fake = await startFakeDeepgram({ failConnections: 1 });
    const failure = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url })
      .stream({})
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ProviderError', status: 503, retryable: true });
    // The next attempt goes through.
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({});
    stream.close();
    await readParts(stream.parts);
  });

  it('turns a provider drop mid-stream into a retryable error part and then finish', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', dropAfterMs: 100 });
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({});
    stream.write(mulawSilence(100));
    const parts = await readParts(stream.parts);
    expect(parts.map((part) => part.type)).toEqual(['error', 'finish']);
    const error = parts[0];
    expect(error?.type === 'error' && error.error).toMatchObject({
      provider: 'deepgram',
      retryable: true,
      code: 'connection_lost',
    });
    stream.write(mulawSilence(20));
    stream.finalize();
    stream.close();
  });

  it('ignores malformed frames and keeps transcribing', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', script: ['still working'] });
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({});
    const active = fake;
    active.sendRaw(0, 'this is not json {');
    active.sendRaw(0, '[1,2,3]');
    active.sendRaw(0, '{"type":"Results","is_final":true,"channel":{"alternatives":"nope"}}');
    active.sendRaw(
      0,
      '{"type":"Results","is_final":false,"channel":{"alternatives":[{"transcript":42,"words":[{"word":1}]}]}}',
    );
    active.sendRaw(0, '{"type":"SomethingNew"}');
    active.sendRaw(0, new Uint8Array([1, 2, 3]));
    writeAudio(stream, speech('still working', 500));
    const parts = await readParts(stream.parts, (part) => part.type === 'transcript-final');
    expect(parts.at(-1)).toMatchObject({ text: 'still working', speechFinal: true });
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    stream.close();
    await readParts(stream.parts);
  });

  it('abort closes the connection and ends the parts', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const controller = new AbortController();
    const stream = await createDeepgramStt({ apiKey: 'k', baseUrl: fake.url }).stream({
      abortSignal: controller.signal,
    });
    controller.abort();
    expect(await readParts(stream.parts)).toEqual([{ type: 'finish' }]);
    const active = fake;
    await waitFor(() => active.activeConnections === 0);
  });

  it('holds audio and control messages written before the socket opens', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', script: ['early words'] });
    const stream = new DeepgramSttStream({
      url: `${fake.url}/v1/listen?encoding=mulaw&sample_rate=8000&interim_results=true&endpointing=300`,
      headers: { Authorization: 'Token k' },
      WebSocket,
      keepAliveIntervalMs: 4000,
      closeTimeoutMs: 2000,
      connectTimeoutMs: 2000,
      maxBufferedBytes: 64_000,
      sendChunkBytes: 800,
      logger: silentLogger,
    });
    const audio = speech('early words', 500);
    writeAudio(stream, audio);
    stream.close();
    await stream.connect();
    const parts = await readParts(stream.parts);
    expect(parts.find((part) => part.type === 'transcript-final')).toMatchObject({
      text: 'early words',
    });
    expect(parts.at(-1)).toEqual({ type: 'finish' });
    expect(fake.records[0]?.audioBytes).toBe(audio.length);
  });

  it('validates providerOptions.deepgram', async () => {
    fake = await startFakeDeepgram();
    const stt = createDeepgramStt({ apiKey: 'k', baseUrl: fake.url });
    await expect(
      stt.stream({ providerOptions: { deepgram: { utteranceEndMs: 5 } } }),
    ).rejects.toThrow(/providerOptions\.deepgram\.utteranceEndMs/);
  });

  it("logs about the stream with the call's logger, tagged with provider and component", async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const model = captureLogs();
    const call = captureLogs();
    const stt = createDeepgramStt({ apiKey: 'k', baseUrl: fake.url, logger: model.logger });
    const stream = await stt.stream({
      logger: call.logger.child({ callId: 'call-1', callSid: 'CA1' }),
    });
    fake.sendRaw(0, 'not json');
    await waitFor(() => call.lines.length >= 2);
    stream.close();
    await readParts(stream.parts);
    const tags = { callId: 'call-1', callSid: 'CA1', provider: 'deepgram', component: 'stt' };
    expect(call.lines).toContainEqual(
      expect.objectContaining({ ...tags, msg: 'Deepgram stream opened' }),
    );
    expect(call.lines).toContainEqual(
      expect.objectContaining({
        ...tags,
        msg: 'Deepgram sent a frame that is not a JSON object, ignoring it',
      }),
    );
    expect(model.lines).toEqual([]);
  });

  it('sends audio in chunks of audioChunkMs and flushes the rest on finalize', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const stt = createDeepgramStt({ apiKey: 'k', baseUrl: fake.url, audioChunkMs: 100 });
    const stream = await stt.stream({});
    // Seven 20 ms frames: one 100 ms chunk goes out at once, the last 40 ms wait for finalize.
    for (let frame = 0; frame < 7; frame++) stream.write(new Uint8Array(160).fill(0xff));
    const record = () => fake?.records[fake.records.length - 1];
    await waitFor(() => (record()?.audioBytes ?? 0) === 800);
    stream.finalize();
    await waitFor(() => (record()?.audioBytes ?? 0) === 1120);
    stream.close();
  });
});
