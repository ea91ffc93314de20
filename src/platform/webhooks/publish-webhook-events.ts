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
  // One statement: the events, and a delivery per subscribed endpoint for each event that is new.
  const rows = events.map((event, position) => ({
    id: event.id,
    type: event.type,
    call_id: event.callId ?? null,
    subject_id: event.subjectId,
    payload: event.data,
    position,
  }));
  const result = await sql<{ events: number; deliveries: number }>`
    with given as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(id uuid, type text, call_id uuid, subject_id text, payload jsonb, position integer)
    ), inserted as (
      insert into webhook_events (id, org_id, type, call_id, subject_id, payload)
      select id, ${orgId}::uuid, type, call_id, subject_id, payload from given order by position
      on conflict (id) do nothing
      returning id, type, call_id, subject_id
    ), fanned as (
      insert into webhook_deliveries
        (org_id, endpoint_id, event_id, event_type, call_id, subject_id, next_attempt_at)
      select ${orgId}::uuid, e.id, i.id, i.type, i.call_id, i.subject_id,
        -- Not due before the subject's earlier events (one may be backing off).
        greatest(now(), (
          select max(p.next_attempt_at) from webhook_deliveries p
          where p.status = 'pending' and p.endpoint_id = e.id and p.subject_id = i.subject_id
        ))
      from inserted i
      join given g on g.id = i.id
      join webhook_endpoints e on e.org_id = ${orgId}::uuid and e.active and i.type = any(e.events)
      order by g.position, e.created_at, e.id
      returning 1
    )
    select (select count(*)::int from inserted) as events,
      (select count(*)::int from fanned) as deliveries`.execute(trx);
  const deliveries = result.rows[0]?.deliveries ?? 0;
  if (deliveries > 0) signalDeliveriesQueued(trx);
  return { events: result.rows[0]?.events ?? 0, deliveries };
}

/** True when some active endpoint of the organisation wants `type` (for optional, chatty events). */
export async function hasSubscribers(
  trx: TenantTransaction,
  type: WebhookEventType,
): Promise<boolean> {
  const row = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('active', '=', true)
    .where(sql<boolean>`${type} = any(events)`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
