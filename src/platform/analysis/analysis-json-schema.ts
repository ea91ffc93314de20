import type { AnalysisFieldSchema, AnalysisSettings } from '../../agents/agent-definition.js';
import { SENTIMENTS } from './call-analysis.js';

/** A JSON Schema document, as sent on the wire. */
export type JsonSchema = Record<string, unknown>;

/**
 * The response schema for the LLM, in the form OpenAI's strict structured outputs demand: every
 * property required, `additionalProperties: false` on every object, and "may be unknown" spelt as
 * a nullable type. Only the parts the settings want are in it.
 */
export function buildAnalysisJsonSchema(settings: AnalysisSettings): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  if (settings.summary)
    properties.summary = {
      type: 'string',
      description:
        'Two or three sentences: why the caller called, what the agent did, and the outcome.',
    };
  if (settings.sentiment)
    properties.sentiment = {
      type: 'string',
      enum: [...SENTIMENTS],
      description: "The caller's overall sentiment during the call.",
    };
  properties.success = strictObject(
    {
      achieved: { type: 'boolean', description: 'Whether the call achieved the goal.' },
      reason: { type: 'string', description: 'One sentence explaining the verdict.' },
    },
    settings.goal === undefined
      ? 'Whether the agent did what its instructions ask of it for this caller.'
      : 'Whether the call achieved the stated goal.',
  );
  if (settings.voicemail)
    properties.voicemail = {
      type: 'boolean',
      description:
        'True when the call reached a voicemail greeting or answering machine instead of a person.',
    };
  const fieldNames = Object.keys(settings.fields);
  if (fieldNames.length > 0)
    properties.fields = strictObject(
      Object.fromEntries(
        Object.entries(settings.fields).map(([name, field]) => [
          name,
          toStrictFieldSchema(field, true),
        ]),
      ),
      'Custom values extracted from the call; null when the call does not reveal them.',
    );
  return strictObject(properties);
}

/**
 * One custom field's schema in strict form. `nullable` marks a value that may be unknown (every
 * top-level field, and nested properties not listed as required).
 */
export function toStrictFieldSchema(field: AnalysisFieldSchema, nullable: boolean): JsonSchema {
  const schema: JsonSchema = {};
  const type = field.type ?? enumType(field.enum);
  if (type !== undefined) schema.type = nullable ? [type, 'null'] : type;
  if (field.description !== undefined) schema.description = field.description;
  if (field.enum !== undefined) schema.enum = nullable ? [...field.enum, null] : [...field.enum];
  if (field.format !== undefined) schema.format = field.format;
  if (field.items !== undefined) schema.items = toStrictFieldSchema(field.items, false);
  if (field.properties !== undefined) {
    const required = new Set(field.required ?? []);
    schema.properties = Object.fromEntries(
      Object.entries(field.properties).map(([name, property]) => [
        name,
        toStrictFieldSchema(property, !required.has(name)),
      ]),
    );
    schema.required = Object.keys(field.properties);
    schema.additionalProperties = false;
  }
  return schema;
}

function strictObject(properties: Record<string, JsonSchema>, description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/** The type an enum without one implies, when all its values agree; strict mode prefers a type. */
function enumType(values: AnalysisFieldSchema['enum']): string | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.every((value) => typeof value === 'string')) return 'string';
  if (values.every((value) => typeof value === 'boolean')) return 'boolean';
  if (values.every((value) => Number.isInteger(value))) return 'integer';
  if (values.every((value) => typeof value === 'number')) return 'number';
  return undefined;
}
