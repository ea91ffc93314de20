import { sql } from 'kysely';
import type { SwitchboardDatabase, SystemDatabase } from '../db/switchboard-database.js';

/** A delivery leased to this process for one attempt, with what sending it needs. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly orgId: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  /** This attempt's number, from 1. */
  readonly attempt: number;
  readonly url: string;
  readonly secretCiphertext: string;
  readonly payload: Record<string, unknown>;
  readonly eventCreatedAt: Date;
}

interface ClaimedRow {
  id: string;
  org_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  attempt_count: number;
  url: string;
  secret_ciphertext: string;
  payload: Record<string, unknown>;
  event_created_at: Date;
}

/**
 * Leases up to `limit` due deliveries. Only the head of each (endpoint, subject) queue can go: a delivery waits while an earlier one for the same subject and endpoint is pending, in
 * flight or backing off, which is what keeps every call's events in order. Paused and inactive
 * endpoints are skipped; organisations in `busyOrgs` get nothing, the others at most
 * `perOrganization` each. The lease (`locked_until`) outlives the request timeout, so a process
 * that dies mid-request leaves deliveries that become due again when it expires; another process
 * racing for the same row re-checks the lease under the row lock and skips it.
 */
export async function claimDueDeliveries(
  db: SystemDatabase,
  options: {
    readonly limit: number;
    readonly perOrganization: number;
    readonly busyOrgs: readonly string[];
    readonly leaseMs: number;
  },
): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedRow>`
    with candidates as (
      -- A range scan of what is due; a delivery with an earlier pending one of its (endpoint,
      -- subject) is not a head and is passed over. Successors of a delivery that is backing off
      -- carry its next attempt time, so they are not even in this range.
      select d.id, d.org_id, d.endpoint_id, d.next_attempt_at, d.seq
      from webhook_deliveries d
      where d.status = 'pending' and d.next_attempt_at <= now()
        and (d.locked_until is null or d.locked_until <= now())
        and d.org_id <> all(${[...options.busyOrgs]}::uuid[])
        and not exists (
          select 1 from webhook_deliveries earlier
          where earlier.status = 'pending' and earlier.endpoint_id = d.endpoint_id
            and earlier.subject_id = d.subject_id and earlier.seq < d.seq
        )
      order by d.next_attempt_at, d.seq
      limit ${options.limit * 4}
    ), picked as (
      select c.id from (
        select c.id, c.next_attempt_at, c.seq,
          row_number() over (partition by c.org_id order by c.next_attempt_at, c.seq) as rank
        from candidates c
        join webhook_endpoints e on e.id = c.endpoint_id
        where e.active and e.paused_at is null
      ) c
      where c.rank <= ${options.perOrganization}
      order by c.next_attempt_at, c.seq
      limit ${options.limit}
    )
    update webhook_deliveries d
    set locked_until = now() + ${options.leaseMs} * interval '1 millisecond',
      attempt_count = d.attempt_count + 1,
      updated_at = now()
    from picked, webhook_endpoints e, webhook_events ev
    where d.id = picked.id and e.id = d.endpoint_id and ev.id = d.event_id
      and d.status = 'pending' and (d.locked_until is null or d.locked_until <= now())
    returning d.id, d.org_id, d.endpoint_id, d.event_id, d.event_type, d.attempt_count,
      e.url, e.secret_ciphertext, ev.payload, ev.created_at as event_created_at`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    orgId: row.org_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt_count,
    url: row.url,
    secretCiphertext: row.secret_ciphertext,
    payload: row.payload,
    eventCreatedAt: new Date(row.event_created_at),
  }));
}

/**
 * Ends every delivery lease at once, so deliveries a dead process was sending are due again now.
 * Only for the embedded database (one process); on a server, leases simply expire.
 */
export async function releaseDeliveryLeases(database: SwitchboardDatabase): Promise<number> {
  const result = await database.asSystem('jobs', (db) =>
    db
      .updateTable('webhook_deliveries')
      .set({ locked_until: null })
      .where('status', '=', 'pending')
      .where('locked_until', 'is not', null)
      .executeTakeFirst(),
  );
  return Number(result.numUpdatedRows);
}
