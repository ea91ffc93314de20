import { z } from 'zod';
import type { TenantTransaction } from '../../db/switchboard-database.js';
import {
  createPhoneNumber,
  deletePhoneNumber,
  getPhoneNumber,
  InvalidPhoneNumberError,
  listPhoneNumbers,
  updatePhoneNumber,
  type PhoneNumber,
} from '../../numbers/phone-numbers.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { conflict, notFound, validationFailed } from '../http/api-problem.js';
import { isUniqueViolation } from '../../db/postgres-errors.js';

const carrierSchema = z.enum(['twilio', 'signalwire']);

const phoneNumberSchema = z
  .object({
    id: z.uuid(),
    number: z.string().meta({ description: 'E.164' }),
    carrier: carrierSchema,
    capabilities: z.object({ voice: z.boolean(), sms: z.boolean() }),
    inboundAgentId: z.uuid().nullable(),
    active: z.boolean(),
    label: z.string().nullable(),
    webhooks: z
      .object({ voiceUrl: z.string(), statusCallbackUrl: z.string() })
      .meta({ description: 'Paste these into the carrier console for this number (HTTP POST).' }),
    lastWebhookAt: z.iso.datetime().nullable(),
    lastWebhookSigned: z.boolean().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PhoneNumber' });

const phoneNumberInputSchema = z
  .object({
    number: z.string().meta({
      description:
        'International format with the country code (spaces, dashes and brackets allowed); stored as E.164.',
      example: '+14155550123',
    }),
    carrier: carrierSchema.default('twilio'),
    capabilities: z
      .object({ voice: z.boolean().optional(), sms: z.boolean().optional() })
      .optional(),
    inboundAgentId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
    label: z.string().max(200).nullable().optional(),
  })
  .meta({ id: 'PhoneNumberInput' });

const numberParams = z.object({ numberId: z.uuid() });

/**
 * Phone numbers and the agent that answers each. A number belongs to one organisation in the
 * whole installation; the agent must be one of the organisation's own (foreign keys alone would
 * accept another organisation's agent id, since they are checked without row-level security).
 */
export function createNumberRoutes({ database, publicUrl }: ApiDependencies) {
  const toBody = (number: PhoneNumber) => ({
    ...number,
    webhooks: {
      voiceUrl: `${publicUrl}/${number.carrier}/voice`,
      statusCallbackUrl: `${publicUrl}/${number.carrier}/status`,
    },
    lastWebhookAt: number.lastWebhookAt?.toISOString() ?? null,
    createdAt: number.createdAt.toISOString(),
  });

  async function assertOwnAgent(
    trx: TenantTransaction,
    agentId: string | null | undefined,
  ): Promise<void> {
    if (agentId == null) return;
    const agent = await trx
      .selectFrom('agents')
      .select('id')
      .where('id', '=', agentId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (agent === undefined) throw notFound('Agent', agentId);
  }

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof InvalidPhoneNumberError)
        throw validationFailed([{ path: 'body.number', message: error.message }]);
      if (isUniqueViolation(error)) throw conflict('That number is already registered.');
      throw error;
    }
  }

  const list = defineRoute({
    method: 'get',
    path: '/v1/phone-numbers',
    operationId: 'listPhoneNumbers',
    summary: 'List phone numbers',
    tags: ['phone-numbers'],
    auth: 'api-key',
    scope: 'read',
    responses: {
      200: { description: 'Numbers', schema: z.object({ data: z.array(phoneNumberSchema) }) },
    },
    handler: async ({ principal }) => ({
      status: 200,
      body: {
        data: (await database.forOrganization(principal.orgId, listPhoneNumbers)).map(toBody),
      },
    }),
  });
  const create = defineRoute({
    method: 'post',
    path: '/v1/phone-numbers',
    operationId: 'createPhoneNumber',
    summary: 'Register a number and the agent that answers it',
    tags: ['phone-numbers'],
    auth: 'api-key',
    scope: 'write',
    body: phoneNumberInputSchema,
    responses: {
      201: { description: 'Registered', schema: phoneNumberSchema },
      409: { description: 'Number taken' },
    },
    handler: async ({ principal, body }) => {
      const number = await guard(() =>
        database.forOrganization(principal.orgId, async (trx) => {
          await assertOwnAgent(trx, body.inboundAgentId);
          return createPhoneNumber(trx, principal.orgId, body);
        }),
      );
      return {
        status: 201,
        body: toBody(number),
        headers: { location: `/v1/phone-numbers/${number.id}` },
      };
    },
  });
  const get = defineRoute({
    method: 'get',
    path: '/v1/phone-numbers/{numberId}',
    operationId: 'getPhoneNumber',
    summary: 'Get a number',
    tags: ['phone-numbers'],
    auth: 'api-key',
    scope: 'read',
    params: numberParams,
    responses: { 200: { description: 'The number', schema: phoneNumberSchema } },
    handler: async ({ principal, params }) => {
      const number = await database.forOrganization(principal.orgId, (trx) =>
        getPhoneNumber(trx, params.numberId),
      );
      if (number === undefined) throw notFound('Phone number', params.numberId);
      return { status: 200, body: toBody(number) };
    },
  });
  const update = defineRoute({
    method: 'patch',
    path: '/v1/phone-numbers/{numberId}',
    operationId: 'updatePhoneNumber',
    summary: 'Change a number: its agent, capabilities, label or active flag',
    tags: ['phone-numbers'],
    auth: 'api-key',
    scope: 'write',
    params: numberParams,
    body: phoneNumberInputSchema.partial().meta({ id: 'PhoneNumberUpdate' }),
    responses: { 200: { description: 'The number', schema: phoneNumberSchema } },
    handler: async ({ principal, params, body }) => {
      const number = await guard(() =>
        database.forOrganization(principal.orgId, async (trx) => {
          await assertOwnAgent(trx, body.inboundAgentId);
          return updatePhoneNumber(trx, params.numberId, body);
        }),
      );
      if (number === undefined) throw notFound('Phone number', params.numberId);
      return { status: 200, body: toBody(number) };
    },
  });
  const remove = defineRoute({
    method: 'delete',
    path: '/v1/phone-numbers/{numberId}',
    operationId: 'deletePhoneNumber',
    summary: 'Release a number',
    tags: ['phone-numbers'],
    auth: 'api-key',
    scope: 'write',
    params: numberParams,
    responses: { 204: { description: 'Released' } },
    handler: async ({ principal, params }) => {
      const removed = await database.forOrganization(principal.orgId, (trx) =>
        deletePhoneNumber(trx, params.numberId),
      );
      if (!removed) throw notFound('Phone number', params.numberId);
      return { status: 204 };
    },
  });
  return [list, create, get, update, remove];
}
