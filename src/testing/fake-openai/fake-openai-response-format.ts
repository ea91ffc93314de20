import { textOf } from './message-text.js';
import type { ChatRequestMessage } from './fake-openai-types.js';

/** A 400 the real API would send, in its own words. */
export interface RequestProblem {
  readonly message: string;
  readonly param: string | null;
  readonly code: string | null;
}

const SCHEMA_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Checks `response_format` the way the Chat Completions API does: the type is known, a
 * `json_schema` has a valid name and a schema, `json_object` needs the word "json" in the
 * messages, and a strict schema follows the structured-output rules (an object at the root,
 * `additionalProperties: false` and every property required on every object). Undefined when fine.
 */
export function findResponseFormatProblem(
  format: unknown,
  messages: readonly ChatRequestMessage[],
): RequestProblem | undefined {
  if (format === undefined) return undefined;
  if (!isRecord(format) || typeof format.type !== 'string')
    return {
      message: "Invalid type for 'response_format': expected an object with a 'type'.",
      param: 'response_format',
      code: 'invalid_type',
    };
  switch (format.type) {
    case 'text':
      return undefined;
    case 'json_object':
      return messages.some((message) => /json/i.test(textOf(message)))
        ? undefined
        : {
            message:
              "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
            param: 'messages',
            code: null,
          };
    case 'json_schema':
      return jsonSchemaProblem(format.json_schema);
    default:
      return {
        message: `Invalid value: '${format.type}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
        param: 'response_format.type',
        code: 'invalid_value',
      };
  }
}

function jsonSchemaProblem(jsonSchema: unknown): RequestProblem | undefined {
  if (!isRecord(jsonSchema))
    return {
      message: "Missing required parameter: 'response_format.json_schema'.",
      param: 'response_format.json_schema',
      code: 'missing_required_parameter',
    };
  const name = jsonSchema.name;
  if (typeof name !== 'string' || !SCHEMA_NAME.test(name))
    return {
      message:
        "Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' of at most 64 characters.",
      param: 'response_format.json_schema.name',
      code: 'invalid_value',
    };
  if (jsonSchema.schema !== undefined && !isRecord(jsonSchema.schema))
    return {
      message: "Invalid type for 'response_format.json_schema.schema': expected an object.",
      param: 'response_format.json_schema.schema',
      code: 'invalid_type',
    };
  if (jsonSchema.strict !== true || jsonSchema.schema === undefined) return undefined;
  const schema = jsonSchema.schema;
  if (schema.type !== 'object')
    return invalidSchema(
      name,
      [],
      `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`,
    );
  const problem = strictProblem(schema, []);
  return problem === undefined ? undefined : invalidSchema(name, problem.context, problem.text);
}

/** The first place where a strict schema breaks the structured-output rules. */
function strictProblem(
  schema: Record<string, unknown>,
  context: readonly string[],
): { context: readonly string[]; text: string } | undefined {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || isRecord(schema.properties)) {
    if (schema.additionalProperties !== false)
      return {
        context,
        text: "'additionalProperties' is required to be supplied and to be false.",
      };
    const keys = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
    const required = Array.isArray(schema.required) ? schema.required : undefined;
    const missing = keys.find((key) => !required?.includes(key));
    if (required === undefined || missing !== undefined)
      return {
        context,
        text: `'required' is required to be supplied and to be an array including every key in properties.${missing === undefined ? '' : ` Missing '${missing}'.`}`,
      };
  }
  const children: [readonly string[], unknown][] = [];
  if (isRecord(schema.properties))
    for (const [key, child] of Object.entries(schema.properties))
      children.push([[...context, 'properties', key], child]);
  if (schema.items !== undefined) children.push([[...context, 'items'], schema.items]);
  for (const keyword of ['anyOf', '$defs', 'definitions'] as const) {
    const value = schema[keyword];
    const entries = Array.isArray(value)
      ? value.map((child, index) => [String(index), child] as const)
      : isRecord(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of entries) children.push([[...context, keyword, key], child]);
  }
  for (const [childContext, child] of children) {
    if (!isRecord(child)) continue;
    const problem = strictProblem(child, childContext);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function invalidSchema(name: string, context: readonly string[], text: string): RequestProblem {
  const where = context.map((part) => `'${part}'`).join(', ');
  return {
    message: `Invalid schema for response_format '${name}': In context=(${where}${context.length === 1 ? ',' : ''}), ${text}`,
    param: 'response_format',
    code: 'invalid_json_schema',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
