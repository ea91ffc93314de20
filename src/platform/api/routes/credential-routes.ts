import { z } from 'zod';
import {
  CREDENTIAL_PROVIDERS,
  deleteProviderCredential,
  listProviderCredentials,
  providerCredentialSchemas,
  setProviderCredential,
  type CredentialProvider,
  type CredentialSummary,
} from '../../tenancy/provider-credentials.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { notFound, validationFailed } from '../http/api-problem.js';
import { toFieldErrors } from '../http/problem-response.js';

const providerSchema = z.enum(
  CREDENTIAL_PROVIDERS as [CredentialProvider, ...CredentialProvider[]],
);

const credentialSummarySchema = z
  .object({
    provider: providerSchema,
    publicId: z
      .string()
      .nullable()
      .meta({ description: 'Account SID / project id for carriers; null otherwise.' }),
    hint: z.string().meta({ description: 'The last four characters of the secret.' }),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CredentialSummary' });

const credentialBodySchema = z
  .union([
    providerCredentialSchemas.openai,
    providerCredentialSchemas.twilio,
    providerCredentialSchemas.signalwire,
  ])
  .meta({
    id: 'CredentialInput',
    description:
      'openai, deepgram, elevenlabs: { apiKey, baseUrl? }. twilio: { accountSid, authToken, apiBaseUrl? }. signalwire: { projectId, apiToken, spaceUrl, signingKey?, apiBaseUrl? }.',
  });

const toBody = (summary: CredentialSummary) => ({
  ...summary,
  updatedAt: summary.updatedAt.toISOString(),
});

/**
 * The organisation's own provider and carrier accounts. Write-only: secrets are sealed with the
 * installation key and no endpoint returns them.
 */
export function createCredentialRoutes({
  database,
  secrets,
  onCredentialsChanged,
}: ApiDependencies) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/credentials',
    operationId: 'listCredentials',
    summary: 'Which providers have credentials (never the secrets)',
    tags: ['credentials'],
    auth: 'api-key',
    scope: 'read',
    responses: {
      200: {
        description: 'Stored credentials',
        schema: z.object({ data: z.array(credentialSummarySchema) }),
      },
    },
    handler: async ({ principal }) => ({
      status: 200,
      body: {
        data: (await database.forOrganization(principal.orgId, listProviderCredentials)).map(
          toBody,
        ),
      },
    }),
  });
  const put = defineRoute({
    method: 'put',
    path: '/v1/credentials/{provider}',
    operationId: 'setCredential',
    summary: "Store a provider's credential (replaces the previous one)",
    tags: ['credentials'],
    auth: 'api-key',
    scope: 'admin',
    params: z.object({ provider: providerSchema }),
    body: credentialBodySchema,
    responses: { 200: { description: 'Stored', schema: credentialSummarySchema } },
    handler: async ({ principal, params, body }) => {
      const parsed = providerCredentialSchemas[params.provider].safeParse(body);
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error.issues, 'body'));
      const summary = await database.forOrganization(principal.orgId, (trx) =>
        setProviderCredential(trx, secrets, principal.orgId, params.provider, parsed.data),
      );
      await onCredentialsChanged(principal.orgId, params.provider);
      return { status: 200, body: toBody(summary) };
    },
  });
  const remove = defineRoute({
    method: 'delete',
    path: '/v1/credentials/{provider}',
    operationId: 'deleteCredential',
    summary: "Forget a provider's credential (the installation default applies again)",
    tags: ['credentials'],
    auth: 'api-key',
    scope: 'admin',
    params: z.object({ provider: providerSchema }),
    responses: { 204: { description: 'Removed' } },
    handler: async ({ principal, params }) => {
      const removed = await database.forOrganization(principal.orgId, (trx) =>
        deleteProviderCredential(trx, params.provider),
      );
      if (!removed) throw notFound('Credential', params.provider);
      await onCredentialsChanged(principal.orgId, params.provider);
      return { status: 204 };
    },
  });
  return [list, put, remove];
}
