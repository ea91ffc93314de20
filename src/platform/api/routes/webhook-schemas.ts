import { z } from 'zod';
import type { WebhookDeliveryStatus } from '../../db/database-schema.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../webhooks/webhook-event-types.js';
import {
  cursorQuerySchema,
  limitQuerySchema,
  listEnvelopeSchema,
} from '../http/cursor-pagination.js';

const timestamp = z.iso.datetime();
const eventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** `*` in a subscription: every event type there is when the endpoint is saved. */
export const ALL_EVENTS = '*';

/** Turns a subscription as sent (`["*"]` allowed) into the event types stored. */
export function expandEventTypes(events: readonly string[]): WebhookEventType[] {
  if (events.includes(ALL_EVENTS)) return [...WEBHOOK_EVENT_TYPES];
  return WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type));
}

const urlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .meta({
    description:
      'Where events are POSTed (http or https). Private and local network addresses are refused at delivery time unless the server allows them.',
    example: 'https://example.com/hooks/switchboard',
  });

const subscriptionSchema = z
  .array(z.union([eventTypeSchema, z.literal(ALL_EVENTS)]))
  .min(1)
  .max(50)
  .meta({
    description:
      'Event types to receive. `["*"]` subscribes to every event type that exists when the endpoint is saved; they are then listed one by one, and types added in later versions are not included.',
  });

/** A webhook endpoint, without its signing secret. */
export const webhookEndpointSchema = z
  .object({
    id: z.guid(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(eventTypeSchema),
    active: z.boolean().meta({ description: 'False: no events are delivered to it.' }),
    pausedAt: timestamp.nullable().meta({
      description:
        'Set when deliveries stopped after too many consecutive failures; PATCH `active: true` resumes.',
    }),
    pauseReason: z.string().nullable(),
    consecutiveFailures: z.int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' });

/** A new endpoint, with the secret its deliveries are signed with. */
export const createdWebhookEndpointSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description:
        'Signing secret (`whsec_…`). Returned here and by the secret operation, nowhere else.',
    }),
  })
  .meta({ id: 'CreatedWebhookEndpoint' });

export const webhookEndpointCreateSchema = z
  .object({
    url: urlSchema,
    events: subscriptionSchema,
    description: z.string().max(500).nullable().optional(),
    active: z.boolean().optional().meta({ description: 'Defaults to true.' }),
  })
  .meta({ id: 'WebhookEndpointCreate' });

export const webhookEndpointUpdateSchema = z
  .object({
    url: urlSchema.optional(),
    events: subscriptionSchema.optional(),
    description: z.string().max(500).nullable().optional(),
    active: z.boolean().optional().meta({
      description:
        'False stops deliveries. True starts them again and also resumes a paused endpoint: its failure count is reset and waiting deliveries go out.',
    }),
  })
  .meta({ id: 'WebhookEndpointUpdate' });

export const endpointSecretRequestSchema = z
  .object({
    rotate: z.boolean().optional().meta({
      description:
        'True replaces the secret with a new one (the old one stops working at once); absent or false reveals the current one.',
    }),
  })
  .meta({ id: 'WebhookSecretRequest' })
  .optional();

export const endpointSecretSchema = z.object({ secret: z.string() }).meta({ id: 'WebhookSecret' });

export const endpointParamsSchema = z.object({ endpointId: z.guid() });

const deliveryStatuses = [
  'pending',
  'delivered',
  'failed',
  'cancelled',
] as const satisfies readonly WebhookDeliveryStatus[];

/** One delivery of one event to one endpoint. */
export const webhookDeliverySchema = z
  .object({
    id: z.guid(),
    endpointId: z.guid(),
    eventId: z.guid(),
    eventType: z.string(),
    callId: z.guid().nullable(),
    status: z.enum(deliveryStatuses),
    attemptCount: z.int(),
    nextAttemptAt: timestamp
      .nullable()
      .meta({ description: 'When a pending delivery is tried next.' }),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: timestamp.nullable(),
    replayOf: z
      .guid()
      .nullable()
      .meta({ description: 'The delivery this one replays, for a replay.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'WebhookDelivery' });

const webhookAttemptSchema = z
  .object({
    attempt: z.int(),
    startedAt: timestamp,
    latencyMs: z.int(),
    statusCode: z.int().nullable(),
    error: z.string().nullable(),
    responseExcerpt: z
      .string()
      .nullable()
      .meta({ description: 'The start of what the endpoint replied (1 KiB at most).' }),
  })
  .meta({ id: 'WebhookAttempt' });

/** A delivery with the event it carries and every attempt so far. */
export const webhookDeliveryDetailSchema = webhookDeliverySchema
  .extend({
    event: z.object({
      id: z.guid(),
      type: z.string(),
      createdAt: timestamp,
      data: z.record(z.string(), z.unknown()).meta({ description: 'The event body as sent.' }),
    }),
    attempts: z.array(webhookAttemptSchema),
  })
  .meta({ id: 'WebhookDeliveryDetail' });

export const webhookDeliveryListSchema = listEnvelopeSchema(webhookDeliverySchema).meta({
  id: 'WebhookDeliveryList',
});

export const listDeliveriesQuerySchema = z.object({
  limit: limitQuerySchema,
  cursor: cursorQuerySchema,
  status: z.enum(deliveryStatuses).optional(),
  endpointId: z.guid().optional(),
  callId: z.guid().optional(),
  eventType: eventTypeSchema.optional(),
});

export const deliveryParamsSchema = z.object({ deliveryId: z.guid() });
