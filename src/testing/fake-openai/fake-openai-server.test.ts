import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from './fake-openai-server.js';
import type { FakeOpenAi } from './fake-openai-types.js';

/** The JSON payloads of an SSE body, with `[DONE]` kept as a string. */
function dataLines(body: string): unknown[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

interface WireFragment {
  readonly index: number;
  readonly id?: string;
  readonly type?: string;
  readonly function: { readonly name?: string; readonly arguments?: string };
}

interface WireChunk {
  readonly object: string;
  readonly model: string;
  readonly choices: {
    readonly delta: { readonly tool_calls?: WireFragment[] } & Record<string, unknown>;
  }[];
  readonly usage?: {
    readonly prompt_tokens: number;
    readonly completion_tokens: number;
    readonly total_tokens: number;
  } | null;
}

const post = (
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startFakeOpenAi', () => {
  let fake: FakeOpenAi;
  beforeEach(async () => {
    fake = await startFakeOpenAi({ argumentFragmentChars: 5 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('streams chunks shaped like OpenAI: role first, tool-call fragments by index, usage last, then [DONE]', async () => {
    fake.setPolicy(() => ({
      toolCalls: [
        { name: 'end_call', arguments: { reason: 'caller said goodbye' } },
        { name: 'log', arguments: {} },
      ],
    }));
    const response = await post(`${fake.url}/chat/completions`, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'bye' }],
      tools: [{ type: 'function', function: { name: 'end_call', parameters: {} } }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = dataLines(await response.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as WireChunk[];
    for (const chunk of chunks)
      expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model: 'gpt-4o-mini' });

    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage!.total_tokens).toBe(
      usage.usage!.prompt_tokens + usage.usage!.completion_tokens,
    );
    expect(chunks.at(-2)!.choices[0]).toEqual({
      index: 0,
      delta: {},
      logprobs: null,
      finish_reason: 'tool_calls',
    });
    expect(chunks[0]!.choices[0]!.delta).toMatchObject({ role: 'assistant', content: null });

    const fragments = chunks.flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    const openings = fragments.filter((fragment) => fragment.id !== undefined);
    expect(
      openings.map((fragment) => [
        fragment.index,
        fragment.type,
        fragment.function.name,
        fragment.function.arguments,
      ]),
    ).toEqual([
      [0, 'function', 'end_call', ''],
      [1, 'function', 'log', ''],
    ]);
    const pieces = fragments.filter((fragment) => fragment.id === undefined);
    for (const piece of pieces) expect(Object.keys(piece).sort()).toEqual(['function', 'index']);
    const firstCallPieces = pieces.filter((piece) => piece.index === 0);
    expect(firstCallPieces.length).toBeGreaterThan(2);
    expect(JSON.parse(firstCallPieces.map((piece) => piece.function.arguments).join(''))).toEqual({
      reason: 'caller said goodbye',
    });
  });

  it('answers non-streamed requests with a chat.completion object and records the body', async () => {
    fake.setPolicy((request, index) => ({
      text: `reply ${index} to ${request.messages.length} messages`,
    }));
    const response = await post(`${fake.url}/chat/completions`, {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const body = (await response.json()) as { object: string; choices: unknown[] };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]).toMatchObject({
      message: { role: 'assistant', content: 'reply 0 to 1 messages' },
      finish_reason: 'stop',
    });
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
    });
  });

  it('validates like the real API and injects failures on demand', async () => {
    const badChoice = await post(`${fake.url}/chat/completions`, {
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      tool_choice: 'auto',
    });
    expect(badChoice.status).toBe(400);
    expect(((await badChoice.json()) as { error: { param: string } }).error.param).toBe(
      'tool_choice',
    );
    expect((await fetch(`${fake.url}/nope`)).status).toBe(404);

    fake.failNext(503, 2, { path: '/models' });
    expect((await fetch(`${fake.url}/models`)).status).toBe(503);
    const speech = await post(`${fake.url}/audio/speech`, {
      model: 'tts-1',
      input: 'hi',
      voice: 'alloy',
      response_format: 'pcm',
    });
    expect(speech.status).toBe(200);
    await speech.arrayBuffer();
    expect((await fetch(`${fake.url}/models`)).status).toBe(503);
    expect((await fetch(`${fake.url}/models`)).status).toBe(200);
  });

  it('requires the configured API key', async () => {
    await fake.close();
    fake = await startFakeOpenAi({ apiKey: 'sk-1' });
    const missing = await fetch(`${fake.url}/models`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_api_key',
    );
    const good = await fetch(`${fake.url}/models`, { headers: { authorization: 'Bearer sk-1' } });
    expect(
      ((await good.json()) as { data: { id: string }[] }).data.map((model) => model.id),
    ).toContain('fake-gpt');
  });

  it('speaks about 65 ms per character as 24 kHz PCM16, and wraps it in WAV on request', async () => {
    const text = 'Thanks for calling!';
    const pcm = await (
      await post(`${fake.url}/audio/speech`, {
        model: 'tts-1',
        input: text,
        voice: 'alloy',
        response_format: 'pcm',
      })
    ).arrayBuffer();
    expect(pcm.byteLength).toBe(Math.round(text.length * 0.065 * 24000) * 2);
    const samples = new Int16Array(pcm);
    const peak = samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
    expect(peak).toBeGreaterThan(10000);
    expect(samples.slice(0, 100).some((sample) => sample !== 0)).toBe(true);

    const wav = Buffer.from(
      await (
        await post(`${fake.url}/audio/speech`, {
          model: 'tts-1',
          input: text,
          voice: 'alloy',
          response_format: 'wav',
        })
      ).arrayBuffer(),
    );
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.byteLength).toBe(pcm.byteLength + 44);
    expect(
      (await post(`${fake.url}/audio/speech`, { model: 'tts-1', input: text, voice: 'alloy' }))
        .status,
    ).toBe(400);
  });

  it('transcribes multipart uploads with the scripted text in the requested format', async () => {
    await fake.close();
    fake = await startFakeOpenAi({ transcripts: ['first line', 'second line'] });
    const upload = (format: string): Promise<Response> => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(100)], { type: 'audio/mpeg' }), 'clip.mp3');
      form.append('model', 'whisper-1');
      form.append('response_format', format);
      return fetch(`${fake.url}/audio/transcriptions`, { method: 'POST', body: form });
    };
    expect(await (await upload('json')).json()).toEqual({ text: 'first line' });
    expect(await (await upload('text')).text()).toBe('second line');
    expect(fake.requests[0]!.body).toMatchObject({
      fields: { model: 'whisper-1', response_format: 'json' },
      file: { name: 'clip.mp3', type: 'audio/mpeg' },
    });
  });
});
