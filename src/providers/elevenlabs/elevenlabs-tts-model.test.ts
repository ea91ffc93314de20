import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config-error.js';
import { ProviderError } from '../../errors/provider-error.js';
import { createLogger, type Logger } from '../../logging/logger.js';
import {
  startFakeElevenLabs,
  type FakeElevenLabs,
} from '../../testing/fake-elevenlabs/fake-elevenlabs.js';
import { readAll } from '../../testing/shared/read-all.js';
import { syntheticMsPerCharacter } from '../../testing/shared/synthetic-voice.js';
import { waitFor } from '../../testing/shared/wait-for.js';
import type { TtsStreamPart } from '../spec/tts-model-v1.js';
import { createElevenLabsTts, type ElevenLabsTtsModel } from './elevenlabs-tts-model.js';

const voiceId = '21m00Tcm4TlvDq8ikWAM';
let fake: FakeElevenLabs | undefined;
let model: ElevenLabsTtsModel | undefined;
afterEach(async () => {
  model?.close();
  model = undefined;
  await fake?.close();
  fake = undefined;
});

function audioBytes(parts: readonly TtsStreamPart[]): number {
  return parts.reduce((sum, part) => sum + (part.type === 'audio' ? part.audio.length : 0), 0);
}

/** A debug-level logger whose lines are kept, parsed. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string): void => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('createElevenLabsTts settings', () => {
  it('rejects a malformed voice id with a ConfigError naming voiceId', () => {
    for (const bad of [
      'rachel',
      '21m00Tcm4TlvDq8ikWA',
      '21m00Tcm4TlvDq8ikWAM!',
      '21m00Tcm4TlvDq8ikWAMx',
    ]) {
      const attempt = (): unknown => createElevenLabsTts({ apiKey: 'k', voiceId: bad });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/^voiceId: /);
    }
  });

  it('validates the chunk schedule and voice settings', () => {
    expect(() =>
      createElevenLabsTts({ apiKey: 'k', voiceId, chunkLengthSchedule: [40, 120] }),
    ).toThrow(/chunkLengthSchedule\[0\]/);
    expect(() =>
      createElevenLabsTts({ apiKey: 'k', voiceId, chunkLengthSchedule: [120, 501] }),
    ).toThrow(ConfigError);
    expect(() =>
      createElevenLabsTts({ apiKey: 'k', voiceId, voiceSettings: { stability: 2 } }),
    ).toThrow(/voiceSettings\[stability\]/);
  });
});

describe('ElevenLabs API key rule', () => {
  const variables = ['ELEVENLABS_API_KEY', 'ELEVENLABS_BASE_URL'] as const;
  const saved = new Map<string, string | undefined>();
  beforeEach(() => {
    for (const name of variables) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const name of variables) {
      const value = saved.get(name);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('requires ELEVENLABS_API_KEY for ElevenLabs itself and for other public hosts', () => {
    const attempt = (): unknown => createElevenLabsTts({ voiceId });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^ELEVENLABS_API_KEY: no ElevenLabs API key for api\.elevenlabs\.io/);
    expect(() => createElevenLabsTts({ voiceId, baseUrl: 'https://tts.example.com' })).toThrow(
      /ELEVENLABS_API_KEY/,
    );
  });

  it('lets a local server go without a key and sends it no xi-api-key header', async () => {
    fake = await startFakeElevenLabs();
    process.env['ELEVENLABS_BASE_URL'] = fake.url.replace('ws:', 'http:');
    model = createElevenLabsTts({ voiceId });
    const stream = await model.stream({});
    stream.pushText('Hello.');
    stream.end();
    const parts = await readAll(stream.parts);
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(parts.at(-1)).toEqual({ type: 'finish' });
    expect(fake.records[0]?.headers['xi-api-key']).toBeUndefined();
  });
});

describe('createElevenLabsTts against the fake ElevenLabs', () => {
  it('sends the init message first, then spaced pieces, flush and close; audio then finish', async () => {
    fake = await startFakeElevenLabs({ apiKey: 'secret' });
    model = createElevenLabsTts({
      apiKey: 'secret',
      baseUrl: fake.url.replace('ws:', 'http:'),
      voiceId,
      voiceSettings: { stability: 0.4, similarityBoost: 0.8, speed: 1.1 },
      chunkLengthSchedule: [50, 120],
    });
    const stream = await model.stream({});
    stream.pushText('Sure, I can help with that.');
    stream.pushText('What day works for you?');
    stream.end();
    const parts = await readAll(stream.parts);
    expect(audioBytes(parts)).toBeGreaterThan(0);
    expect(audioBytes(parts) % (syntheticMsPerCharacter * 8)).toBe(0);
    expect(parts.slice(-2)).toEqual([{ type: 'usage', characters: 50 }, { type: 'finish' }]);

    const record = fake.records[0];
    expect(record?.path).toBe(`/v1/text-to-speech/${voiceId}/stream-input`);
    expect(record?.query).toMatchObject({
      model_id: 'eleven_flash_v2_5',
      output_format: 'ulaw_8000',
    });
    expect(record?.headers['xi-api-key']).toBe('secret');
    expect(record?.received).toEqual([
      {
        text: ' ',
        voice_settings: { stability: 0.4, similarity_boost: 0.8, speed: 1.1 },
        generation_config: { chunk_length_schedule: [50, 120] },
      },
      { text: 'Sure, I can help with that. ', flush: true },
      { text: 'What day works for you? ' },
      { text: ' ', flush: true },
      { text: '' },
    ]);
  });

  it('finishes at once when no text was pushed', async () => {
    fake = await startFakeElevenLabs();
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId });
    const stream = await model.stream({});
    stream.pushText('   ');
    stream.end();
    expect(await readAll(stream.parts)).toEqual([{ type: 'finish' }]);
  });

  it('abort closes the socket and ends the parts (barge-in)', async () => {
    fake = await startFakeElevenLabs({ firstByteDelayMs: 2000 });
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId });
    const controller = new AbortController();
    const stream = await model.stream({ abortSignal: controller.signal });
    stream.pushText('This sentence gets interrupted by the caller.');
    stream.end();
    controller.abort();
    expect(await readAll(stream.parts)).toEqual([{ type: 'finish' }]);
    const active = fake;
    await waitFor(() => active.activeConnections === 0);
    expect(active.records[0]?.closeCode).toBe(1000);
  });

  it('rejects stream() with a 401 ProviderError on a bad key', async () => {
    fake = await startFakeElevenLabs({ apiKey: 'right' });
    model = createElevenLabsTts({ apiKey: 'wrong', baseUrl: fake.url, voiceId });
    const failure = await model.stream({}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ status: 401, provider: 'elevenlabs', retryable: false });
    expect((failure as Error).message).toMatch(/ElevenLabs.*401/);
  });

  it('turns an error message into an error part, then finish', async () => {
    fake = await startFakeElevenLabs({ voices: ['AAAAAAAAAAAAAAAAAAAA'] });
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId });
    const stream = await model.stream({});
    const parts = await readAll(stream.parts);
    expect(parts.map((part) => part.type)).toEqual(['error', 'finish']);
    expect(parts[0]?.type === 'error' && parts[0].error.message).toMatch(/voice_not_found/);
  });

  it('turns a drop mid-stream into a retryable error part, then finish', async () => {
    fake = await startFakeElevenLabs({ dropAfterMs: 50, firstByteDelayMs: 2000 });
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId });
    const stream = await model.stream({});
    stream.pushText('Dropped.');
    stream.end();
    const parts = await readAll(stream.parts);
    expect(parts.map((part) => part.type)).toEqual(['error', 'finish']);
    expect(parts[0]?.type === 'error' && parts[0].error.retryable).toBe(true);
  });

  it('rejects a malformed per-stream voice', async () => {
    fake = await startFakeElevenLabs();
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId });
    await expect(model.stream({ voice: 'not-a-voice' })).rejects.toThrow(/^voice: /);
  });

  it('pre-warms the next socket with the init message already sent', async () => {
    fake = await startFakeElevenLabs();
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId, prewarm: true });
    const first = await model.stream({});
    first.pushText('First turn.');
    first.end();
    await readAll(first.parts);
    const active = fake;
    await waitFor(() => active.connections === 2);

    const second = await model.stream({});
    second.pushText('Second turn.');
    second.end();
    expect((await readAll(second.parts)).at(-1)).toEqual({ type: 'finish' });
    // The second utterance ran on the spare opened during the first, which saw init first.
    expect(active.records[1]?.received).toEqual([
      { text: ' ', generation_config: { chunk_length_schedule: [120, 160, 250, 290] } },
      { text: 'Second turn. ', flush: true },
      { text: ' ', flush: true },
      { text: '' },
    ]);
    await waitFor(() => active.connections === 3);
    model.close();
    await waitFor(() => active.activeConnections === 0);
  });

  it('does not hand out a spare the server already closed', async () => {
    fake = await startFakeElevenLabs({ inactivityTimeoutMs: 250 });
    model = createElevenLabsTts({ apiKey: 'k', baseUrl: fake.url, voiceId, prewarm: true });
    const first = await model.stream({});
    first.pushText('One.');
    first.end();
    await readAll(first.parts);
    const active = fake;
    // Wait until the server timed out the spare (both sockets are gone).
    await waitFor(() => active.connections === 2 && active.activeConnections === 0);
    const second = await model.stream({});
    second.pushText('Two.');
    second.end();
    const parts = await readAll(second.parts);
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(audioBytes(parts)).toBe(4 * syntheticMsPerCharacter * 8);
  });

  it("logs about the utterance with the call's logger; the spare pool keeps the model's", async () => {
    fake = await startFakeElevenLabs();
    const modelLogs = captureLogs();
    const call = captureLogs();
    model = createElevenLabsTts({
      apiKey: 'k',
      baseUrl: fake.url,
      voiceId,
      prewarm: true,
      logger: modelLogs.logger,
    });
    const first = await model.stream({});
    first.pushText('First turn.');
    first.end();
    await readAll(first.parts);
    const active = fake;
    await waitFor(() => active.connections === 2);

    // The spare opened for the utterance after this one is refused: a line about the model.
    active.failNext(1);
    const second = await model.stream({ logger: call.logger.child({ callId: 'call-3' }) });
    active.sendRaw(1, 'not json');
    await waitFor(() => call.lines.length >= 2);
    second.pushText('Second turn.');
    second.end();
    await readAll(second.parts);
    const tags = { callId: 'call-3', provider: 'elevenlabs', component: 'tts' };
    expect(call.lines).toContainEqual(
      expect.objectContaining({ ...tags, msg: 'ElevenLabs stream uses the pre-warmed socket' }),
    );
    expect(call.lines).toContainEqual(
      expect.objectContaining({
        ...tags,
        msg: 'ElevenLabs sent a frame that is not a JSON object, ignoring it',
      }),
    );
    await waitFor(() => modelLogs.lines.length > 0);
    expect(modelLogs.lines).toEqual([
      expect.objectContaining({
        provider: 'elevenlabs',
        component: 'tts',
        msg: 'ElevenLabs pre-warm connection failed',
      }),
    ]);
    expect(modelLogs.lines[0]?.['callId']).toBeUndefined();
  });
});
