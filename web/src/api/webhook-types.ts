/**
 * The webhook bodies: endpoints and their deliveries, as src/platform/api/routes/webhook-*.ts
 * send them (src/platform/webhooks/webhook-delivery-store.ts, webhook-endpoint-store.ts). Kept by
 * hand beside types.ts, for the same reason.
 */

/** `GET /v1/webhook-endpoints` items; the answer to a change. */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly events: readonly string[];
  readonly active: boolean;
  readonly pausedAt: string | null;
  readonly pauseReason: string | null;
  readonly consecutiveFailures: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Every state a delivery can be in, in the order the status filter offers them. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** `GET /v1/webhook-deliveries` items; the replay answer. */
export interface WebhookDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly callId: string | null;
  readonly status: WebhookDeliveryStatus;
  readonly attemptCount: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly replayOf: string | null;
  readonly createdAt: string;
}

/** One try at sending a delivery. */
export interface WebhookAttempt {
  readonly attempt: number;
  readonly startedAt: string;
  readonly latencyMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
}

/** `GET /v1/webhook-deliveries/{deliveryId}`: the delivery with its event and every attempt. */
export interface WebhookDeliveryDetail extends WebhookDelivery {
  readonly event: {
    readonly id: string;
    readonly type: string;
    readonly createdAt: string;
    readonly data: Readonly<Record<string, unknown>>;
  };
  readonly attempts: readonly WebhookAttempt[];
}
