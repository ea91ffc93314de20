import {
  getWebhookDelivery,
  listWebhookDeliveries,
  replayWebhookDelivery,
} from '../../webhooks/webhook-delivery-store.js';
import type { ApiDependencies } from '../api-dependencies.js';
import { defineRoute } from '../api-principal.js';
import { notFound } from '../http/api-problem.js';
import { toListPage } from '../http/cursor-pagination.js';
import { readSeqCursor } from './seq-cursor.js';
import {
  deliveryParamsSchema,
  listDeliveriesQuerySchema,
  webhookDeliveryDetailSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
} from './webhook-schemas.js';

const notFoundResponse = { description: '`not_found`: no such delivery in this organisation' };

/**
 * The delivery log: every event sent (or to be sent) to every endpoint, newest first, with each
 * attempt's status, latency and reply; and a replay that sends an event again.
 */
export function createWebhookDeliveryRoutes({ database }: Pick<ApiDependencies, 'database'>) {
  const list = defineRoute({
    method: 'get',
    path: '/v1/webhook-deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'List webhook deliveries, newest first',
    description: 'Filters combine with AND. Pass `nextCursor` back as `cursor` for the next page.',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'read',
    query: listDeliveriesQuerySchema,
    responses: {
      200: { description: 'One page of deliveries', schema: webhookDeliveryListSchema },
    },
    handler: async ({ principal, query }) => {
      const beforeSeq = readSeqCursor(query.cursor);
      const rows = await database.forOrganization(principal.orgId, (trx) =>
        listWebhookDeliveries(
          trx,
          {
            ...(query.status !== undefined ? { status: query.status } : {}),
            ...(query.endpointId !== undefined ? { endpointId: query.endpointId } : {}),
            ...(query.callId !== undefined ? { callId: query.callId } : {}),
            ...(query.eventType !== undefined ? { eventType: query.eventType } : {}),
          },
          { limit: query.limit, ...(beforeSeq !== undefined ? { beforeSeq } : {}) },
        ),
      );
      return { status: 200, body: toListPage(rows, query.limit, (row) => [row.seq]) };
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/v1/webhook-deliveries/{deliveryId}',
    operationId: 'getWebhookDelivery',
    summary: 'Get a delivery with its event and every attempt',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'read',
    params: deliveryParamsSchema,
    responses: {
      200: { description: 'The delivery', schema: webhookDeliveryDetailSchema },
      404: notFoundResponse,
    },
    handler: async ({ principal, params }) => {
      const delivery = await database.forOrganization(principal.orgId, (trx) =>
        getWebhookDelivery(trx, params.deliveryId),
      );
      if (delivery === undefined) throw notFound('Webhook delivery', params.deliveryId);
      return { status: 200, body: delivery };
    },
  });

  const replay = defineRoute({
    method: 'post',
    path: '/v1/webhook-deliveries/{deliveryId}/replay',
    operationId: 'replayWebhookDelivery',
    summary: 'Send a delivered or failed event again',
    description:
      'Queues a new delivery of the same event (same event id, so receivers can deduplicate) to the same endpoint, behind the pending deliveries of the same call or appointment. Returns the new delivery.',
    tags: ['webhooks'],
    auth: 'api-key',
    scope: 'admin',
    params: deliveryParamsSchema,
    responses: {
      202: { description: 'The new delivery, pending', schema: webhookDeliverySchema },
      404: notFoundResponse,
    },
    handler: async ({ principal, params }) => {
      const delivery = await database.forOrganization(principal.orgId, (trx) =>
        replayWebhookDelivery(trx, params.deliveryId),
      );
      if (delivery === undefined) throw notFound('Webhook delivery', params.deliveryId);
      return { status: 202, body: delivery };
    },
  });

  return [list, get, replay];
}
