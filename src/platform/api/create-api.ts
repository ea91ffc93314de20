import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDependencies } from './api-dependencies.js';
import type { OrgPrincipal } from './api-principal.js';
import { createPrincipalAuthenticator } from './authenticate-principal.js';
import { buildOpenApiDocument } from './http/openapi-document.js';
import { mountRoutes } from './http/mount-routes.js';
import { createNotFoundHandler, createProblemHandler } from './http/problem-response.js';
import { createRateLimiter } from './http/rate-limiter.js';
import type { ApiRoute } from './http/route-definition.js';
import { createAgentRoutes } from './routes/agent-routes.js';
import { createApiKeyRoutes } from './routes/api-key-routes.js';
import { createBookingRoutes } from './routes/booking-routes.js';
import { createCallFollowUpRoutes } from './routes/call-follow-up-routes.js';
import { createCallRoutes } from './routes/call-routes.js';
import { createCredentialRoutes } from './routes/credential-routes.js';
import { createEmailRoutes } from './routes/email-routes.js';
import { createJobRoutes } from './routes/job-routes.js';
import { createNumberRoutes } from './routes/number-routes.js';
import { createOrganizationRoutes } from './routes/organization-routes.js';
import { createSessionRoutes } from './routes/session-routes.js';
import { createStatsRoutes } from './routes/stats-routes.js';
import { createUserRoutes } from './routes/user-routes.js';
import { createWebhookDeliveryRoutes } from './routes/webhook-delivery-routes.js';
import { createWebhookEndpointRoutes } from './routes/webhook-endpoint-routes.js';

export interface ApiOptions extends ApiDependencies {
  readonly rateLimitPerMinute: number;
  /** Where the first visitor finds the setup key (default: the initial API key file). */
  readonly setupKeyHint?: string;
  /** More route modules (calls, booking…), mounted with the same authentication and limits. */
  readonly extraRoutes?: readonly ApiRoute<OrgPrincipal>[];
}

/** Every /v1 route, in the order the OpenAPI document lists them. */
export function collectApiRoutes(options: ApiOptions): ApiRoute<OrgPrincipal>[] {
  return [
    ...createSessionRoutes({
      database: options.database,
      setupKeyHint:
        options.setupKeyHint ??
        'the API key in DATA_DIR/initial-api-key.txt, written when the server first started',
    }),
    ...createOrganizationRoutes(options),
    ...createUserRoutes(options),
    ...createApiKeyRoutes(options),
    ...createCredentialRoutes(options),
    ...createAgentRoutes(options),
    ...createNumberRoutes(options),
    ...createCallRoutes(options),
    ...createCallFollowUpRoutes(options),
    ...createStatsRoutes(options),
    ...createBookingRoutes(options),
    ...createWebhookEndpointRoutes(options),
    ...createWebhookDeliveryRoutes(options),
    ...createJobRoutes(options),
    ...createEmailRoutes(options),
    ...(options.extraRoutes ?? []),
  ];
}

/**
 * The REST API: JSON over /v1, API keys as bearer tokens, rate-limited per key, errors as
 * problem+json, and an OpenAPI 3.1 document at /v1/openapi.json built from the same schemas that
 * validate the requests.
 */
export function createApi(options: ApiOptions): Hono {
  const routes = collectApiRoutes(options);
  const app = new Hono();
  app.use('/v1/*', bodyLimit({ maxSize: 1024 * 1024 }));
  const document = buildOpenApiDocument(routes, {
    title: 'Switchboard API',
    version: '1',
    description: 'Manage agents, phone numbers, calls and bookings of your organisation.',
    servers: [{ url: options.publicUrl }],
    rateLimited: true,
  });
  app.get('/v1/openapi.json', (context) => context.json(document));
  mountRoutes(app, routes, {
    authenticate: createPrincipalAuthenticator(options.database),
    rateLimiter: createRateLimiter({ requestsPerMinute: options.rateLimitPerMinute }),
    logger: options.logger,
  });
  app.onError(createProblemHandler({ logger: options.logger }));
  app.notFound(createNotFoundHandler());
  return app;
}
