import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoPolicy } from './demo-policy.js';
import type { ChatRequestBody } from './fake-openai-types.js';
import { sampleJsonSchema } from './json-schema-sample.js';

type JsonSchemaInput = Parameters<typeof z.fromJSONSchema>[0];

/** A strict schema using every construct structured outputs allow. */
const EVERY_TYPE = {
  type: 'object',
  additionalProperties: false,
  required: [
    'text',
    'count',
    'ratio',
    'flag',
    'tags',
    'level',
    'when',
    'contact',
    'nested',
    'maybe',
    'either',
    'linked',
    'fixed',
    'bounded',
  ],
  properties: {
    text: { type: 'string' },
    count: { type: 'integer', minimum: 3 },
    ratio: { type: 'number', exclusiveMinimum: 0, maximum: 5 },
    flag: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 2 },
    level: { type: 'string', enum: ['low', 'medium', 'high'] },
    when: { type: 'string', format: 'date-time' },
    contact: { type: 'string', format: 'email' },
    nested: {
      type: 'object',
      additionalProperties: false,
      required: ['inner', 'list'],
      properties: {
        inner: { type: ['integer', 'null'] },
        list: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'day'],
            properties: {
              id: { type: 'string', minLength: 3 },
              day: { type: 'string', format: 'date' },
            },
          },
        },
      },
    },
    maybe: { type: ['object', 'null'], additionalProperties: false, required: [], properties: {} },
    either: { anyOf: [{ type: 'number' }, { type: 'null' }] },
    linked: { $ref: '#/$defs/thing' },
    fixed: { const: 'always' },
    bounded: { type: 'string', minLength: 2, maxLength: 4 },
  },
  $defs: {
    thing: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'kind'],
      properties: {
        name: { type: 'string' },
        kind: { type: ['string', 'null'], enum: ['x', 'y', null] },
      },
    },
  },
} as const;

const CALL_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'sentiment', 'success', 'voicemail', 'fields'],
  properties: {
    summary: { type: 'string' },
    sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
    success: {
      type: 'object',
      additionalProperties: false,
      required: ['achieved', 'reason'],
      properties: { achieved: { type: 'boolean' }, reason: { type: 'string' } },
    },
    voicemail: { type: 'boolean' },
    fields: {
      type: 'object',
      additionalProperties: false,
      required: ['service_requested', 'appointment_booked', 'callback_number', 'vehicle_make'],
      properties: {
        service_requested: { type: ['string', 'null'] },
        appointment_booked: { type: ['boolean', 'null'] },
        callback_number: { type: ['string', 'null'] },
        vehicle_make: { type: ['string', 'null'] },
      },
    },
  },
};

function analysisRequest(prompt: string, schema: object = CALL_SCHEMA): ChatRequestBody {
  return {
    model: 'fake-gpt',
    messages: [
      { role: 'system', content: 'You analyse phone calls.' },
      { role: 'user', content: prompt },
    ],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'call_analysis',
        strict: true,
        schema: schema as Record<string, unknown>,
      },
    },
  };
}

function answer(prompt: string, schema: object = CALL_SCHEMA): Record<string, unknown> {
  const reply = demoPolicy(analysisRequest(prompt, schema));
  const parsed: unknown = JSON.parse(reply.text ?? '');
  expect(z.fromJSONSchema(schema as JsonSchemaInput).safeParse(parsed).success).toBe(true);
  return parsed as Record<string, unknown>;
}

describe('sampleJsonSchema', () => {
  it('satisfies a schema with every type, enum, format, nesting, nullable and reference', () => {
    const value = sampleJsonSchema(EVERY_TYPE);
    const result = z.fromJSONSchema(EVERY_TYPE as unknown as JsonSchemaInput).safeParse(value);
    expect(result.error?.issues).toBeUndefined();
    expect(value).toMatchObject({
      count: 3,
      tags: ['a', 'a'],
      maybe: null,
      either: null,
      fixed: 'always',
    });
  });

  it('uses hints that fit and ignores those that do not', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { type: 'integer' },
        c: { type: 'string', format: 'date' },
      },
    };
    const value = sampleJsonSchema(schema, (path) =>
      path[0] === 'a'
        ? 'hinted'
        : path[0] === 'b'
          ? 1.5
          : path[0] === 'c'
            ? 'not a date'
            : undefined,
    );
    expect(value).toEqual({ a: 'hinted', b: 0, c: '2025-01-06' });
  });
});

describe('demoPolicy with a json_schema response format', () => {
  const bookedCall = [
    'Call facts:',
    '- Caller number: +15550100123',
    '- Appointments booked: oil change at 2025-01-07T09:00:00Z',
    'Goal: Book a service appointment',
    'Transcript (times from the start of the call):',
    '[00:01] Agent: Thanks for calling, how can I help?',
    '[00:04] Caller: Hi.',
    '[00:06] Caller: I need an oil change for my Civic, thanks.',
    '[00:12] Agent: Booked for tomorrow at nine.',
    'Tool calls:',
    '1. book_appointment({"serviceType":"oil change"}) -> {"booked":true,"appointmentId":"a1"}',
  ].join('\n');

  it('answers what the caller asked for, the booking and the fields by name', () => {
    expect(answer(bookedCall)).toEqual({
      summary: 'The caller asked about an oil change. An appointment was booked.',
      sentiment: 'positive',
      success: { achieved: true, reason: 'An appointment was booked during the call.' },
      voicemail: false,
      fields: {
        service_requested: 'an oil change',
        appointment_booked: true,
        callback_number: '+15550100123',
        vehicle_make: null,
      },
    });
  });

  it('sees a failed booking, an unhappy caller and goal words', () => {
    const value = answer(
      [
        'Goal: Answer questions about opening hours',
        '[00:01] Caller: This is ridiculous, I am so frustrated with your opening hours.',
        '[00:05] Agent: We are open from 8 to 6.',
        '1. book_appointment({}) -> error: slot taken',
      ].join('\n'),
    );
    expect(value).toMatchObject({
      summary:
        'The caller said: "This is ridiculous, I am so frustrated with your opening hours.". No appointment was booked.',
      sentiment: 'negative',
      success: { achieved: true },
      voicemail: false,
      fields: {
        appointment_booked: false,
        service_requested: expect.stringContaining('ridiculous'),
      },
    });
  });

  it('flags voicemail when the caller never spoke or a greeting asks for a message', () => {
    expect(answer('[00:01] Agent: Hello? Is anyone there?')).toMatchObject({
      voicemail: true,
      success: { achieved: false },
      fields: { service_requested: null, callback_number: null },
    });
    expect(
      answer('[00:01] Caller: You have reached Sam, please leave a message after the tone.'),
    ).toMatchObject({ voicemail: true });
  });

  it('still answers schemas it knows nothing about', () => {
    const value = answer('[00:01] Caller: hello', EVERY_TYPE);
    expect(value.fixed).toBe('always');
  });

  it('leaves the other behaviour alone', () => {
    const plain = demoPolicy({
      model: 'fake-gpt',
      messages: [{ role: 'user', content: 'Goodbye' }],
    });
    expect(plain.text).toMatch(/goodbye/i);
    const textFormat = demoPolicy({
      model: 'fake-gpt',
      messages: [{ role: 'user', content: '[DTMF 5]' }],
      response_format: { type: 'text' },
    });
    expect(textFormat.text).toBe('You pressed 5.');
  });
});
