import { z } from 'zod';

/** A JSON Schema (2020-12) object, as OpenAPI 3.1 embeds it. */
export type JsonSchema = { [keyword: string]: unknown };

type Direction = 'input' | 'output';

const localReference = /^#\/\$defs\/(.+)$/;

/**
 * Converts zod schemas to JSON Schema for one OpenAPI document, gathering every schema that has
 * an id (`.meta({ id })` or the given registry) into `components/schemas`.
 *
 * Request schemas are converted as zod inputs, responses as outputs. When a named schema reads
 * differently the two ways (defaults are optional going in and always present coming out), the
 * input variant becomes `<id>Input`. Refs can only be named once everything is converted, so
 * {@link SchemaCollector.finish} rewrites them in place in the objects `convert` returned.
 */
export interface SchemaCollector {
  convert(schema: z.ZodType, direction: Direction): JsonSchema;
  /** The named schema a bare `{ $ref }` from `convert` points to (before `finish`), else the schema itself. */
  dereference(json: JsonSchema, direction: Direction): JsonSchema;
  /** Names the components, rewrites every ref, and returns `components/schemas`. */
  finish(): Record<string, JsonSchema>;
}

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function visitReferences(value: unknown, visit: (holder: JsonSchema, id: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitReferences(item, visit);
    return;
  }
  if (!isRecord(value)) return;
  const match = typeof value.$ref === 'string' ? localReference.exec(value.$ref) : null;
  if (match?.[1] !== undefined) visit(value, match[1]);
  for (const child of Object.values(value)) visitReferences(child, visit);
}

/** Makes a {@link SchemaCollector}; ids come from `registry` (zod's global one by default). */
export function createSchemaCollector(
  registry: z.core.$ZodRegistry<{ id?: string | undefined }> = z.globalRegistry,
): SchemaCollector {
  const definitions: Record<Direction, Map<string, JsonSchema>> = {
    input: new Map(),
    output: new Map(),
  };
  const converted: { readonly json: JsonSchema; readonly direction: Direction }[] = [];

  return {
    convert(schema, direction) {
      const {
        $schema: _dialect,
        $defs,
        ...json
      } = z.toJSONSchema(schema, {
        target: 'draft-2020-12',
        io: direction,
        metadata: registry,
        unrepresentable: 'any',
      }) as JsonSchema;
      if (isRecord($defs)) {
        for (const [id, definition] of Object.entries($defs)) {
          // Keep the first copy: `dereference` may already have handed out pieces of it.
          if (isRecord(definition) && !definitions[direction].has(id))
            definitions[direction].set(id, definition);
        }
      }
      converted.push({ json, direction });
      return json;
    },
    dereference(json, direction) {
      const match = typeof json.$ref === 'string' ? localReference.exec(json.$ref) : null;
      return (match?.[1] === undefined ? undefined : definitions[direction].get(match[1])) ?? json;
    },
    finish() {
      const { input, output } = definitions;
      // An input variant needs its own name if it differs, or if it refers to one that does.
      const divergent = new Set(
        [...input]
          .filter(
            ([id, json]) =>
              output.has(id) && JSON.stringify(output.get(id)) !== JSON.stringify(json),
          )
          .map(([id]) => id),
      );
      for (let grew = true; grew;) {
        grew = false;
        for (const [id, json] of input) {
          if (divergent.has(id)) continue;
          visitReferences(json, (_holder, target) => {
            if (divergent.has(target) && !divergent.has(id)) {
              divergent.add(id);
              grew = true;
            }
          });
        }
      }
      const nameOf = (id: string, direction: Direction): string =>
        direction === 'input' && divergent.has(id) ? `${id}Input` : id;
      const components: Record<string, JsonSchema> = {};
      for (const direction of ['output', 'input'] as const) {
        for (const [id, json] of definitions[direction]) {
          converted.push({ json, direction });
          components[nameOf(id, direction)] ??= json;
        }
      }
      for (const { json, direction } of converted) {
        visitReferences(json, (holder, id) => {
          holder.$ref = `#/components/schemas/${nameOf(id, direction)}`;
        });
      }
      return Object.fromEntries(
        Object.entries(components).sort(([left], [right]) => left.localeCompare(right)),
      );
    },
  };
}
