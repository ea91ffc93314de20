import type { WebhookDeliveryStatus } from '../../api/webhook-types.js';

/** Event types an endpoint can subscribe to (src/platform/webhooks/webhook-event-types.ts). */
export const WEBHOOK_EVENT_TYPES = [
  { type: 'call.started', description: 'A call was answered or placed.' },
  { type: 'call.ended', description: 'A call ended, with its duration and how it ended.' },
  { type: 'call.analyzed', description: 'The post-call analysis is ready.' },
  { type: 'transcript.updated', description: 'A new line of a live transcript.' },
  { type: 'appointment.booked', description: 'An appointment was booked.' },
  { type: 'appointment.rescheduled', description: 'An appointment was moved.' },
  { type: 'appointment.cancelled', description: 'An appointment was cancelled.' },
] as const;

/** What the API accepts as "every event type there is now". */
export const ALL_EVENTS = '*';

/** The badge colour of each delivery status in the endpoint's delivery history. */
export const DELIVERY_STATUS_BADGES = {
  pending: 'warn',
  delivered: 'ok',
  failed: 'danger',
  cancelled: '',
} as const satisfies Record<WebhookDeliveryStatus, string>;
