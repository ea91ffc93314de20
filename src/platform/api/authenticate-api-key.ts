import type { Context } from 'hono';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import { findApiKeyPrincipal } from '../tenancy/api-keys.js';
import type { OrgPrincipal } from './api-principal.js';
import { unauthorized } from './http/api-problem.js';
import type { ApiScope } from './http/route-definition.js';

const SCOPES_BY_ROLE: Readonly<Record<'admin' | 'viewer', readonly ApiScope[]>> = {
  admin: ['admin'],
  viewer: ['read'],
};

/** Reads `Authorization: Bearer sb_…` and finds the live key; anything else is a 401. */
export function createApiKeyAuthenticator(database: SwitchboardDatabase) {
  return async (context: Context): Promise<OrgPrincipal> => {
    const header = context.req.header('authorization') ?? '';
    const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (secret === undefined) throw unauthorized();
    const principal = await findApiKeyPrincipal(database, secret);
    if (principal === undefined) throw unauthorized();
    return {
      kind: 'api-key',
      keyId: principal.keyId,
      orgId: principal.orgId,
      scopes: SCOPES_BY_ROLE[principal.role],
    };
  };
}
