import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '../../testing/fake-openai/index.js';
import type { FakeOpenAi } from '../../testing/fake-openai/index.js';
import { verifyOpenAiLlm } from './openai-verify.js';

describe('verifyOpenAiLlm', () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: 'sk-good', models: ['llama3.1:8b', 'qwen2.5:7b'] });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('reports a reachable server, whether the model is listed, and a rejected key', async () => {
    const listed = await verifyOpenAiLlm({
      baseUrl: fake.url,
      apiKey: 'sk-good',
      model: 'llama3.1:8b',
    });
    expect(listed).toEqual({
      ok: true,
      detail: `${fake.url}/models answered with 2 models; llama3.1:8b is listed`,
    });

    const unlisted = await verifyOpenAiLlm({
      baseUrl: fake.url,
      apiKey: 'sk-good',
      model: 'gpt-5',
    });
    expect(unlisted.ok).toBe(true);
    expect(unlisted.detail).toContain('NOT listed');

    const rejected = await verifyOpenAiLlm({
      baseUrl: fake.url,
      apiKey: 'sk-bad',
      model: 'llama3.1:8b',
    });
    expect(rejected.ok).toBe(false);
    expect(rejected.detail).toContain('HTTP 401');
    expect(
      fake.requests.every((request) => request.method === 'GET' && request.path === '/v1/models'),
    ).toBe(true);
  });

  it('never throws: unreachable servers and bad settings come back as ok false', async () => {
    const url = fake.url;
    await fake.close();
    const unreachable = await verifyOpenAiLlm({ baseUrl: url, model: 'm' });
    expect(unreachable.ok).toBe(false);
    const badUrl = await verifyOpenAiLlm({ baseUrl: 'not a url', model: 'm' });
    expect(badUrl).toMatchObject({ ok: false });
    expect(badUrl.detail).toContain('OPENAI_BASE_URL');
    fake = await startFakeOpenAi();
  });
});
