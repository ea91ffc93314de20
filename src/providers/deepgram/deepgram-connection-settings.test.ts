import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config-error.js';
import { startFakeDeepgram, type FakeDeepgram } from '../../testing/fake-deepgram/fake-deepgram.js';
import { readAll } from '../../testing/shared/read-all.js';
import { createDeepgramStt } from './deepgram-stt-model.js';
import { createDeepgramTts } from './deepgram-tts-model.js';

const variables = ['DEEPGRAM_API_KEY', 'DEEPGRAM_BASE_URL'] as const;
const saved = new Map<string, string | undefined>();
let fake: FakeDeepgram | undefined;

beforeEach(() => {
  for (const name of variables) {
    saved.set(name, process.env[name]);
    delete process.env[name];
  }
});
afterEach(async () => {
  for (const name of variables) {
    const value = saved.get(name);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await fake?.close();
  fake = undefined;
});

describe('Deepgram API key rule', () => {
  it('requires DEEPGRAM_API_KEY for Deepgram itself and for other public hosts', () => {
    for (const create of [createDeepgramStt, createDeepgramTts]) {
      expect(() => create({})).toThrow(ConfigError);
      expect(() => create({})).toThrow(
        /^DEEPGRAM_API_KEY: no Deepgram API key for api\.deepgram\.com/,
      );
      expect(() => create({ baseUrl: 'https://stt.example.com' })).toThrow(/DEEPGRAM_API_KEY/);
    }
    process.env['DEEPGRAM_BASE_URL'] = 'wss://eu.api.deepgram.com';
    expect(() => createDeepgramStt({})).toThrow(/for eu\.api\.deepgram\.com/);
  });

  it('lets a local server go without a key and sends it no Authorization header', async () => {
    fake = await startFakeDeepgram({ script: ['hello'] });
    const stt = createDeepgramStt({ baseUrl: fake.url });
    const sttStream = await stt.stream({});
    sttStream.close();
    await readAll(sttStream.parts);

    process.env['DEEPGRAM_BASE_URL'] = fake.url.replace('ws:', 'http:');
    const tts = createDeepgramTts();
    const ttsStream = await tts.stream({});
    ttsStream.pushText('Hi.');
    ttsStream.end();
    expect((await readAll(ttsStream.parts)).at(-1)).toEqual({ type: 'finish' });

    expect(fake.records.map((record) => record.path)).toEqual(['/v1/listen', '/v1/speak']);
    for (const record of fake.records) expect(record.headers['authorization']).toBeUndefined();
  });
});
