import type { Context, Env, Hono } from 'hono';
import { ConfigError } from '../../../errors/index.js';
import { silentLogger, type Logger } from '../../../logging/logger.js';
import { forbidden, rateLimited } from './api-problem.js';
import { renderProblem } from './problem-response.js';
import { rateLimitHeaders, type RateLimiter } from './rate-limiter.js';
import type { ApiPrincipal, ApiRoute, ApiScope } from './route-definition.js';
import { readRouteInput } from './route-input.js';
import { toRouteResponse, withHeaders } from './route-response.js';

/** How {@link mountRoutes} authenticates and what it logs to. */
export interface MountRoutesOptions<TPrincipal extends ApiPrincipal> {
  /** Called for every route whose auth is not `none`: returns the caller or throws a problem (401). */
  readonly authenticate: (
    context: Context,
    route: ApiRoute<TPrincipal>,
  ) => TPrincipal | Promise<TPrincipal>;
  /** Counts requests per `principal.keyId`; no limit when absent. */
  readonly rateLimiter?: RateLimiter;
  readonly logger?: Logger;
}

const scopeRank: Readonly<Record<ApiScope, number>> = { read: 1, write: 2, admin: 3 };

/** Whether granted scopes cover `needed`; admin includes write, write includes read. */
export function hasScope(granted: readonly ApiScope[], needed: ApiScope): boolean {
  return granted.some((scope) => scopeRank[scope] >= scopeRank[needed]);
}

/**
 * Registers routes on a hono app. Per request: authenticate, check the scope, take a rate-limit
 * token, validate params, query and body, run the handler, validate and serialise its result.
 * Any failure becomes an `application/problem+json` response right here, so the routes behave
 * the same whatever `onError` the app has.
 *
 * @example
 * const api = new Hono();
 * mountRoutes(api, [listAgents, getAgent], { authenticate: apiKeys.authenticate, rateLimiter, logger });
 * api.notFound(createNotFoundHandler());
 */
export function mountRoutes<TPrincipal extends ApiPrincipal, TEnv extends Env>(
  app: Hono<TEnv>,
  routes: readonly ApiRoute<TPrincipal>[],
  options: MountRoutesOptions<TPrincipal>,
): void {
  const logger = options.logger ?? silentLogger;
  const seenRoutes = new Set<string>();
  const seenOperations = new Set<string>();
  for (const route of routes) {
    const where = `route ${route.method.toUpperCase()} ${route.path}`;
    const key = `${route.method} ${route.honoPath.replace(/:\w+/g, ':')}`;
    if (seenRoutes.has(key)) throw new ConfigError(where, 'is declared twice');
    if (seenOperations.has(route.operationId))
      throw new ConfigError(where, `operationId ${route.operationId} is used twice`);
    seenRoutes.add(key);
    seenOperations.add(route.operationId);

    app.on(route.method.toUpperCase(), route.honoPath, async (context) => {
      let limitHeaders: Record<string, string> = {};
      try {
        const principal =
          route.auth === 'none' ? undefined : await options.authenticate(context, route);
        if (principal !== undefined) {
          if (route.scope !== undefined && !hasScope(principal.scopes, route.scope)) {
            throw forbidden(`This API key lacks the ${route.scope} scope.`);
          }
          if (options.rateLimiter !== undefined) {
            const decision = options.rateLimiter.consume(principal.keyId);
            limitHeaders = rateLimitHeaders(decision);
            if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, limitHeaders);
          }
        }
        const input = await readRouteInput(context, route);
        const result = await route.handle({ ...input, principal, context });
        return withHeaders(await toRouteResponse(result, route.responses, where), limitHeaders);
      } catch (error) {
        return withHeaders(renderProblem(error, context, logger), limitHeaders);
      }
    });
  }
}
