import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError } from '../../errors/provider-error.js';
import { startFakeOpenAi, demoPolicy, type FakeOpenAi } from '../../testing/fake-openai/index.js';
import { bookedCallInput, fullAnalysisSettings } from './analysis-input.fixture.js';
import { createOpenAiCallAnalyzer } from './openai-call-analyzer.js';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: 'sk-test' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.setPolicy(demoPolicy);
});

function analyzer(timeoutMs?: number) {
  return createOpenAiCallAnalyzer({
    apiKey: 'sk-test',
    baseUrl: fake.url,
    model: 'gpt-4o-mini',
    timeoutMs,
  });
}

async function failureOf(run: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

describe('createOpenAiCallAnalyzer', () => {
  it('sends the documented request and returns the validated parts', async () => {
    const parts = await analyzer().analyze(bookedCallInput, fullAnalysisSettings);
    expect(parts).toEqual({
      summary: 'The caller asked about an oil change. An appointment was booked.',
      sentiment: 'positive',
      success: { achieved: true, reason: 'An appointment was booked during the call.' },
      voicemail: false,
      fields: {
        service_requested: 'an oil change',
        appointment_booked: true,
        callback_number: '5550100199',
      },
    });

    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    const body = request?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'call_analysis',
          strict: true,
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['summary', 'sentiment', 'success', 'voicemail', 'fields'],
          },
        },
      },
    });
    expect(body.stream).toBeUndefined();
    const messages = body.messages as { role: string; content: string }[];
    expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(messages[1]?.content).toContain('Caller: Hi, I need an oil change');
  });

  it('fills nested, enum, array and formatted custom fields that the schema allows', async () => {
    const settings = {
      ...fullAnalysisSettings,
      fields: {
        vehicle: {
          type: 'object',
          properties: { make: { type: 'string' }, year: { type: 'integer' } },
          required: ['make'],
        },
        urgency: { enum: ['low', 'high'] },
        issues: { type: 'array', items: { type: 'string' } },
        preferred_date: { type: 'string', format: 'date' },
      },
    } as const;
    const parts = await analyzer().analyze(bookedCallInput, settings);
    expect(parts.fields).toEqual({
      vehicle: null,
      urgency: null,
      issues: null,
      preferred_date: null,
    });
  });

  it('rejects a reply of the wrong type, naming the field but not the value', async () => {
    fake.setPolicy(() => ({
      text: JSON.stringify({
        summary: 'A secret summary',
        sentiment: 'positive',
        success: { achieved: true, reason: 'ok' },
        voicemail: false,
        fields: { service_requested: 'oil', appointment_booked: 'yes', callback_number: 5550199 },
      }),
    }));
    const error = await failureOf(() => analyzer().analyze(bookedCallInput, fullAnalysisSettings));
    expect(error.retryable).toBe(false);
    expect(error.code).toBe('invalid_analysis_reply');
    expect(error.message).toMatch(/^the LLM reply did not match the schema: /);
    expect(error.message).toContain('fields.appointment_booked: expected boolean');
    expect(error.message).toContain('fields.callback_number: expected string');
    expect(error.message).not.toContain('5550199');
    expect(error.message).not.toContain('yes');

    fake.setPolicy(() => ({ text: '{"summary": "cut off' }));
    const notJson = await failureOf(() =>
      analyzer().analyze(bookedCallInput, fullAnalysisSettings),
    );
    expect(notJson.message).toMatch(/^the LLM reply is not valid JSON/);

    fake.setPolicy(() => ({ text: JSON.stringify({ success: { achieved: true, reason: 'x' } }) }));
    const missing = await failureOf(() =>
      analyzer().analyze(bookedCallInput, fullAnalysisSettings),
    );
    expect(missing.message).toContain('summary: expected string, received undefined');
    expect(missing.message).toContain('sentiment: ');
  });

  it('reports a refusal without quoting it', async () => {
    fake.setPolicy(() => ({ refusal: "I'm sorry, I can't help with that." }));
    const error = await failureOf(() => analyzer().analyze(bookedCallInput, fullAnalysisSettings));
    expect(error.code).toBe('analysis_refused');
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain('sorry');
  });

  it('marks 5xx and 429 retryable, other 4xx not', async () => {
    fake.failNext(500);
    const server = await failureOf(() => analyzer().analyze(bookedCallInput, fullAnalysisSettings));
    expect(server).toMatchObject({ status: 500, retryable: true });
    expect(server.message).toContain('call analysis failed with HTTP 500');

    fake.failNext(429);
    const limited = await failureOf(() =>
      analyzer().analyze(bookedCallInput, fullAnalysisSettings),
    );
    expect(limited).toMatchObject({ status: 429, retryable: true, code: 'rate_limited' });

    const wrongKey = createOpenAiCallAnalyzer({
      apiKey: 'sk-wrong',
      baseUrl: fake.url,
      model: 'm',
    });
    const denied = await failureOf(() => wrongKey.analyze(bookedCallInput, fullAnalysisSettings));
    expect(denied).toMatchObject({ status: 401, retryable: false });
  });

  it('times out, and tells a cancellation from a timeout', async () => {
    const slow = await startFakeOpenAi({ firstTokenDelayMs: 5_000 });
    try {
      const quick = createOpenAiCallAnalyzer({ baseUrl: slow.url, model: 'm', timeoutMs: 100 });
      const timedOut = await failureOf(() => quick.analyze(bookedCallInput, fullAnalysisSettings));
      expect(timedOut).toMatchObject({ code: 'timeout', retryable: true });
      expect(timedOut.message).toContain('timed out after 0.1 s');

      const controller = new AbortController();
      const patient = createOpenAiCallAnalyzer({ baseUrl: slow.url, model: 'm' });
      const pending = failureOf(() =>
        patient.analyze(bookedCallInput, fullAnalysisSettings, controller.signal),
      );
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toMatchObject({ code: 'aborted', retryable: true });
    } finally {
      await slow.close();
    }
  });

  it('produces replies that zod accepts for the schema it sent', async () => {
    await analyzer().analyze(bookedCallInput, fullAnalysisSettings);
    const body = fake.requests[0]?.body as {
      response_format: { json_schema: { schema: Parameters<typeof z.fromJSONSchema>[0] } };
    };
    const schema = z.fromJSONSchema(body.response_format.json_schema.schema);
    const reply = demoPolicy(fake.requests[0]?.body as Parameters<typeof demoPolicy>[0]);
    expect(schema.safeParse(JSON.parse(reply.text ?? '')).success).toBe(true);
  });
});
