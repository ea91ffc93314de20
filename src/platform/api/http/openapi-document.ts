import type { z } from 'zod';
import { ConfigError } from '../../../errors/index.js';
import { createSchemaCollector, type JsonSchema, type SchemaCollector } from './openapi-schemas.js';
import { PROBLEM_CONTENT_TYPE } from './problem-response.js';
import { problemComponents, problemResponsesFor } from './openapi-problems.js';
import type { ApiRoute, HttpMethod } from './route-definition.js';

/** An OpenAPI 3.1 operation as this module writes it. */
export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly JsonSchema[];
  readonly requestBody?: JsonSchema;
  readonly responses: Record<string, JsonSchema>;
  readonly security: readonly Record<string, readonly string[]>[];
}

/** The OpenAPI 3.1.0 document of a set of routes. */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: {
    readonly title: string;
    readonly version: string;
    readonly description?: string;
  };
  readonly servers: readonly { readonly url: string; readonly description?: string }[];
  readonly tags: readonly { readonly name: string }[];
  readonly paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> } & Record<
    string,
    Record<string, JsonSchema>
  >;
}

/** Settings of {@link buildOpenApiDocument}. */
export interface OpenApiDocumentOptions {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly servers?: readonly (string | { readonly url: string; readonly description?: string })[];
  /**
   * Where schema ids (and descriptions) are looked up; zod's global registry, which `.meta()` writes
   * to, by default. A custom registry replaces it entirely, so `.meta()` descriptions are then unused.
   */
  readonly registry?: z.core.$ZodRegistry<{ id?: string | undefined }>;
  /** Document `RateLimit-*` headers on api-key routes (mount with a rate limiter). Default true. */
  readonly rateLimited?: boolean;
}

const rateLimitHeaderRefs = Object.fromEntries(
  ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'].map((name) => [
    name,
    { $ref: `#/components/headers/${name}` },
  ]),
);

function parametersOf(
  schema: z.ZodObject | undefined,
  location: 'path' | 'query',
  collector: SchemaCollector,
): JsonSchema[] {
  if (schema === undefined) return [];
  const json = collector.dereference(collector.convert(schema, 'input'), 'input');
  const required = Array.isArray(json.required) ? json.required : [];
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  // The property object itself is kept (not copied) so `finish` can still rewrite refs inside it.
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function operationOf(
  route: ApiRoute<never>,
  collector: SchemaCollector,
  rateLimited: boolean,
): OpenApiOperation {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, declared] of Object.entries(route.responses)) {
    const contentType =
      declared.schema === undefined && Number(status) >= 400
        ? PROBLEM_CONTENT_TYPE
        : (declared.contentType ?? 'application/json');
    const schema =
      declared.schema === undefined
        ? Number(status) >= 400
          ? { $ref: '#/components/schemas/Problem' }
          : undefined
        : collector.convert(declared.schema, 'output');
    responses[status] = {
      description: declared.description,
      ...(rateLimited && route.auth === 'api-key' && Number(status) < 400
        ? { headers: rateLimitHeaderRefs }
        : {}),
      ...(schema === undefined ? {} : { content: { [contentType]: { schema } } }),
    };
  }
  for (const [status, reference] of Object.entries(problemResponsesFor(route)))
    responses[status] ??= reference;
  const parameters = [
    ...parametersOf(route.params, 'path', collector),
    ...parametersOf(route.query, 'query', collector),
  ];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: route.tags,
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: route.body._zod.optin !== 'optional',
            content: { 'application/json': { schema: collector.convert(route.body, 'input') } },
          },
        }),
    responses,
    // OpenAPI 3.1 lets a bearer requirement list role names: we list the scope needed.
    security:
      route.auth === 'none' ? [] : [{ bearerAuth: route.scope === undefined ? [] : [route.scope] }],
  };
}

/**
 * Describes routes as an OpenAPI 3.1.0 document, from the same zod schemas that validate them.
 * Named schemas land in `components/schemas`; every operation documents its problem responses.
 *
 * @example
 * app.get('/v1/openapi.json', (context) => context.json(buildOpenApiDocument(routes, { title: 'Switchboard API', version: '1' })));
 */
export function buildOpenApiDocument(
  routes: readonly ApiRoute<never>[],
  options: OpenApiDocumentOptions,
): OpenApiDocument {
  const collector = createSchemaCollector(options.registry);
  const paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>> = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    if (operationIds.has(route.operationId))
      throw new ConfigError(
        `route ${route.path}`,
        `operationId ${route.operationId} is used twice`,
      );
    operationIds.add(route.operationId);
    const item = (paths[route.path] ??= {});
    if (item[route.method] !== undefined)
      throw new ConfigError(`route ${route.path}`, `${route.method} is declared twice`);
    item[route.method] = operationOf(route, collector, options.rateLimited ?? true);
  }
  const schemas = collector.finish();
  const problems = problemComponents();
  if (schemas.Problem !== undefined)
    throw new ConfigError(
      'schema id Problem',
      'is reserved for error responses; rename the schema',
    );
  const tags = [...new Set(routes.flatMap((route) => route.tags))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: options.title,
      version: options.version,
      ...(options.description === undefined ? {} : { description: options.description }),
    },
    servers: (options.servers ?? []).map((server) =>
      typeof server === 'string' ? { url: server } : server,
    ),
    tags,
    paths,
    components: { ...problems, schemas: { ...schemas, ...problems.schemas } },
  };
}
