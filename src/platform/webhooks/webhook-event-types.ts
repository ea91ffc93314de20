import { createHash } from 'node:crypto';

/** Every event an organisation's endpoints can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'call.started',
  'call.ended',
  'call.analyzed',
  'transcript.updated',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** An event to publish: what happened, to what, and the data receivers get. */
export interface NewWebhookEvent {
  /** Deterministic for facts that can be replayed (a call's end), so publishing twice is a no-op. */
  readonly id: string;
  readonly type: WebhookEventType;
  /** Deliveries keep their order per subject: the call, or the appointment. */
  readonly subjectId: string;
  readonly callId?: string | null;
  readonly data: Record<string, unknown>;
}

/**
 * A UUID derived from its parts (SHA-256, shaped as a version-8 UUID): the same fact always gets
 * the same event id, so a journal replayed after a crash publishes nothing twice and receivers can
 * deduplicate on it.
 */
export function deterministicEventId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
