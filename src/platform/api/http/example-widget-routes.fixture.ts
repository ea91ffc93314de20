/**
 * A tiny example resource ("widgets") used by the tests of this folder: it shows how a real
 * resource module is written with the toolkit, and exercises every part of it.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Logger } from '../../../logging/logger.js';
import { conflict, notFound, unauthorized } from './api-problem.js';
import {
  cursorQuerySchema,
  decodeCursor,
  limitQuerySchema,
  listEnvelopeSchema,
  toListPage,
} from './cursor-pagination.js';
import { createRouteDefiner } from './define-route.js';
import { mountRoutes } from './mount-routes.js';
import { createNotFoundHandler, createProblemHandler } from './problem-response.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ApiPrincipal, ApiRoute, ApiScope } from './route-definition.js';

export interface ExamplePrincipal extends ApiPrincipal {
  readonly orgId: string;
}

const defineRoute = createRouteDefiner<ExamplePrincipal>();

export const dimensionsSchema = z
  .object({
    width: z.number().positive(),
    height: z.number().positive(),
    unit: z.enum(['mm', 'in']).default('mm'),
  })
  .meta({ id: 'ExampleDimensions' });
export const widgetSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    tags: z.array(z.string()),
    dimensions: dimensionsSchema,
  })
  .meta({ id: 'ExampleWidget', description: 'A widget.' });
const widgetCreateSchema = z.object({
  name: z.string().min(1).max(40),
  tags: z.array(z.string()).default([]),
  dimensions: dimensionsSchema,
});
const widgetParams = z.object({
  widgetId: z
    .string()
    .regex(/^w_\d+$/)
    .meta({ description: 'Widget id, w_<n>.' }),
});

type StoredWidget = z.output<typeof widgetSchema> & { readonly internalNote: string };

/** The widget routes over an in-memory store (ids `w_1`, `w_2`… sort in creation order). */
export function createExampleWidgetRoutes(
  store: StoredWidget[] = [],
): ApiRoute<ExamplePrincipal>[] {
  let nextNumber = store.length + 1;
  const listWidgets = defineRoute({
    method: 'get',
    path: '/v1/widgets',
    operationId: 'listWidgets',
    summary: 'List widgets',
    tags: ['widgets'],
    auth: 'api-key',
    scope: 'read',
    query: z.object({
      limit: limitQuerySchema,
      cursor: cursorQuerySchema,
      tag: z.array(z.string()).optional(),
    }),
    responses: {
      200: { description: 'One page of widgets', schema: listEnvelopeSchema(widgetSchema) },
    },
    handler: ({ query, principal }) => {
      const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor, ['number'])[0];
      const rows = store
        .filter((widget) => widget.orgId === principal.orgId && Number(widget.id.slice(2)) > after)
        .filter(
          (widget) =>
            query.tag === undefined || query.tag.every((tag) => widget.tags.includes(tag)),
        )
        .slice(0, query.limit + 1);
      return {
        status: 200,
        body: toListPage(rows, query.limit, (widget) => [Number(widget.id.slice(2))]),
      };
    },
  });
  const getWidget = defineRoute({
    method: 'get',
    path: '/v1/widgets/{widgetId}',
    operationId: 'getWidget',
    summary: 'Get a widget',
    tags: ['widgets'],
    auth: 'api-key',
    scope: 'read',
    params: widgetParams,
    responses: {
      200: { description: 'The widget', schema: widgetSchema },
      404: { description: 'No such widget' },
    },
    handler: ({ params, principal }) => {
      const widget = store.find(
        (candidate) => candidate.id === params.widgetId && candidate.orgId === principal.orgId,
      );
      if (widget === undefined) throw notFound('Widget', params.widgetId);
      return { status: 200, body: widget };
    },
  });
  const createWidget = defineRoute({
    method: 'post',
    path: '/v1/widgets',
    operationId: 'createWidget',
    summary: 'Create a widget',
    tags: ['widgets'],
    auth: 'api-key',
    scope: 'write',
    body: widgetCreateSchema,
    responses: {
      201: { description: 'Created', schema: widgetSchema },
      409: { description: 'Name taken' },
    },
    handler: ({ body, principal }) => {
      if (store.some((widget) => widget.name === body.name))
        throw conflict(`A widget named ${body.name} exists.`);
      const widget = {
        id: `w_${nextNumber++}`,
        orgId: principal.orgId,
        ...body,
        internalNote: 'not for clients',
      };
      store.push(widget);
      return { status: 201, body: widget, headers: { location: `/v1/widgets/${widget.id}` } };
    },
  });
  const deleteWidget = defineRoute({
    method: 'delete',
    path: '/v1/widgets/{widgetId}',
    operationId: 'deleteWidget',
    summary: 'Delete a widget',
    tags: ['widgets'],
    auth: 'api-key',
    scope: 'admin',
    params: widgetParams,
    responses: { 204: { description: 'Deleted' } },
    handler: ({ params }) => {
      const index = store.findIndex((widget) => widget.id === params.widgetId);
      if (index >= 0) store.splice(index, 1);
      return { status: 204 };
    },
  });
  const ping = defineRoute({
    method: 'get',
    path: '/v1/ping',
    operationId: 'ping',
    summary: 'Liveness without a key',
    tags: ['meta'],
    auth: 'none',
    responses: { 200: { description: 'Pong', schema: z.object({ pong: z.literal(true) }) } },
    handler: (_input) => ({ status: 200, body: { pong: true } }),
  });
  const fail = defineRoute({
    method: 'get',
    path: '/v1/fail',
    operationId: 'fail',
    summary: 'Always fails with a secret in the message',
    tags: ['meta'],
    auth: 'none',
    responses: { 200: { description: 'Never' } },
    handler: () => {
      throw new Error('password=hunter2 leaked');
    },
  });
  return [listWidgets, getWidget, createWidget, deleteWidget, ping, fail];
}

/** Keys `sk_<scope>_<org>`: e.g. `sk_read_acme` may read acme's widgets. */
export function authenticateExampleKey(context: Context): ExamplePrincipal {
  const match = /^Bearer sk_(read|write|admin)_(\w+)$/.exec(
    context.req.header('authorization') ?? '',
  );
  if (match?.[1] === undefined || match[2] === undefined) throw unauthorized();
  return { keyId: `key_${match[1]}_${match[2]}`, scopes: [match[1] as ApiScope], orgId: match[2] };
}

/** A hono app serving the example routes the way the real server will serve /v1. */
export function createExampleApp(
  options: { readonly rateLimiter?: RateLimiter; readonly logger?: Logger } = {},
): Hono {
  const app = new Hono();
  mountRoutes(app, createExampleWidgetRoutes(), {
    authenticate: authenticateExampleKey,
    ...options,
  });
  app.onError(createProblemHandler(options));
  app.notFound(createNotFoundHandler());
  return app;
}
