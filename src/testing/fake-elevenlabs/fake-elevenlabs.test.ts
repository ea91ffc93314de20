import { afterEach, describe, expect, it } from 'vitest';
import { connectRawSocketClient, type RawSocketClient } from '../shared/raw-socket-client.js';
import { synthesizeVoice } from '../shared/synthetic-voice.js';
import { waitFor } from '../shared/wait-for.js';
import { startFakeElevenLabs, type FakeElevenLabs } from './fake-elevenlabs.js';

const voiceId = '21m00Tcm4TlvDq8ikWAM';
let fake: FakeElevenLabs | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function connect(
  url: string,
  headers: Record<string, string> = { 'xi-api-key': 'k' },
): Promise<RawSocketClient> {
  return connectRawSocketClient(url, headers);
}

function streamUrl(
  base: string,
  voice = voiceId,
  query = 'model_id=eleven_flash_v2_5&output_format=ulaw_8000',
): string {
  return `${base}/v1/text-to-speech/${voice}/stream-input?${query}`;
}

function audioOf(messages: ReadonlyArray<Record<string, unknown>>): Buffer {
  return Buffer.concat(
    messages.flatMap((message) =>
      typeof message['audio'] === 'string' ? [Buffer.from(message['audio'], 'base64')] : [],
    ),
  );
}

describe('fake ElevenLabs stream-input', () => {
  it('generates on flush, with charsDurationsMs alignment, and ends with isFinal after the empty text', async () => {
    fake = await startFakeElevenLabs({ apiKey: 'k' });
    const client = await connect(streamUrl(fake.url));
    client.send({ text: ' ', generation_config: { chunk_length_schedule: [120, 160] } });
    client.send({ text: 'Hello there. ' });
    client.send({ text: ' ', flush: true });
    client.send({ text: '' });
    expect((await client.closed).code).toBe(1000);
    const last = client.texts.at(-1);
    expect(last).toMatchObject({ isFinal: true, audio: null });
    const audioMessages = client.texts.slice(0, -1);
    expect(audioOf(audioMessages)).toEqual(Buffer.from(synthesizeVoice('Hello there.')));
    expect(Buffer.from(String(audioMessages[0]?.['audio']), 'base64').length).toBe(800);
    const alignment = audioMessages[0]?.['alignment'] as Record<string, unknown[]>;
    expect(Object.keys(alignment).sort()).toEqual([
      'charStartTimesMs',
      'chars',
      'charsDurationsMs',
    ]);
    expect(alignment['chars']?.[0]).toBe('H');
    expect(audioMessages[0]?.['normalizedAlignment']).toEqual(alignment);
    const characters = audioMessages
      .flatMap((message) => (message['alignment'] as { chars: string[] }).chars)
      .join('');
    expect(characters).toBe('Hello there.');
  });

  it('generates once the chunk schedule threshold is reached, without a flush', async () => {
    fake = await startFakeElevenLabs();
    const client = await connect(streamUrl(fake.url), {});
    client.send({ text: ' ', generation_config: { chunk_length_schedule: [50] } });
    client.send({ text: 'This sentence is comfortably longer than fifty characters. ' });
    await waitFor(() => client.texts.length > 0);
    expect(typeof client.texts[0]?.['audio']).toBe('string');
    client.socket.close();
  });

  it('requires the init message first', async () => {
    fake = await startFakeElevenLabs();
    const client = await connect(streamUrl(fake.url));
    client.send({ text: 'Hello ' });
    expect((await client.closed).code).toBe(1008);
    expect(client.texts[0]).toMatchObject({ error: 'invalid_request', code: 1008 });
    expect(typeof client.texts[0]?.['message']).toBe('string');
  });

  it('rejects a chunk schedule value outside 50..500', async () => {
    fake = await startFakeElevenLabs();
    const client = await connect(streamUrl(fake.url));
    client.send({ text: ' ', generation_config: { chunk_length_schedule: [40] } });
    expect((await client.closed).code).toBe(1008);
  });

  it('checks the key from the header (401) or the init message', async () => {
    fake = await startFakeElevenLabs({ apiKey: 'k' });
    await expect(connect(streamUrl(fake.url), { 'xi-api-key': 'wrong' })).rejects.toThrow(/401/);
    const withInitKey = await connect(streamUrl(fake.url), {});
    withInitKey.send({ text: ' ', xi_api_key: 'k' });
    withInitKey.send({ text: 'Hi. ', flush: true });
    await waitFor(() => withInitKey.texts.length > 0);
    expect(typeof withInitKey.texts[0]?.['audio']).toBe('string');
    withInitKey.socket.close();
    const noKey = await connect(streamUrl(fake.url), {});
    noKey.send({ text: ' ' });
    expect((await noKey.closed).code).toBe(1008);
    expect(noKey.texts[0]).toMatchObject({ error: 'invalid_api_key' });
  });

  it('reports unknown voices and unsupported formats', async () => {
    fake = await startFakeElevenLabs();
    const badVoice = await connect(streamUrl(fake.url, 'rachel'));
    expect((await badVoice.closed).code).toBe(1008);
    expect(badVoice.texts[0]).toMatchObject({ error: 'voice_not_found' });
    const badFormat = await connect(streamUrl(fake.url, voiceId, 'output_format=mp3_44100_128'));
    expect((await badFormat.closed).code).toBe(1008);
  });

  it('closes idle sockets with input_timeout_exceeded', async () => {
    fake = await startFakeElevenLabs({ inactivityTimeoutMs: 100 });
    const client = await connect(streamUrl(fake.url));
    client.send({ text: ' ' });
    expect((await client.closed).code).toBe(1008);
    expect(client.texts[0]).toMatchObject({ error: 'input_timeout_exceeded' });
  });

  it('plays audio from the synthesize hook and records messages', async () => {
    fake = await startFakeElevenLabs({
      synthesize: (text) => new Uint8Array(text.length * 100).fill(0x20),
    });
    const client = await connect(streamUrl(fake.url));
    client.send({ text: ' ' });
    client.send({ text: 'Abc ', flush: true });
    client.send({ text: '' });
    await client.closed;
    expect(audioOf(client.texts).length).toBe(300);
    expect(fake.records[0]?.received).toEqual([
      { text: ' ' },
      { text: 'Abc ', flush: true },
      { text: '' },
    ]);
  });
});
