import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectRawSocketClient, type RawSocketClient } from '../shared/raw-socket-client.js';
import { synthesizeVoice } from '../shared/synthetic-voice.js';
import { startFakeDeepgram, type FakeDeepgram } from './fake-deepgram.js';
import { mulawSilence } from './mulaw.js';

let fake: FakeDeepgram | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const listenQuery =
  'encoding=mulaw&sample_rate=8000&channels=1&interim_results=true&endpointing=300&utterance_end_ms=1000&vad_events=true&smart_format=true';

function connect(
  url: string,
  headers: Record<string, string> = { Authorization: 'Token k' },
): Promise<RawSocketClient> {
  return connectRawSocketClient(url, headers);
}

function sendSpeech(socket: WebSocket, text: string, trailingSilenceMs: number): void {
  const voice = synthesizeVoice(text);
  for (let offset = 0; offset < voice.length; offset += 160)
    socket.send(voice.subarray(offset, offset + 160));
  const silence = mulawSilence(trailingSilenceMs);
  for (let offset = 0; offset < silence.length; offset += 160)
    socket.send(silence.subarray(offset, offset + 160));
}

describe('fake Deepgram /v1/listen', () => {
  it('emits SpeechStarted, growing interims, a speech_final Results in the real shape, then UtteranceEnd', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', script: ['Yes, that works for me.'] });
    const client = await connect(`${fake.url}/v1/listen?${listenQuery}`);
    sendSpeech(client.socket, 'Yes, that works for me.', 1300);
    await client.waitForText((message) => message['type'] === 'UtteranceEnd');
    const types = client.texts.map((message) => message['type']);
    expect(types[0]).toBe('SpeechStarted');
    expect(types.at(-1)).toBe('UtteranceEnd');
    const results = client.texts.filter((message) => message['type'] === 'Results');
    const interims = results.filter((message) => message['is_final'] === false);
    expect(interims.length).toBeGreaterThan(1);
    const transcripts = interims.map((message) => transcriptOf(message));
    for (let index = 1; index < transcripts.length; index += 1) {
      expect(transcripts[index]?.startsWith(transcripts[index - 1] ?? '')).toBe(true);
    }
    const final = results.find((message) => message['is_final'] === true);
    expect(final).toMatchObject({
      type: 'Results',
      channel_index: [0, 1],
      is_final: true,
      speech_final: true,
      from_finalize: false,
      channel: { alternatives: [{ transcript: 'Yes, that works for me.' }] },
      metadata: { model_info: { arch: 'nova-3' } },
    });
    expect(typeof final?.['duration']).toBe('number');
    expect(typeof final?.['start']).toBe('number');
    const alternative = (final?.['channel'] as { alternatives: Array<Record<string, unknown>> })
      .alternatives[0];
    expect(alternative?.['confidence']).toBeGreaterThan(0);
    expect((alternative?.['words'] as unknown[])[0]).toMatchObject({
      word: 'yes',
      punctuated_word: 'Yes,',
    });
    expect(typeof (final?.['metadata'] as Record<string, unknown>)['request_id']).toBe('string');
    expect(client.texts.at(-1)).toMatchObject({ type: 'UtteranceEnd', channel: [0, 1] });
    client.socket.close();
  });

  it('answers CloseStream with Metadata and a normal close', async () => {
    fake = await startFakeDeepgram();
    const client = await connect(`${fake.url}/v1/listen?${listenQuery}`);
    client.socket.send(mulawSilence(1000));
    client.socket.send(JSON.stringify({ type: 'CloseStream' }));
    const closed = await client.closed;
    expect(closed.code).toBe(1000);
    expect(client.texts.at(-1)).toMatchObject({ type: 'Metadata', duration: 1, channels: 1 });
  });

  it('uses the transcribe hook and unformatted text without smart_format', async () => {
    const calls: Array<[number, number]> = [];
    fake = await startFakeDeepgram({
      transcribe: (connection, utterance) => {
        calls.push([connection, utterance]);
        return 'Hello, World!';
      },
    });
    const client = await connect(
      `${fake.url}/v1/listen?encoding=mulaw&sample_rate=8000&endpointing=200`,
    );
    sendSpeech(client.socket, 'hello world', 400);
    const final = await client.waitForText((message) => message['is_final'] === true);
    expect(transcriptOf(final)).toBe('hello world');
    expect(calls).toEqual([[0, 0]]);
    expect(client.texts.some((message) => message['type'] === 'SpeechStarted')).toBe(false);
    client.socket.close();
  });

  it('keeps messages in order under result latency', async () => {
    fake = await startFakeDeepgram({ resultLatencyMs: 30 });
    const client = await connect(`${fake.url}/v1/listen?${listenQuery}`);
    sendSpeech(client.socket, 'one two three', 1300);
    await client.waitForText((message) => message['type'] === 'UtteranceEnd');
    const types = client.texts.map((message) => message['type']);
    expect(types.indexOf('Results')).toBeGreaterThan(types.indexOf('SpeechStarted'));
    expect(types.lastIndexOf('Results')).toBeLessThan(types.indexOf('UtteranceEnd'));
    client.socket.close();
  });

  it('closes with 1011 NET-0001 after the inactivity timeout; KeepAlive resets it', async () => {
    fake = await startFakeDeepgram({ inactivityTimeoutMs: 150 });
    const kept = await connect(`${fake.url}/v1/listen?${listenQuery}`);
    const timer = setInterval(() => kept.socket.send(JSON.stringify({ type: 'KeepAlive' })), 40);
    const idle = await connect(`${fake.url}/v1/listen?${listenQuery}`);
    const closed = await idle.closed;
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/NET-0001/);
    expect(kept.socket.readyState).toBe(WebSocket.OPEN);
    expect(kept.texts).toEqual([]);
    clearInterval(timer);
    kept.socket.close();
  });

  it('refuses bad keys with 401, and injected failures with 503', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k', failConnections: 1 });
    const url = `${fake.url}/v1/listen?${listenQuery}`;
    await expect(connect(url)).rejects.toThrow(/503/);
    await expect(connect(url, { Authorization: 'Token nope' })).rejects.toThrow(/401/);
    await expect(connect(`${fake.url}/v1/listen?encoding=opus`)).rejects.toThrow(/400/);
    const client = await connect(url);
    expect(fake.connections).toBe(1);
    client.socket.close();
  });
});

