import { isTimeZone } from '../../../agents/provisioning-patterns.js';
import { z } from 'zod';
import { getOrganization, updateOrganization } from '../../tenancy/organizations.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { badRequest, notFound } from '../http/api-problem.js';

export const organizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    timeZone: z.string().meta({ description: 'IANA time zone for business hours and slots.' }),
    defaultAgentId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Organization' });

const organizationUpdateSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    timeZone: z.string().optional(),
    defaultAgentId: z.uuid().nullable().optional(),
  })
  .meta({ id: 'OrganizationUpdate' });

/** The caller's own organisation: there is no way to name another one. */
export function createOrganizationRoutes(dependencies: ApiDependencies) {
  const { database } = dependencies;
  const getOwn = defineRoute({
    method: 'get',
    path: '/v1/organization',
    operationId: 'getOrganization',
    summary: "The API key's organisation",
    tags: ['organization'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: { description: 'The organisation', schema: organizationSchema } },
    handler: async ({ principal }) => {
      const organization = await database.forOrganization(principal.orgId, (trx) =>
        getOrganization(trx, principal.orgId),
      );
      if (organization === undefined) throw notFound('Organization');
      return {
        status: 200,
        body: { ...organization, createdAt: organization.createdAt.toISOString() },
      };
    },
  });
  const updateOwn = defineRoute({
    method: 'patch',
    path: '/v1/organization',
    operationId: 'updateOrganization',
    summary: 'Rename the organisation, set its time zone or default agent',
    tags: ['organization'],
    auth: 'api-key',
    scope: 'admin',
    body: organizationUpdateSchema,
    responses: { 200: { description: 'The organisation', schema: organizationSchema } },
    handler: async ({ principal, body }) => {
      if (body.timeZone !== undefined && !isTimeZone(body.timeZone)) {
        throw badRequest(
          `${body.timeZone} is not an IANA time zone such as America/New_York`,
          'invalid_time_zone',
        );
      }
      const organization = await database.forOrganization(principal.orgId, async (trx) => {
        if (body.defaultAgentId != null) {
          const agent = await trx
            .selectFrom('agents')
            .select('id')
            .where('id', '=', body.defaultAgentId)
            .executeTakeFirst();
          if (agent === undefined) throw notFound('Agent', body.defaultAgentId);
        }
        return updateOrganization(trx, principal.orgId, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
          ...(body.defaultAgentId !== undefined ? { defaultAgentId: body.defaultAgentId } : {}),
        });
      });
      if (organization === undefined) throw notFound('Organization');
      return {
        status: 200,
        body: { ...organization, createdAt: organization.createdAt.toISOString() },
      };
    },
  });
  return [getOwn, updateOwn];
}
