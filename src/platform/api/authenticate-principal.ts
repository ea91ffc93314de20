import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { findApiKeyPrincipal } from '../tenancy/api-keys.js';
import { findSessionPrincipal, SESSION_COOKIE } from '../tenancy/sessions.js';
import type { UserRole } from '../tenancy/users.js';
import type { OrgPrincipal } from './api-principal.js';
import { forbidden, unauthorized } from './http/api-problem.js';
import type { ApiScope } from './http/route-definition.js';

const SCOPES_BY_ROLE: Readonly<Record<UserRole, readonly ApiScope[]>> = {
  owner: ['admin'],
  admin: ['admin'],
  viewer: ['read'],
};

/**
 * The header the dashboard sends with every request. A cross-site form or script cannot send a
 * custom header without a CORS preflight the server never grants, so a session cookie alone can
 * read but not change anything (cross-site request forgery).
 */
export const DASHBOARD_CLIENT_HEADER = 'x-switchboard-client';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie in a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** Resolves a bearer API key or a session cookie to the caller, whatever the transport. */
async function findPrincipal(
  database: SwitchboardDatabase,
  authorization: string | undefined,
  cookieHeader: string | undefined,
): Promise<OrgPrincipal | undefined> {
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (secret !== undefined) {
    const key = await findApiKeyPrincipal(database, secret);
    if (key === undefined) return undefined;
    return {
      kind: 'api-key',
      keyId: key.keyId,
      orgId: key.orgId,
      scopes: SCOPES_BY_ROLE[key.role],
    };
  }
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (token === undefined) return undefined;
  const session = await findSessionPrincipal(database, token);
  if (session === undefined) return undefined;
  return {
    kind: 'session',
    // Rate limits count per user, across their sessions.
    keyId: `user:${session.userId}`,
    orgId: session.orgId,
    userId: session.userId,
    sessionId: session.sessionId,
    scopes: SCOPES_BY_ROLE[session.role],
  };
}

/**
 * Authenticates a /v1 request: `Authorization: Bearer sb_…`, or the dashboard's session cookie.
 * A cookie-authenticated request that changes something must carry the dashboard's header.
 */
export function createPrincipalAuthenticator(database: SwitchboardDatabase) {
  return async (context: Context): Promise<OrgPrincipal> => {
    const principal = await findPrincipal(
      database,
      context.req.header('authorization'),
      context.req.header('cookie'),
    );
    if (principal === undefined) throw unauthorized();
    if (
      principal.kind === 'session' &&
      !SAFE_METHODS.has(context.req.method) &&
      context.req.header(DASHBOARD_CLIENT_HEADER) === undefined
    ) {
      throw forbidden(
        `A request signed in with the session cookie must send the ${DASHBOARD_CLIENT_HEADER} header`,
      );
    }
    return principal;
  };
}

/**
 * Authenticates a WebSocket upgrade (test calls, listen-in). Browsers send cookies with
 * cross-site WebSocket handshakes, so a cookie counts only when the page's `Origin` is this
 * server; an API key in the header needs no such check.
 */
export function createUpgradeAuthenticator(database: SwitchboardDatabase) {
  return async (request: IncomingMessage): Promise<OrgPrincipal | undefined> => {
    const principal = await findPrincipal(
      database,
      request.headers.authorization,
      request.headers.cookie,
    );
    if (principal?.kind === 'session' && !isSameOrigin(request)) return undefined;
    return principal;
  };
}

function isSameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  if (origin === undefined || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host.split(',')[0]?.trim();
  } catch {
    return false;
  }
}
