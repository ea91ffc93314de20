import { describe, expect, it } from 'vitest';
import type { AnalysisSettings } from '../../agents/agent-definition.js';
import {
  buildAnalysisJsonSchema,
  toStrictFieldSchema,
  type JsonSchema,
} from './analysis-json-schema.js';
import { fullAnalysisSettings } from './analysis-input.fixture.js';

/** Every object node in a schema, with where it is. */
function objectsIn(schema: unknown, path = '$'): [string, JsonSchema][] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as JsonSchema;
  const found: [string, JsonSchema][] = node.properties === undefined ? [] : [[path, node]];
  for (const [key, child] of Object.entries(node))
    found.push(...objectsIn(child, `${path}.${key}`));
  return found;
}

describe('buildAnalysisJsonSchema', () => {
  it('asks for the wanted parts only, in strict form', () => {
    const schema = buildAnalysisJsonSchema(fullAnalysisSettings);
    expect(schema.required).toEqual(['summary', 'sentiment', 'success', 'voicemail', 'fields']);
    expect(schema.properties).toMatchObject({
      sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
      success: { required: ['achieved', 'reason'] },
      fields: {
        properties: {
          service_requested: {
            type: ['string', 'null'],
            description: 'What service the caller asked for',
          },
          appointment_booked: { type: ['boolean', 'null'] },
        },
      },
    });

    const minimal: AnalysisSettings = {
      ...fullAnalysisSettings,
      summary: false,
      sentiment: false,
      voicemail: false,
      fields: {},
    };
    expect(buildAnalysisJsonSchema(minimal).required).toEqual(['success']);
  });

  it('makes every object strict: all properties required, nothing else allowed', () => {
    const schema = buildAnalysisJsonSchema({
      ...fullAnalysisSettings,
      fields: {
        vehicle: {
          type: 'object',
          properties: {
            make: { type: 'string' },
            parts: {
              type: 'array',
              items: { type: 'object', properties: { name: { type: 'string' } } },
            },
          },
          required: ['make'],
        },
      },
    });
    const objects = objectsIn(schema);
    expect(objects.length).toBeGreaterThanOrEqual(5);
    for (const [, node] of objects) {
      expect(node.additionalProperties).toBe(false);
      expect(node.required).toEqual(Object.keys(node.properties as object));
    }
  });

  it('turns "may be unknown" into nullable types and enums', () => {
    expect(
      toStrictFieldSchema(
        {
          type: 'object',
          properties: { make: { type: 'string' }, year: { type: 'integer' } },
          required: ['make'],
        },
        true,
      ),
    ).toEqual({
      type: ['object', 'null'],
      properties: { make: { type: 'string' }, year: { type: ['integer', 'null'] } },
      required: ['make', 'year'],
      additionalProperties: false,
    });
    expect(toStrictFieldSchema({ enum: ['low', 'high'] }, true)).toEqual({
      type: ['string', 'null'],
      enum: ['low', 'high', null],
    });
    expect(
      toStrictFieldSchema({ type: 'array', items: { type: 'string', format: 'date' } }, true),
    ).toEqual({ type: ['array', 'null'], items: { type: 'string', format: 'date' } });
  });
});
