import { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKey } from '../../tenancy/api-keys.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';

const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z
      .string()
      .meta({ description: 'The first characters of the key, to tell keys apart.' }),
    role: z.enum(['admin', 'viewer']),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });

const createdApiKeySchema = apiKeySchema
  .extend({
    secret: z
      .string()
      .meta({ description: 'The key itself. Shown this once; only a hash is kept.' }),
  })
  .meta({ id: 'CreatedApiKey' });

function toBody(key: ApiKey) {
  return {
    ...key,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** API keys: created with the secret shown once, listed without it, revoked for good. */
export function createApiKeyRoutes({ database }: ApiDependencies) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/api-keys',
    operationId: 'listApiKeys',
    summary: 'List API keys (never their secrets)',
    tags: ['api-keys'],
    auth: 'api-key',
    scope: 'admin',
    responses: { 200: { description: 'Keys', schema: z.object({ data: z.array(apiKeySchema) }) } },
    handler: async ({ principal }) => ({
      status: 200,
      body: { data: (await database.forOrganization(principal.orgId, listApiKeys)).map(toBody) },
    }),
  });
  const create = defineRoute({
    method: 'post',
    path: '/v1/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key',
    tags: ['api-keys'],
    auth: 'api-key',
    scope: 'admin',
    body: z
      .object({
        name: z.string().min(1).max(100),
        role: z.enum(['admin', 'viewer']).default('admin'),
      })
      .meta({ id: 'ApiKeyCreate' }),
    responses: {
      201: {
        description: 'Created; the secret is in this response only',
        schema: createdApiKeySchema,
      },
    },
    handler: async ({ principal, body }) => {
      const { apiKey, secret } = await database.forOrganization(principal.orgId, (trx) =>
        createApiKey(trx, principal.orgId, body),
      );
      return { status: 201, body: { ...toBody(apiKey), secret } };
    },
  });
  const revoke = defineRoute({
    method: 'delete',
    path: '/v1/api-keys/{keyId}',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key',
    tags: ['api-keys'],
    auth: 'api-key',
    scope: 'admin',
    params: z.object({ keyId: z.uuid() }),
    responses: { 200: { description: 'Revoked', schema: apiKeySchema } },
    handler: async ({ principal, params }) => {
      const key = await database.forOrganization(principal.orgId, (trx) =>
        revokeApiKey(trx, params.keyId),
      );
      if (key === undefined) throw notFound('API key', params.keyId);
      return { status: 200, body: toBody(key) };
    },
  });
  return [list, create, revoke];
}
