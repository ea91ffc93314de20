/**
 * The toolkit the REST API (/v1) is written with: typed routes validated by zod, problem+json
 * errors, API-key auth hooks, per-key rate limits, cursor pagination and an OpenAPI 3.1 document
 * generated from the same schemas. It knows nothing about our resources.
 */
export {
  ApiProblem,
  isApiProblem,
  badRequest,
  invalidJson,
  invalidCursor,
  unauthorized,
  forbidden,
  notFound,
  conflict,
  unsupportedMediaType,
  validationFailed,
  rateLimited,
  type ApiProblemInit,
  type ProblemFieldError,
} from './api-problem.js';
export {
  PROBLEM_TYPE_BASE,
  PROBLEM_CONTENT_TYPE,
  problemSchema,
  renderProblem,
  toFieldErrors,
  createProblemHandler,
  createNotFoundHandler,
} from './problem-response.js';
export {
  toHonoPath,
  type HttpMethod,
  type RouteAuth,
  type ApiScope,
  type ApiPrincipal,
  type RouteResponse,
  type RouteResponses,
  type RouteHandlerInput,
  type RouteResult,
  type ErasedRouteResult,
  type RouteSpec,
  type ValidatedRouteInput,
  type ApiRoute,
} from './route-definition.js';
export { defineRoute, createRouteDefiner, type RouteDefiner } from './define-route.js';
export { mountRoutes, hasScope, type MountRoutesOptions } from './mount-routes.js';
export {
  createRateLimiter,
  rateLimitHeaders,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitDecision,
} from './rate-limiter.js';
export {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  limitQuerySchema,
  cursorQuerySchema,
  listEnvelopeSchema,
  encodeCursor,
  decodeCursor,
  toListPage,
  type CursorShape,
  type CursorValues,
} from './cursor-pagination.js';
export {
  buildOpenApiDocument,
  type OpenApiDocument,
  type OpenApiDocumentOptions,
  type OpenApiOperation,
} from './openapi-document.js';
export { createSchemaCollector, type SchemaCollector, type JsonSchema } from './openapi-schemas.js';
