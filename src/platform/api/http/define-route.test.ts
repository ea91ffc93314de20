import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from '../../../errors/index.js';
import { createRouteDefiner, defineRoute } from './define-route.js';
import { toHonoPath, type ApiPrincipal } from './route-definition.js';

const base = {
  operationId: 'op',
  summary: 'Op',
  tags: ['test'],
  responses: { 204: { description: 'Done' } },
} as const;

describe('toHonoPath', () => {
  it('turns OpenAPI placeholders into hono parameters', () => {
    expect(toHonoPath('/v1/agents/{agentId}/versions/{version}')).toEqual({
      honoPath: '/v1/agents/:agentId/versions/:version',
      names: ['agentId', 'version'],
    });
    expect(toHonoPath('/v1/agents')).toEqual({ honoPath: '/v1/agents', names: [] });
  });

  it('refuses odd placeholders and relative paths', () => {
    expect(() => toHonoPath('/v1/{agent-id}')).toThrow(ConfigError);
    expect(() => toHonoPath('/v1/{agentId')).toThrow(ConfigError);
    expect(() => toHonoPath('v1/agents')).toThrow(ConfigError);
  });
});

describe('defineRoute', () => {
  it('requires the params schema to match the path placeholders', () => {
    const handler = (_input: unknown) => ({ status: 204 as const });
    expect(() =>
      defineRoute({ ...base, method: 'get', path: '/v1/x/{xId}', auth: 'none', handler }),
    ).toThrow(/must match the path/);
    expect(() =>
      defineRoute({
        ...base,
        method: 'get',
        path: '/v1/x',
        auth: 'none',
        params: z.object({ xId: z.string() }),
        handler,
      }),
    ).toThrow(/must match the path/);
    expect(() =>
      defineRoute({ ...base, method: 'get', path: '/v1/x', auth: 'none', scope: 'read', handler }),
    ).toThrow(/scope needs auth/);
  });

  it('keeps what the documents and the mount need', () => {
    const route = defineRoute({
      ...base,
      method: 'delete',
      path: '/v1/x/{xId}',
      auth: 'api-key',
      scope: 'admin',
      params: z.object({ xId: z.string() }),
      handler: (_input) => ({ status: 204 }),
    });
    expect(route).toMatchObject({
      method: 'delete',
      honoPath: '/v1/x/:xId',
      pathParameterNames: ['xId'],
      scope: 'admin',
      auth: 'api-key',
    });
  });

  it('types handler inputs and results from the schemas', () => {
    interface OrgPrincipal extends ApiPrincipal {
      readonly orgId: string;
    }
    const defineOrgRoute = createRouteDefiner<OrgPrincipal>();
    const itemSchema = z.object({ id: z.string(), state: z.enum(['on', 'off']) });
    defineOrgRoute({
      method: 'post',
      path: '/v1/items/{itemId}',
      operationId: 'updateItem',
      summary: 'Update',
      tags: [],
      auth: 'api-key',
      params: z.object({ itemId: z.string() }),
      // z.stringbool, not z.coerce.boolean: coercion reads the string 'false' as true.
      query: z.object({ dryRun: z.stringbool().default(false) }),
      body: z.object({ state: z.enum(['on', 'off']), note: z.string().optional() }),
      responses: {
        200: { description: 'Updated', schema: itemSchema },
        404: { description: 'Missing' },
      },
      handler: ({ params, query, body, principal }) => {
        expectTypeOf(params).toEqualTypeOf<{ itemId: string }>();
        expectTypeOf(query.dryRun).toEqualTypeOf<boolean>();
        expectTypeOf(body.state).toEqualTypeOf<'on' | 'off'>();
        expectTypeOf(principal.orgId).toEqualTypeOf<string>();
        if (query.dryRun) return { status: 404 };
        return { status: 200, body: { id: params.itemId, state: body.state } };
      },
    });
    defineRoute({
      ...base,
      method: 'get',
      path: '/v1/public',
      auth: 'none',
      // @ts-expect-error 200 is not a declared status
      handler: ({ principal, body }) => {
        expectTypeOf(principal).toEqualTypeOf<undefined>();
        expectTypeOf(body).toEqualTypeOf<undefined>();
        return { status: 200 };
      },
    });
    defineOrgRoute({
      ...base,
      method: 'get',
      path: '/v1/items',
      auth: 'api-key',
      responses: { 200: { description: 'Item', schema: itemSchema } },
      // @ts-expect-error the body does not match the schema
      handler: (_input) => ({ status: 200, body: { id: 'x', state: 'maybe' } }),
    });
  });
});
