import { z } from 'zod';
import {
  createServiceBay,
  formatWeeklyHours,
  listServiceBays,
  loadBookingRules,
  setBusinessHours,
  setServiceBayActive,
} from '../../booking/store/index.js';
import type { BusinessHours } from '../../booking/index.js';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute, type OrgPrincipal } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import type { ApiRoute } from '../http/route-definition.js';
import { findAvailability } from '../../booking/store/index.js';
import { inOrganization } from './booking-errors.js';
import {
  availabilityQuerySchema,
  availabilitySchema,
  bayParams,
  businessWeekInputSchema,
  businessWeekSchema,
  serviceBayInputSchema,
  serviceBaySchema,
  serviceBayUpdateSchema,
} from './booking-schemas.js';

const serviceBayListSchema = z
  .object({ data: z.array(serviceBaySchema) })
  .meta({ id: 'ServiceBayList' });

async function toBusinessWeek(
  trx: TenantTransaction,
  orgId: string,
  stored?: readonly BusinessHours[],
) {
  const rules = await loadBookingRules(trx, orgId);
  const hours = stored ?? rules.businessHours;
  return { timeZone: rules.timeZone, hours: [...hours], summary: formatWeeklyHours(hours) };
}

/**
 * What bookings are checked against: weekly business hours (in the organisation's time zone, set
 * with PATCH /v1/organization), the service bays, and the free slots they leave.
 */
export function createBookingScheduleRoutes({
  database,
}: ApiDependencies): ApiRoute<OrgPrincipal>[] {
  const getHours = defineRoute({
    method: 'get',
    path: '/v1/business-hours',
    operationId: 'getBusinessHours',
    summary: 'The weekly business hours',
    tags: ['schedule'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: { description: 'The week', schema: businessWeekSchema } },
    handler: async ({ principal }) => ({
      status: 200,
      body: await inOrganization(database, principal.orgId, (trx) =>
        toBusinessWeek(trx, principal.orgId),
      ),
    }),
  });
  const replaceHours = defineRoute({
    method: 'put',
    path: '/v1/business-hours',
    operationId: 'setBusinessHours',
    summary: 'Replace the weekly business hours (overlapping intervals are merged)',
    description:
      'Booked appointments are kept even if they now fall outside the hours; only new bookings are checked.',
    tags: ['schedule'],
    auth: 'api-key',
    scope: 'write',
    body: businessWeekInputSchema,
    responses: { 200: { description: 'The week as stored', schema: businessWeekSchema } },
    handler: async ({ principal, body }) => ({
      status: 200,
      body: await inOrganization(database, principal.orgId, async (trx) =>
        toBusinessWeek(
          trx,
          principal.orgId,
          await setBusinessHours(trx, principal.orgId, body.hours),
        ),
      ),
    }),
  });
  const listBays = defineRoute({
    method: 'get',
    path: '/v1/service-bays',
    operationId: 'listServiceBays',
    summary: 'Service bays by name, the order bookings fill them in',
    tags: ['schedule'],
    auth: 'api-key',
    scope: 'read',
    responses: { 200: { description: 'Bays', schema: serviceBayListSchema } },
    handler: async ({ principal }) => ({
      status: 200,
      body: {
        data: await inOrganization(database, principal.orgId, (trx) => listServiceBays(trx)),
      },
    }),
  });
  const createBay = defineRoute({
    method: 'post',
    path: '/v1/service-bays',
    operationId: 'createServiceBay',
    summary: 'Add a service bay',
    tags: ['schedule'],
    auth: 'api-key',
    scope: 'write',
    body: serviceBayInputSchema,
    responses: {
      201: { description: 'Created', schema: serviceBaySchema },
      409: { description: '`conflict`: a bay with that name exists' },
    },
    handler: async ({ principal, body }) => {
      const bay = await inOrganization(
        database,
        principal.orgId,
        (trx) => createServiceBay(trx, principal.orgId, body),
        { uniqueViolation: `A service bay named ${JSON.stringify(body.name)} exists.` },
      );
      return { status: 201, body: bay };
    },
  });
  const updateBay = defineRoute({
    method: 'patch',
    path: '/v1/service-bays/{bayId}',
    operationId: 'updateServiceBay',
    summary: 'Take a bay out of service or back (booked work stays on it)',
    tags: ['schedule'],
    auth: 'api-key',
    scope: 'write',
    params: bayParams,
    body: serviceBayUpdateSchema,
    responses: {
      200: { description: 'The bay', schema: serviceBaySchema },
      404: { description: '`not_found`' },
    },
    handler: async ({ principal, params, body }) => {
      const bay = await inOrganization(database, principal.orgId, (trx) =>
        setServiceBayActive(trx, params.bayId, body.active),
      );
      if (bay === undefined) throw notFound('Service bay', params.bayId);
      return { status: 200, body: bay };
    },
  });
  const availability = defineRoute({
    method: 'get',
    path: '/v1/availability',
    operationId: 'getAvailability',
    summary: 'Free appointment start times over whole local days',
    tags: ['schedule'],
    auth: 'api-key',
    scope: 'read',
    query: availabilityQuerySchema,
    responses: { 200: { description: 'Free slots', schema: availabilitySchema } },
    handler: async ({ principal, query }) => {
      const found = await inOrganization(database, principal.orgId, (trx) =>
        findAvailability(trx, principal.orgId, query),
      );
      return {
        status: 200,
        body: {
          timeZone: found.timeZone,
          date: found.date,
          days: found.days,
          durationMinutes: found.durationMinutes,
          data: found.slots.map((slot) => ({
            startsAt: slot.startsAt.toISOString(),
            endsAt: slot.endsAt.toISOString(),
            bayIds: slot.bayIds,
          })),
        },
      };
    },
  });
  return [getHours, replaceHours, listBays, createBay, updateBay, availability];
}
