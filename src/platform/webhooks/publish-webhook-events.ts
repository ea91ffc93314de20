import { sql } from 'kysely';
import type { TenantTransaction } from '../db/switchboard-database.js';
import { signalDeliveriesQueued } from './deliveries-queued.js';
import type { NewWebhookEvent, WebhookEventType } from './webhook-event-types.js';

/** What publishing created: how many deliveries now wait to be sent. */
export interface PublishedEvents {
  readonly events: number;
  readonly deliveries: number;
}

/**
 * Records events and one pending delivery per subscribed, active endpoint, inside the caller's
 * transaction: the fact and its notifications commit together or not at all. Events whose id
 * already exists are skipped with their deliveries, which makes replays harmless. Deliveries are
 * numbered in the order the events are given.
 */
export async function publishWebhookEvents(
  trx: TenantTransaction,
  orgId: string,
  events: readonly NewWebhookEvent[],
): Promise<PublishedEvents> {
  if (events.length === 0) return { events: 0, deliveries: 0 };
  const inserted = await trx
    .insertInto('webhook_events')
    .values(
      events.map((event) => ({
        id: event.id,
        org_id: orgId,
        type: event.type,
        call_id: event.callId ?? null,
        subject_id: event.subjectId,
        payload: JSON.stringify(event.data),
      })),
    )
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return { events: 0, deliveries: 0 };
  const ids = events.map((event) => event.id).filter((id) => inserted.some((row) => row.id === id));
  const result = await sql<{ count: number }>`
    with fanned as (
      insert into webhook_deliveries (org_id, endpoint_id, event_id, event_type, call_id, subject_id)
      select ev.org_id, e.id, ev.id, ev.type, ev.call_id, ev.subject_id
      from unnest(${ids}::uuid[]) with ordinality as given(id, position)
      join webhook_events ev on ev.id = given.id
      join webhook_endpoints e on e.org_id = ev.org_id and e.active and ev.type = any(e.events)
      order by given.position, e.created_at, e.id
      returning 1
    )
    select count(*)::int as count from fanned`.execute(trx);
  const deliveries = result.rows[0]?.count ?? 0;
  if (deliveries > 0) signalDeliveriesQueued(trx);
  return { events: inserted.length, deliveries };
}

/** True when some active endpoint of the organisation wants `type` (for optional, chatty events). */
export async function hasSubscribers(trx: TenantTransaction, type: WebhookEventType): Promise<boolean> {
  const row = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('active', '=', true)
    .where(sql<boolean>`${type} = any(events)`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
