import { createRouteDefiner } from './http/define-route.js';
import type { ApiPrincipal } from './http/route-definition.js';

/** Who calls the API: an organisation's API key, or a dashboard user's session. */
export interface OrgPrincipal extends ApiPrincipal {
  readonly orgId: string;
  readonly kind: 'api-key' | 'session';
  /** The signed-in user (sessions only). */
  readonly userId?: string;
  /** The session (sessions only): signing out ends it. */
  readonly sessionId?: string;
}

/** `defineRoute` for /v1: handlers see the caller's organisation. */
export const defineRoute = createRouteDefiner<OrgPrincipal>();
