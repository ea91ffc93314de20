import type { z } from 'zod';
import { ConfigError } from '../../../errors/index.js';
import {
  toHonoPath,
  type ApiPrincipal,
  type ApiRoute,
  type RouteAuth,
  type RouteHandlerInput,
  type RouteResponses,
  type RouteSpec,
} from './route-definition.js';

/** The `defineRoute` function for one principal type. */
export type RouteDefiner<TPrincipal extends ApiPrincipal> = <
  TResponses extends RouteResponses,
  TAuth extends RouteAuth,
  TParams extends z.ZodObject | undefined = undefined,
  TQuery extends z.ZodObject | undefined = undefined,
  TBody extends z.ZodType | undefined = undefined,
>(
  spec: RouteSpec<TParams, TQuery, TBody, TResponses, TAuth, TPrincipal>,
) => ApiRoute<TPrincipal>;

/**
 * Makes a `defineRoute` whose handlers see `TPrincipal` (what your `authenticate` returns), e.g.
 * an org id next to the key id. Use the plain {@link defineRoute} when {@link ApiPrincipal} is enough.
 */
export function createRouteDefiner<TPrincipal extends ApiPrincipal>(): RouteDefiner<TPrincipal> {
  return (spec) => {
    const { honoPath, names } = toHonoPath(spec.path);
    const where = `route ${spec.method.toUpperCase()} ${spec.path}`;
    const declared = spec.params === undefined ? [] : Object.keys(spec.params.shape);
    const missing = names.filter((name) => !declared.includes(name));
    const extra = declared.filter((name) => !names.includes(name));
    if (missing.length > 0 || extra.length > 0) {
      throw new ConfigError(
        where,
        `params schema keys (${declared.join(', ')}) must match the path placeholders (${names.join(', ')})`,
      );
    }
    if (Object.keys(spec.responses).length === 0)
      throw new ConfigError(where, 'declare at least one response');
    if (spec.auth === 'none' && spec.scope !== undefined)
      throw new ConfigError(where, 'a scope needs auth: api-key');
    return {
      method: spec.method,
      path: spec.path,
      honoPath,
      pathParameterNames: names,
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: spec.tags,
      params: spec.params,
      query: spec.query,
      body: spec.body,
      responses: spec.responses,
      auth: spec.auth,
      scope: spec.scope,
      // The mount validated every input against these very schemas, so the narrowing holds.
      handle: async (input) =>
        spec.handler(
          input as RouteHandlerInput<
            typeof spec.params,
            typeof spec.query,
            typeof spec.body,
            typeof spec.auth,
            TPrincipal
          >,
        ),
    };
  };
}

/**
 * Declares one API route. Handler inputs and results are typed from the schemas; the same
 * schemas validate requests at runtime and describe the route in the OpenAPI document.
 *
 * Give the handler a parameter even when it uses none (`(_input) => …`): TypeScript reads the
 * `responses` before checking a handler only if the handler has a parameter to infer, and a
 * handler without one sees `status: 200` widened to `number`.
 *
 * @example
 * const getAgent = defineRoute({
 *   method: 'get', path: '/v1/agents/{agentId}', operationId: 'getAgent', summary: 'Get an agent',
 *   tags: ['agents'], auth: 'api-key', scope: 'read',
 *   params: z.object({ agentId: z.uuid() }),
 *   responses: { 200: { description: 'The agent', schema: agentSchema } },
 *   handler: async ({ params }) => ({ status: 200, body: await agents.get(params.agentId) }),
 * });
 */
export const defineRoute: RouteDefiner<ApiPrincipal> = createRouteDefiner<ApiPrincipal>();
