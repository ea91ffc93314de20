/** A JSON Schema node (or anything found where one should be). */
export type SchemaNode = Readonly<Record<string, unknown>>;

/**
 * Proposes a value for the node at `path` (property names from the root; `[]` for array items
 * is written `'*'`). Return undefined for no opinion; a proposal that does not fit the node's type,
 * enum or format is ignored.
 */
export type SampleHint = (path: readonly string[], node: SchemaNode) => unknown;

/** A valid example of each string format structured outputs support. */
const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  'date-time': '2025-01-06T09:00:00Z',
  date: '2025-01-06',
  time: '09:00:00Z',
  duration: 'PT0S',
  email: 'caller@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
};

const MAX_DEPTH = 32;

/**
 * A value that satisfies `schema`: objects with every property, nullable values null unless the
 * hint knows better, the first enum value, format examples, and minimal numbers, strings and
 * arrays within their bounds. Handles `type` lists, `anyOf`, `const` and local `$ref`s, so any
 * strict structured-output schema gets a valid answer.
 */
export function sampleJsonSchema(schema: unknown, hint: SampleHint = () => undefined): unknown {
  const root = isRecord(schema) ? schema : {};
  return sample(root, [], root, hint, 0);
}

function sample(
  node: unknown,
  path: readonly string[],
  root: SchemaNode,
  hint: SampleHint,
  depth: number,
): unknown {
  if (!isRecord(node) || depth > MAX_DEPTH) return null;
  if (typeof node.$ref === 'string')
    return sample(resolveReference(node.$ref, root), path, root, hint, depth + 1);
  if ('const' in node) return node.const;
  const branches = Array.isArray(node.anyOf)
    ? node.anyOf
    : Array.isArray(node.oneOf)
      ? node.oneOf
      : undefined;
  if (branches !== undefined) {
    const solid = branches.filter((branch) => !isNullSchema(branch, root));
    const proposal = hint(path, node);
    if (proposal !== undefined && proposal !== null) {
      if (solid.some((branch) => fits(resolved(branch, root), proposal))) return proposal;
    }
    if (solid.length < branches.length) return null;
    return sample(solid[0], path, root, hint, depth + 1);
  }

  const types = typesOf(node);
  const nullable = types.includes('null') || (Array.isArray(node.enum) && node.enum.includes(null));
  const proposal = hint(path, node);
  if (proposal !== undefined && fits(node, proposal)) return proposal;
  if (nullable) return null;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  switch (types.find((type) => type !== 'null')) {
    case 'string':
      return stringSample(node);
    case 'integer':
      return Math.ceil(numberSample(node));
    case 'number':
      return numberSample(node);
    case 'boolean':
      return false;
    case 'array': {
      const count = typeof node.minItems === 'number' ? Math.max(0, node.minItems) : 0;
      return Array.from({ length: count }, () =>
        sample(node.items, [...path, '*'], root, hint, depth + 1),
      );
    }
    case 'object': {
      const properties = isRecord(node.properties) ? node.properties : {};
      return Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [
          name,
          sample(property, [...path, name], root, hint, depth + 1),
        ]),
      );
    }
    default:
      return null;
  }
}

/** The node's types; without `type`, what its keywords imply. */
function typesOf(node: SchemaNode): string[] {
  if (Array.isArray(node.type)) return node.type.filter((type) => typeof type === 'string');
  if (typeof node.type === 'string') return [node.type];
  if (isRecord(node.properties)) return ['object'];
  if (node.items !== undefined) return ['array'];
  if (Array.isArray(node.enum)) {
    const first = node.enum.find((value) => value !== null);
    return first === undefined ? ['null'] : [typeof first];
  }
  return [];
}

/** Whether a hinted value is acceptable here (a loose check, enough for hints on leaves). */
function fits(node: SchemaNode, value: unknown): boolean {
  const types = typesOf(node);
  if (value === null)
    return types.includes('null') || (Array.isArray(node.enum) && node.enum.includes(null));
  if (Array.isArray(node.enum) && !node.enum.includes(value)) return false;
  if (typeof value === 'string')
    return (
      types.includes('string') &&
      node.format === undefined &&
      node.pattern === undefined &&
      value.length >= (typeof node.minLength === 'number' ? node.minLength : 0) &&
      value.length <= (typeof node.maxLength === 'number' ? node.maxLength : Infinity)
    );
  if (typeof value === 'boolean') return types.includes('boolean');
  if (typeof value === 'number')
    return types.includes('number') || (types.includes('integer') && Number.isInteger(value));
  return false;
}

function stringSample(node: SchemaNode): string {
  const example = typeof node.format === 'string' ? FORMAT_SAMPLES[node.format] : undefined;
  if (example !== undefined) return example;
  const minLength = typeof node.minLength === 'number' ? node.minLength : 0;
  return 'x'.repeat(minLength);
}

function numberSample(node: SchemaNode): number {
  let value = 0;
  if (typeof node.minimum === 'number') value = Math.max(value, node.minimum);
  if (typeof node.exclusiveMinimum === 'number') value = Math.max(value, node.exclusiveMinimum + 1);
  if (typeof node.maximum === 'number') value = Math.min(value, node.maximum);
  if (typeof node.exclusiveMaximum === 'number') value = Math.min(value, node.exclusiveMaximum - 1);
  return value;
}

function isNullSchema(node: unknown, root: SchemaNode): boolean {
  const target = resolved(node, root);
  return target.type === 'null' || ('const' in target && target.const === null);
}

function resolved(node: unknown, root: SchemaNode): SchemaNode {
  if (!isRecord(node)) return {};
  return typeof node.$ref === 'string' ? resolveReference(node.$ref, root) : node;
}

/** `#`, `#/$defs/name` or `#/definitions/name`; anything else resolves to an empty schema. */
function resolveReference(reference: string, root: SchemaNode): SchemaNode {
  if (reference === '#') return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
  const definitions = match?.[1] === undefined ? undefined : root[match[1]];
  const target =
    isRecord(definitions) && match?.[2] !== undefined ? definitions[match[2]] : undefined;
  return isRecord(target) ? target : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
