import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config-error.js';
import { ProviderError } from '../../errors/provider-error.js';
import { createLogger, type Logger } from '../../logging/logger.js';
import { startFakeOpenAi } from '../../testing/fake-openai/index.js';
import type { FakeOpenAi, FakeOpenAiOptions } from '../../testing/fake-openai/index.js';
import { readAll } from '../../testing/shared/read-all.js';
import type { LlmStreamPart, ToolDefinition } from '../spec/llm-model-v1.js';
import { createOpenAiLlm } from './openai-llm-model.js';

const textOf = (parts: LlmStreamPart[]): string =>
  parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');

const tools: ToolDefinition[] = [
  {
    name: 'lookup_order',
    description: 'Find an order',
    parameters: { type: 'object', properties: { order: { type: 'string' } } },
  },
  {
    name: 'book_slot',
    description: 'Book a slot',
    parameters: { type: 'object', properties: { day: { type: 'string' } } },
  },
];

/** A debug-level logger whose lines are kept, parsed. */
function captureLogs(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = {
    write: (line: string): void => void lines.push(JSON.parse(line) as Record<string, unknown>),
  };
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('createOpenAiLlm against the fake server', () => {
  let fake: FakeOpenAi;
  const start = async (options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> => {
    await fake?.close();
    fake = await startFakeOpenAi(options);
    return fake;
  };
  beforeEach(async () => {
    fake = await startFakeOpenAi({ apiKey: 'sk-test' });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('streams text deltas, usage and finish, and sends the documented request body', async () => {
    fake.setPolicy(() => ({ text: 'Hello there, how can I help you today?' }));
    const llm = createOpenAiLlm({ apiKey: 'sk-test', baseUrl: fake.url, model: 'fake-gpt' });
    const { stream } = await llm.stream({
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.3,
      maxTokens: 200,
    });
    const parts = await readAll(stream);

    expect(parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(1);
    expect(textOf(parts)).toBe('Hello there, how can I help you today?');
    expect(parts.at(-2)).toMatchObject({ type: 'usage' });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    const usage = parts.find((part) => part.type === 'usage');
    expect(usage?.type === 'usage' && usage.inputTokens > 0 && usage.outputTokens > 0).toBe(true);

    const request = fake.requests[0]!;
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body).toEqual({
      model: 'fake-gpt',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 200,
    });
  });

  it('maps tool turns to the wire (content null, tool_calls, tool_call_id)', async () => {
    const llm = createOpenAiLlm({ apiKey: 'sk-test', baseUrl: fake.url, model: 'fake-gpt' });
    const { stream } = await llm.stream({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Where is order 7?' },
        {
          role: 'assistant',
          content: null,
          toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: '{"order":"7"}' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: '{"status":"shipped"}' },
      ],
      tools,
      toolChoice: 'auto',
      providerOptions: { openai: { maxTokensField: 'max_completion_tokens' } },
      maxTokens: 50,
    });
    const parts = await readAll(stream);
    expect(textOf(parts)).toContain('shipped');

    const body = fake.requests[0]!.body as Record<string, unknown>;
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is order 7?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'lookup_order', arguments: '{"order":"7"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"status":"shipped"}' },
    ]);
    expect(body.tools).toEqual(tools.map((tool) => ({ type: 'function', function: { ...tool } })));
    expect(body.tool_choice).toBe('auto');
    expect(body.parallel_tool_calls).toBe(true);
    expect(body.max_completion_tokens).toBe(50);
    expect(body).not.toHaveProperty('max_tokens');
  });

  it('assembles parallel tool calls from interleaved argument fragments', async () => {
    await start({ interleaveToolCalls: true, argumentFragmentChars: 3 });
    fake.setPolicy(() => ({
      text: 'Let me check.',
      toolCalls: [
        { name: 'lookup_order', arguments: { order: 'A-1234', note: 'urgent "quoted"' } },
        { name: 'book_slot', arguments: { day: 'Friday' } },
      ],
    }));
    const llm = createOpenAiLlm({ baseUrl: fake.url, model: 'fake-gpt' });
    const parts = await readAll(
      (await llm.stream({ messages: [{ role: 'user', content: 'x' }], tools })).stream,
    );

    expect(textOf(parts)).toBe('Let me check.');
    const calls = parts.filter((part) => part.type === 'tool-call');
    expect(calls.map((call) => call.name)).toEqual(['lookup_order', 'book_slot']);
    expect(JSON.parse(calls[0]!.arguments)).toEqual({ order: 'A-1234', note: 'urgent "quoted"' });
    expect(JSON.parse(calls[1]!.arguments)).toEqual({ day: 'Friday' });
    expect(calls[0]!.id).toMatch(/^call_/);
    expect(calls[0]!.id).not.toBe(calls[1]!.id);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
    // Calls come after all text, usage just before finish.
    expect(parts.findIndex((part) => part.type === 'tool-call')).toBeGreaterThan(
      parts.findLastIndex((part) => part.type === 'text-delta'),
    );
    expect(parts.at(-2)?.type).toBe('usage');
  });

  it('treats a new id on a reused index as a new call, even when the server finishes with stop', async () => {
    await start({
      toolCallIndexing: 'reuse-zero',
      toolCallFinishReason: 'stop',
      lineEnding: '\r\n',
      keepAliveComments: true,
    });
    fake.setPolicy(() => ({
      toolCalls: [
        { name: 'lookup_order', arguments: { order: '1' } },
        { name: 'book_slot', arguments: { day: 'Monday' } },
      ],
    }));
    const llm = createOpenAiLlm({ baseUrl: fake.url, model: 'fake-gpt' });
    const parts = await readAll(
      (await llm.stream({ messages: [{ role: 'user', content: 'x' }], tools })).stream,
    );
    const calls = parts.filter((part) => part.type === 'tool-call');
    expect(calls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['lookup_order', { order: '1' }],
      ['book_slot', { day: 'Monday' }],
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
  });

  it('maps 401, 429 and 500 to ProviderError with status, retryability and the server message', async () => {
    const wrongKey = createOpenAiLlm({ apiKey: 'sk-wrong', baseUrl: fake.url, model: 'fake-gpt' });
    const unauthorized = await wrongKey
      .stream({ messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    expect(unauthorized).toBeInstanceOf(ProviderError);
    expect(unauthorized).toMatchObject({
      status: 401,
      retryable: false,
      code: 'authentication_failed',
      provider: 'openai',
    });
    expect((unauthorized as Error).message).toContain('Incorrect API key provided');

    const llm = createOpenAiLlm({ apiKey: 'sk-test', baseUrl: fake.url, model: 'fake-gpt' });
    for (const status of [429, 500]) {
      fake.failNext(status, 1, { path: '/chat/completions' });
      const failure = await llm
        .stream({ messages: [{ role: 'user', content: 'x' }] })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProviderError);
      expect(failure).toMatchObject({ status, retryable: true });
    }
    fake.failNext(429);
    const rateLimited = await llm
      .stream({ messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    expect((rateLimited as Error).message).toMatch(/Rate limit reached.*retry after 1 s/);

    // The injected failures are used up: the next request succeeds.
    expect(
      (await readAll((await llm.stream({ messages: [{ role: 'user', content: 'x' }] })).stream)).at(
        -1,
      ),
    ).toMatchObject({ type: 'finish' });
  });

  it('turns a malformed SSE line into an error part and ends the stream', async () => {
    await start();
    const good = JSON.stringify({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
    });
    fake.setPolicy(() => ({
      rawSse: `data: ${good}\n\ndata: {"id":"c","choices":[{"ind\n\ndata: ${good}\n\ndata: [DONE]\n\n`,
    }));
    const llm = createOpenAiLlm({ baseUrl: fake.url, model: 'fake-gpt' });
    const parts = await readAll(
      (await llm.stream({ messages: [{ role: 'user', content: 'x' }] })).stream,
    );
    expect(parts.map((part) => part.type)).toEqual(['text-delta', 'error']);
    const error = parts[1];
    expect(error?.type === 'error' && error.error.code).toBe('invalid_response');
  });

  it('reports an error object sent inside the stream, and a stream cut off before it finished', async () => {
    await start();
    const llm = createOpenAiLlm({ baseUrl: fake.url, model: 'fake-gpt' });
    fake.setPolicy(() => ({
      rawSse: 'data: {"error":{"message":"model overloaded","type":"server_error"}}\n\n',
    }));
    const midStream = await readAll(
      (await llm.stream({ messages: [{ role: 'user', content: 'x' }] })).stream,
    );
    expect(midStream).toHaveLength(1);
    expect(midStream[0]?.type === 'error' && midStream[0].error.message).toContain(
      'model overloaded',
    );

    const chunk = JSON.stringify({
      choices: [{ index: 0, delta: { content: 'Half a sen' }, finish_reason: null }],
    });
    fake.setPolicy(() => ({ rawSse: `data: ${chunk}\n\n` }));
    const truncated = await readAll(
      (await llm.stream({ messages: [{ role: 'user', content: 'x' }] })).stream,
    );
    expect(truncated.map((part) => part.type)).toEqual(['text-delta', 'error']);
    expect(truncated[1]?.type === 'error' && truncated[1].error.code).toBe('stream_truncated');
  });

  it('ends the stream quietly when aborted mid-stream or before it starts', async () => {
    await start({ tokenIntervalMs: 40 });
    fake.setPolicy(() => ({
      text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen',
    }));
    const llm = createOpenAiLlm({ baseUrl: fake.url, model: 'fake-gpt' });
    const controller = new AbortController();
    const { stream } = await llm.stream({
      messages: [{ role: 'user', content: 'x' }],
      abortSignal: controller.signal,
    });
    const parts: LlmStreamPart[] = [];
    for await (const part of stream) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(parts.length).toBeGreaterThanOrEqual(1);
    expect(parts.some((part) => part.type === 'error' || part.type === 'finish')).toBe(false);

    const early = new AbortController();
    early.abort();
    const { stream: empty } = await llm.stream({
      messages: [{ role: 'user', content: 'x' }],
      abortSignal: early.signal,
    });
    expect(await readAll(empty)).toEqual([]);
  });

  it('rejects with a retryable network error when nothing listens, and validates provider options', async () => {
    const url = fake.url;
    await fake.close();
    const llm = createOpenAiLlm({ baseUrl: url, model: 'fake-gpt' });
    const failure = await llm
      .stream({ messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProviderError);
    expect(failure).toMatchObject({ retryable: true, code: 'network_error' });

    await expect(
      llm.stream({ messages: [], providerOptions: { openai: { maxTokensField: 'tokens' } } }),
    ).rejects.toBeInstanceOf(ConfigError);
    fake = await startFakeOpenAi();
  });

  it('refuses to target api.openai.com without a key', () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      expect(() =>
        createOpenAiLlm({ model: 'gpt-4o-mini', baseUrl: 'https://api.openai.com/v1' }),
      ).toThrow(ConfigError);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it("logs about the chat stream with the call's logger, tagged with provider and component", async () => {
    fake.setPolicy(() => ({ text: 'Hello.' }));
    const model = captureLogs();
    const call = captureLogs();
    const llm = createOpenAiLlm({
      apiKey: 'sk-test',
      baseUrl: fake.url,
      model: 'fake-gpt',
      logger: model.logger,
    });
    const { stream } = await llm.stream({
      messages: [{ role: 'user', content: 'Hi' }],
      logger: call.logger.child({ callId: 'call-4', callSid: 'CA4' }),
    });
    await readAll(stream);
    expect(call.lines).toContainEqual(
      expect.objectContaining({
        callId: 'call-4',
        callSid: 'CA4',
        provider: 'openai',
        component: 'llm',
        msg: 'openai chat request started',
      }),
    );
    expect(model.lines).toEqual([]);

    // Without a call logger the model's own logger gets the line, with the same tags.
    await readAll((await llm.stream({ messages: [{ role: 'user', content: 'Hi' }] })).stream);
    expect(model.lines).toEqual([
      expect.objectContaining({
        provider: 'openai',
        component: 'llm',
        msg: 'openai chat request started',
      }),
    ]);
  });
});
