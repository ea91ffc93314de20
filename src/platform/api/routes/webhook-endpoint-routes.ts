import { z } from 'zod';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  revealEndpointSecret,
  updateWebhookEndpoint,
} from '../../webhooks/webhook-endpoint-store.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import { retryOnDeadlock } from '../../db/postgres-errors.js';
import {
  createdWebhookEndpointSchema,
  endpointParamsSchema,
  endpointSecretRequestSchema,
  endpointSecretSchema,
  expandEventTypes,
  webhookEndpointCreateSchema,
  webhookEndpointSchema,
  webhookEndpointUpdateSchema,
} from './webhook-schemas.js';

const notFoundResponse = { description: '`not_found`: no such endpoint in this organisation' };

/**
 * Webhook endpoints: where an organisation's events are POSTed, signed with a per-endpoint secret
 * that is shown on creation and on request. Reading needs the read scope; every change and the
 * secret need an admin key, since they decide where the organisation's call data goes.
 */
export function createWebhookEndpointRoutes({
  database,
  secrets,
}: Pick<ApiDependencies, 'database' | 'secrets'>) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/webhook-endpoints',
    operationId: 'listWebhookEndpoints',
    summary: 'List webhook endpoints (never their secrets)',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'read',
    responses: {
      200: {
        description: 'Endpoints, oldest first',
        schema: z.object({ data: z.array(webhookEndpointSchema) }),
      },
    },
    handler: async ({ principal }) => ({
      status: 200,
      body: { data: await database.forOrganization(principal.orgId, listWebhookEndpoints) },
    }),
  });

  const create = defineRoute({
    method: 'post',
    path: '/v1/webhook-endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Add a webhook endpoint',
    description:
      'Events published from now on are delivered to it. The response holds the signing secret; fetch it again with the secret operation.',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'admin',
    body: webhookEndpointCreateSchema,
    responses: {
      201: {
        description: 'Created, with its signing secret',
        schema: createdWebhookEndpointSchema,
      },
    },
    handler: async ({ principal, body }) => {
      const { endpoint, secret } = await database.forOrganization(principal.orgId, (trx) =>
        createWebhookEndpoint(trx, secrets, principal.orgId, {
          url: body.url,
          events: expandEventTypes(body.events),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
        }),
      );
      return { status: 201, body: { ...endpoint, secret } };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/webhook-endpoints/{endpointId}',
    operationId: 'getWebhookEndpoint',
    summary: 'Get a webhook endpoint',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'read',
    params: endpointParamsSchema,
    responses: {
      200: { description: 'The endpoint', schema: webhookEndpointSchema },
      404: notFoundResponse,
    },
    handler: async ({ principal, params }) => {
      const endpoint = await database.forOrganization(principal.orgId, (trx) =>
        getWebhookEndpoint(trx, params.endpointId),
      );
      if (endpoint === undefined) throw notFound('Webhook endpoint', params.endpointId);
      return { status: 200, body: endpoint };
    },
  });

  const update = defineRoute({
    method: 'patch',
    path: '/v1/webhook-endpoints/{endpointId}',
    operationId: 'updateWebhookEndpoint',
    summary: 'Change, disable, enable or resume a webhook endpoint',
    description:
      'Only the fields sent change. `active: true` also resumes an endpoint that was paused after consecutive failures: the failure count starts again from zero and its waiting deliveries go out.',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'admin',
    params: endpointParamsSchema,
    body: webhookEndpointUpdateSchema,
    responses: {
      200: { description: 'The endpoint', schema: webhookEndpointSchema },
      404: notFoundResponse,
    },
    handler: async ({ principal, params, body }) => {
      // Resuming races the dispatcher over the endpoint's deliveries; a deadlock is retried.
      const endpoint = await retryOnDeadlock(() =>
        database.forOrganization(principal.orgId, (trx) =>
          updateWebhookEndpoint(trx, params.endpointId, {
            ...(body.url !== undefined ? { url: body.url } : {}),
            ...(body.events !== undefined ? { events: expandEventTypes(body.events) } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
          }),
        ),
      );
      if (endpoint === undefined) throw notFound('Webhook endpoint', params.endpointId);
      return { status: 200, body: endpoint };
    },
  });

  const remove = defineRoute({
    method: 'delete',
    path: '/v1/webhook-endpoints/{endpointId}',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Delete a webhook endpoint and its delivery log',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'admin',
    params: endpointParamsSchema,
    responses: { 204: { description: 'Deleted' }, 404: notFoundResponse },
    handler: async ({ principal, params }) => {
      const deleted = await database.forOrganization(principal.orgId, (trx) =>
        deleteWebhookEndpoint(trx, params.endpointId),
      );
      if (!deleted) throw notFound('Webhook endpoint', params.endpointId);
      return { status: 204 };
    },
  });

  const secret = defineRoute({
    method: 'post',
    path: '/v1/webhook-endpoints/{endpointId}/secret',
    operationId: 'revealWebhookSecret',
    summary: "Reveal or rotate an endpoint's signing secret",
    description:
      'Without a body, or with `rotate: false`, returns the current secret. With `rotate: true` a new secret replaces it at once: deliveries from then on are signed with the new one only.',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'admin',
    params: endpointParamsSchema,
    body: endpointSecretRequestSchema,
    responses: {
      200: { description: 'The signing secret', schema: endpointSecretSchema },
      404: notFoundResponse,
    },
    handler: async ({ principal, params, body }) => {
      const value = await database.forOrganization(principal.orgId, (trx) =>
        revealEndpointSecret(
          trx,
          secrets,
          principal.orgId,
          params.endpointId,
          body?.rotate ?? false,
        ),
      );
      if (value === undefined) throw notFound('Webhook endpoint', params.endpointId);
      return { status: 200, body: { secret: value } };
    },
  });

  return [list, create, get, update, remove, secret];
}
