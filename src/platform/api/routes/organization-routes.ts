import { isTimeZone } from '../../../agents/provisioning-patterns.js';
import { z } from 'zod';
import {
  getOrganization,
  updateOrganization,
  type Organization,
} from '../../tenancy/organizations.js';
import {
  getSummaryEmailSettings,
  setSummaryEmailSettings,
  summaryEmailSettingsSchema,
  type SummaryEmailSettings,
} from '../../tenancy/summary-email-settings.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
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
    summaryEmail: summaryEmailSettingsSchema,
  })
  .meta({ id: 'Organization' });

const settingsFields = summaryEmailSettingsSchema.shape;

/** The summary-email settings to change; the ones left out keep their value (no defaults here). */
const summaryEmailUpdateSchema = z
  .object({
    recipients: settingsFields.recipients
      .unwrap()
      .optional()
      .meta({ description: 'Replaces the whole list; `[]` stops summary emails.' }),
    minDurationSeconds: settingsFields.minDurationSeconds
      .unwrap()
      .optional()
      .meta({ description: settingsFields.minDurationSeconds.description }),
    includeCallsWithoutCallerSpeech: settingsFields.includeCallsWithoutCallerSpeech
      .unwrap()
      .optional()
      .meta({ description: settingsFields.includeCallsWithoutCallerSpeech.description }),
  })
  .meta({ id: 'SummaryEmailSettingsUpdate' });

const organizationUpdateSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    timeZone: z.string().optional(),
    defaultAgentId: z.uuid().nullable().optional(),
    summaryEmail: summaryEmailUpdateSchema.optional(),
  })
  .meta({ id: 'OrganizationUpdate' });

/** The organisation as the API shows it, with its summary-email settings. */
async function toBody(
  trx: TenantTransaction,
  organization: Organization,
  summaryEmail?: SummaryEmailSettings,
) {
  return {
    ...organization,
    createdAt: organization.createdAt.toISOString(),
    summaryEmail: summaryEmail ?? (await getSummaryEmailSettings(trx, organization.id)),
  };
}

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
      const body = await database.forOrganization(principal.orgId, async (trx) => {
        const organization = await getOrganization(trx, principal.orgId);
        return organization === undefined ? undefined : toBody(trx, organization);
      });
      if (body === undefined) throw notFound('Organization');
      return { status: 200, body };
    },
  });
  const updateOwn = defineRoute({
    method: 'patch',
    path: '/v1/organization',
    operationId: 'updateOrganization',
    summary: 'Rename the organisation, set its time zone, default agent or summary emails',
    description:
      'Only the fields sent change, also inside `summaryEmail`: `{"summaryEmail":{"recipients":["a@example.com"]}}` keeps the other summary-email settings.',
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
      const updated = await database.forOrganization(principal.orgId, async (trx) => {
        if (body.defaultAgentId != null) {
          const agent = await trx
            .selectFrom('agents')
            .select('id')
            .where('id', '=', body.defaultAgentId)
            .executeTakeFirst();
          if (agent === undefined) throw notFound('Agent', body.defaultAgentId);
        }
        const organization = await updateOrganization(trx, principal.orgId, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
          ...(body.defaultAgentId !== undefined ? { defaultAgentId: body.defaultAgentId } : {}),
        });
        if (organization === undefined) return undefined;
        // Keys sent as undefined must not reach the merge: they would reset a setting to its default.
        const changes = Object.fromEntries(
          Object.entries(body.summaryEmail ?? {}).filter(([, value]) => value !== undefined),
        ) as Partial<SummaryEmailSettings>;
        const summaryEmail =
          body.summaryEmail === undefined
            ? undefined
            : await setSummaryEmailSettings(trx, principal.orgId, changes);
        return toBody(trx, organization, summaryEmail);
      });
      if (updated === undefined) throw notFound('Organization');
      return { status: 200, body: updated };
    },
  });
  return [getOwn, updateOwn];
}
