import { createRouteDefiner } from './http/define-route.js';
import type { ApiPrincipal } from './http/route-definition.js';

/** Who calls the API: an organisation's API key (later also a dashboard session). */
export interface OrgPrincipal extends ApiPrincipal {
  readonly orgId: string;
  readonly kind: 'api-key';
}

/** `defineRoute` for /v1: handlers see the caller's organisation. */
export const defineRoute = createRouteDefiner<OrgPrincipal>();
