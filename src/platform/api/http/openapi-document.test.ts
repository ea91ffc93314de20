import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../../errors/index.js';
import { defineRoute } from './define-route.js';
import { createExampleWidgetRoutes } from './example-widget-routes.fixture.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi-document.js';

/** The parts of OpenAPI 3.1 this module writes, checked strictly enough to catch a wrong shape. */
const reference = z.object({ $ref: z.string().startsWith('#/components/') }).strict();
const mediaTypes = z.record(
  z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
  z.object({ schema: z.record(z.string(), z.unknown()) }),
);
const response = z.union([
  reference,
  z
    .object({
      description: z.string(),
      headers: z.record(z.string(), reference).optional(),
      content: mediaTypes.optional(),
    })
    .strict(),
]);
const parameter = z
  .object({
    name: z.string(),
    in: z.enum(['path', 'query']),
    required: z.boolean(),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
  })
  .strict();
const operation = z
  .object({
    operationId: z.string(),
    summary: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()),
    parameters: z.array(parameter).optional(),
    requestBody: z.object({ required: z.boolean(), content: mediaTypes }).strict().optional(),
    responses: z.record(z.string().regex(/^[1-5]\d\d$/), response),
    security: z.array(z.record(z.string(), z.array(z.string()))),
  })
  .strict();
const documentShape = z.object({
  openapi: z.literal('3.1.0'),
  info: z
    .object({ title: z.string(), version: z.string(), description: z.string().optional() })
    .strict(),
  servers: z.array(z.object({ url: z.string(), description: z.string().optional() }).strict()),
  tags: z.array(z.object({ name: z.string() })),
  paths: z.record(
    z.string().startsWith('/'),
    z.partialRecord(z.enum(['get', 'post', 'put', 'patch', 'delete']), operation),
  ),
  components: z
    .object({
      schemas: z.record(z.string(), z.unknown()),
      responses: z.record(z.string(), response),
      headers: z.record(z.string(), z.unknown()),
      securitySchemes: z.record(z.string(), z.unknown()),
    })
    .strict(),
});

function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : referencesIn(child),
  );
}

function resolve(document: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, segment) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[segment]
          : undefined,
      document,
    );
}

const buildExample = (): OpenApiDocument =>
  buildOpenApiDocument(createExampleWidgetRoutes(), {
    title: 'Example API',
    version: '1.0.0',
    servers: ['https://api.example.test'],
  });

describe('buildOpenApiDocument', () => {
  it('writes a well-formed 3.1.0 document whose refs all resolve', () => {
    const document = buildExample();
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    documentShape.parse(document);
    expect(document.info).toEqual({ title: 'Example API', version: '1.0.0' });
    expect(document.servers).toEqual([{ url: 'https://api.example.test' }]);
    expect(document.tags).toEqual([{ name: 'meta' }, { name: 'widgets' }]);
    const references = referencesIn(document);
    expect(references.length).toBeGreaterThan(10);
    for (const pointer of references) expect(resolve(document, pointer), pointer).toBeDefined();
    expect(references.some((pointer) => pointer.includes('$defs'))).toBe(false);
  });

  it('documents parameters with their location and whether they are required', () => {
    const { paths } = buildExample();
    expect(paths['/v1/widgets/{widgetId}']?.get?.parameters).toEqual([
      {
        name: 'widgetId',
        in: 'path',
        required: true,
        description: 'Widget id, w_<n>.',
        schema: expect.objectContaining({ type: 'string', pattern: '^w_\\d+$' }),
      },
    ]);
    const query = paths['/v1/widgets']?.get?.parameters ?? [];
    expect(query.map((entry) => [entry.name, entry.in, entry.required])).toEqual([
      ['limit', 'query', false],
      ['cursor', 'query', false],
      ['tag', 'query', false],
    ]);
    expect(query[0]?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 200,
      default: 50,
    });
    expect(query[2]?.schema).toMatchObject({ type: 'array', items: { type: 'string' } });
  });

  it('documents bodies and responses from the same schemas, named ones as components', () => {
    const { paths, components } = buildExample();
    const create = paths['/v1/widgets']?.post;
    expect(create?.requestBody).toMatchObject({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['name', 'dimensions'],
            properties: { dimensions: { $ref: '#/components/schemas/ExampleDimensionsInput' } },
          },
        },
      },
    });
    expect(create?.responses['201']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ExampleWidget' } } },
    });
    expect(create?.responses['409']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(create?.security).toEqual([{ bearerAuth: ['write'] }]);
    // Defaults make the input and output readings differ: both are published.
    expect(components.schemas.ExampleDimensions).toMatchObject({
      required: ['width', 'height', 'unit'],
    });
    expect(components.schemas.ExampleDimensionsInput).toMatchObject({
      required: ['width', 'height'],
    });
    expect(components.schemas.ExampleWidget).toMatchObject({
      description: 'A widget.',
      properties: { dimensions: { $ref: '#/components/schemas/ExampleDimensions' } },
    });
    expect(paths['/v1/widgets/{widgetId}']?.delete?.responses['204']).toEqual(
      expect.not.objectContaining({ content: expect.anything() }),
    );
  });

  it('documents problem responses and the bearer scheme on every route', () => {
    const { paths, components } = buildExample();
    expect(Object.keys(paths['/v1/widgets']?.post?.responses ?? {})).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '415',
      '422',
      '429',
      '500',
    ]);
    expect(Object.keys(paths['/v1/ping']?.get?.responses ?? {})).toEqual(['200', '500']);
    expect(paths['/v1/ping']?.get?.security).toEqual([]);
    expect(paths['/v1/widgets']?.get?.responses['200']).toMatchObject({
      headers: { 'RateLimit-Remaining': { $ref: '#/components/headers/RateLimit-Remaining' } },
    });
    expect(components.responses?.RateLimited).toMatchObject({
      headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
    });
    expect(components.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(components.schemas.Problem).toMatchObject({
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'instance'],
    });
  });

  it('takes ids from a given registry and guards reserved names', () => {
    const registry = z.registry<{ id?: string }>();
    const noteSchema = z.object({ text: z.string() });
    registry.add(noteSchema, { id: 'Note' });
    const route = defineRoute({
      method: 'put',
      path: '/v1/notes',
      operationId: 'putNote',
      summary: 'Put',
      tags: ['notes'],
      auth: 'none',
      body: noteSchema.optional(),
      responses: { 200: { description: 'Stored', schema: noteSchema } },
      handler: (_input) => ({ status: 200, body: { text: 'x' } }),
    });
    const document = buildOpenApiDocument([route], { title: 'Notes', version: '1', registry });
    expect(document.components.schemas.Note).toEqual({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    });
    expect(document.paths['/v1/notes']?.put?.requestBody).toMatchObject({ required: false });
    const clash = defineRoute({
      ...route,
      operationId: 'clash',
      responses: { 200: { description: 'x', schema: z.object({}).meta({ id: 'Problem' }) } },
      handler: (_input) => ({ status: 200, body: {} }),
    });
    expect(() => buildOpenApiDocument([clash], { title: 'x', version: '1' })).toThrow(ConfigError);
    expect(() => buildOpenApiDocument([route, route], { title: 'x', version: '1' })).toThrow(
      /used twice/,
    );
  });
});
