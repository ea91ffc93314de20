import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhookDeliveryStatus } from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';
import { signalDeliveriesQueued } from './deliveries-queued.js';
import { isParked } from './record-attempt-results.js';

/** A delivery as the API lists it. */
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

/** One attempt of a delivery. */
export interface WebhookAttempt {
  readonly attempt: number;
  readonly startedAt: string;
  readonly latencyMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
}

export interface WebhookDeliveryDetail extends WebhookDelivery {
  readonly event: {
    readonly id: string;
    readonly type: string;
    readonly createdAt: string;
    readonly data: Record<string, unknown>;
  };
  readonly attempts: WebhookAttempt[];
}

export interface DeliveryFilters {
  readonly status?: WebhookDeliveryStatus;
  readonly endpointId?: string;
  readonly callId?: string;
  readonly eventType?: string;
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    callId: row.call_id,
    status: row.status,
    attemptCount: row.attempt_count,
    // A parked delivery (its endpoint is paused or inactive) has no next attempt until resumed.
    nextAttemptAt:
      row.status === 'pending' && !isParked(row.next_attempt_at)
        ? row.next_attempt_at.toISOString()
        : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    replayOf: row.replay_of,
    createdAt: row.created_at.toISOString(),
  };
}

/** Newest first, `limit + 1` rows after `beforeSeq` (keyset), for {@link toListPage}. */
export async function listWebhookDeliveries(
  trx: TenantTransaction,
  filters: DeliveryFilters,
  page: { readonly limit: number; readonly beforeSeq?: string },
): Promise<(WebhookDelivery & { readonly seq: string })[]> {
  let query = trx.selectFrom('webhook_deliveries').selectAll();
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  if (filters.endpointId !== undefined) query = query.where('endpoint_id', '=', filters.endpointId);
  if (filters.callId !== undefined) query = query.where('call_id', '=', filters.callId);
  if (filters.eventType !== undefined) query = query.where('event_type', '=', filters.eventType);
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  return rows.map((row) => ({ ...toDelivery(row), seq: String(row.seq) }));
}

export async function getWebhookDelivery(
  trx: TenantTransaction,
  id: string,
): Promise<WebhookDeliveryDetail | undefined> {
  const row = await trx
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const [event, attempts] = await Promise.all([
    trx
      .selectFrom('webhook_events')
      .select(['id', 'type', 'created_at', 'payload'])
      .where('id', '=', row.event_id)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', id)
      .orderBy('attempt')
      .execute(),
  ]);
  return {
    ...toDelivery(row),
    event: {
      id: event.id,
      type: event.type,
      createdAt: event.created_at.toISOString(),
      data: event.payload,
    },
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      startedAt: attempt.started_at.toISOString(),
      latencyMs: attempt.latency_ms,
      statusCode: attempt.status_code,
      error: attempt.error,
      responseExcerpt: attempt.response_excerpt,
    })),
  };
}

/**
 * Sends a delivery's event to its endpoint again, as a new delivery (the same event id, so a
 * receiver that already has it can tell). It queues behind the subject's other pending events.
 */
export async function replayWebhookDelivery(
  trx: TenantTransaction,
  id: string,
): Promise<WebhookDelivery | undefined> {
  const original = await trx
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (original === undefined) return undefined;
  const row = await trx
    .insertInto('webhook_deliveries')
    .values({
      org_id: original.org_id,
      endpoint_id: original.endpoint_id,
      event_id: original.event_id,
      event_type: original.event_type,
      call_id: original.call_id,
      subject_id: original.subject_id,
      replay_of: original.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  signalDeliveriesQueued(trx);
  return toDelivery(row);
}