describe('fake Deepgram /v1/speak', () => {
  it('sends Metadata, binary audio and Flushed; Clear answers Cleared', async () => {
    fake = await startFakeDeepgram({ apiKey: 'k' });
    const client = await connect(
      `${fake.url}/v1/speak?model=aura-2-thalia-en&encoding=mulaw&sample_rate=8000`,
    );
    client.socket.send(JSON.stringify({ type: 'Speak', text: 'Hi there.' }));
    client.socket.send(JSON.stringify({ type: 'Flush' }));
    await client.waitForText((message) => message['type'] === 'Flushed');
    expect(client.binaryBytes()).toBe(synthesizeVoice('Hi there.').length);
    client.socket.send(JSON.stringify({ type: 'Clear' }));
    await client.waitForText((message) => message['type'] === 'Cleared');
    expect(client.texts.map((message) => message['type'])).toEqual([
      'Metadata',
      'Flushed',
      'Cleared',
    ]);
    expect(client.texts[1]).toEqual({ type: 'Flushed', sequence_id: 1 });
    client.socket.send(JSON.stringify({ type: 'Close' }));
    expect((await client.closed).code).toBe(1000);
  });

  it('drops pending audio on Clear and uses the synthesize hook', async () => {
    fake = await startFakeDeepgram({
      ttsFirstByteMs: 100,
      synthesize: () => new Uint8Array(1600).fill(0x10),
    });
    const client = await connect(`${fake.url}/v1/speak?encoding=mulaw&sample_rate=8000`);
    client.socket.send(JSON.stringify({ type: 'Speak', text: 'Dropped.' }));
    client.socket.send(JSON.stringify({ type: 'Flush' }));
    client.socket.send(JSON.stringify({ type: 'Clear' }));
    client.socket.send(JSON.stringify({ type: 'Speak', text: 'Kept.' }));
    client.socket.send(JSON.stringify({ type: 'Flush' }));
    await client.waitForText((message) => message['type'] === 'Flushed');
    expect(client.binaryBytes()).toBe(1600);
    client.socket.close();
  });
});

function transcriptOf(message: Record<string, unknown>): string {
  const channel = message['channel'] as { alternatives: Array<{ transcript: string }> };
  return channel.alternatives[0]?.transcript ?? '';
}
