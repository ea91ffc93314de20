import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from './fake-openai-server.js';
import type { FakeOpenAi } from './fake-openai-types.js';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(() => fake.close());

async function chat(
  body: Record<string, unknown>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'fake-gpt',
      messages: [{ role: 'user', content: '[00:01] Caller: I need new brakes' }],
      ...body,
    }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function jsonSchemaFormat(schema: unknown, name = 'call_analysis') {
  return { type: 'json_schema', json_schema: { name, strict: true, schema } };
}

const STRICT = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'extra'],
  properties: {
    summary: { type: 'string' },
    extra: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['service'],
      properties: { service: { type: ['string', 'null'] } },
    },
  },
};

describe('fake OpenAI response_format', () => {
  it('answers a strict json_schema request with content matching the schema', async () => {
    const { status, json } = await chat({ response_format: jsonSchemaFormat(STRICT) });
    expect(status).toBe(200);
    const choices = json.choices as { message: { content: string; refusal: null } }[];
    const content: unknown = JSON.parse(choices[0]?.message.content ?? '');
    expect(content).toEqual({ summary: expect.stringContaining('brake'), extra: null });
  });

  it('rejects strict schemas that break the structured-output rules, as the API does', async () => {
    const open = await chat({
      response_format: jsonSchemaFormat({
        ...STRICT,
        properties: { ...STRICT.properties, extra: { type: 'object', properties: {} } },
      }),
    });
    expect(open.status).toBe(400);
    expect(open.json.error).toMatchObject({
      param: 'response_format',
      message: expect.stringContaining(
        "In context=('properties', 'extra'), 'additionalProperties' is required to be supplied and to be false",
      ),
    });

    const partlyRequired = await chat({
      response_format: jsonSchemaFormat({ ...STRICT, required: ['summary'] }),
    });
    expect(partlyRequired.status).toBe(400);
    expect(JSON.stringify(partlyRequired.json)).toContain("Missing 'extra'");

    const badName = await chat({ response_format: jsonSchemaFormat(STRICT, 'call analysis') });
    expect(badName.json.error).toMatchObject({ param: 'response_format.json_schema.name' });

    const unknownType = await chat({ response_format: { type: 'yaml' } });
    expect(unknownType.json.error).toMatchObject({ param: 'response_format.type' });

    const noJsonWord = await chat({ response_format: { type: 'json_object' } });
    expect(noJsonWord.status).toBe(400);
  });

  it('sends scripted text as it is and puts a refusal where the API does', async () => {
    fake.setPolicy(() => ({ text: 'not json at all' }));
    const scripted = await chat({ response_format: jsonSchemaFormat(STRICT) });
    expect(scripted.json.choices).toMatchObject([{ message: { content: 'not json at all' } }]);

    fake.setPolicy(() => ({ refusal: 'I cannot help with that.' }));
    const refused = await chat({ response_format: jsonSchemaFormat(STRICT) });
    expect(refused.json.choices).toMatchObject([
      { message: { content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop' },
    ]);
  });
});
