import { sql } from 'kysely';
import type { SystemDatabase, TenantTransaction } from '../db/switchboard-database.js';
import type { ClaimedDelivery } from './claim-due-deliveries.js';
import type { WebhookAttemptResult } from './send-webhook.js';

/** An attempt's outcome, and what happens to its delivery next. */
export interface AttemptOutcome {
  readonly delivery: ClaimedDelivery;
  readonly result: WebhookAttemptResult;
  /** Delay before the next attempt; `undefined` when it succeeded or was the last (dead letter). */
  readonly retryInMs: number | undefined;
}

/** An endpoint that this batch of results paused. */
export interface PausedEndpoint {
  readonly orgId: string;
  readonly endpointId: string;
  readonly url: string;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

const EXCERPT_CHARACTERS = 1000;

/**
 * Writes a batch of attempt outcomes in three statements whatever its size: the deliveries'
 * new state, the attempt log, and each endpoint's run of consecutive failures (reset by a
 * success). Returns the endpoints whose run reached `pauseAfterFailures` in this batch.
 */
function deliveryRows(outcomes: readonly AttemptOutcome[]) {
  return outcomes.map(({ delivery, result, retryInMs }) => ({
    id: delivery.id,
    status: result.ok ? 'delivered' : retryInMs === undefined ? 'failed' : 'pending',
    delay_ms: result.ok ? null : (retryInMs ?? null),
    status_code: result.statusCode,
    error: result.error,
  }));
}

function attemptRows(outcomes: readonly AttemptOutcome[]) {
  return outcomes.map(({ delivery, result }) => ({
    delivery_id: delivery.id,
    attempt: delivery.attempt,
    org_id: delivery.orgId,
    started_at: result.startedAt.toISOString(),
    latency_ms: result.latencyMs,
    status_code: result.statusCode,
    error: result.error,
    response_excerpt: result.responseExcerpt?.slice(0, EXCERPT_CHARACTERS) ?? null,
  }));
}

/**
 * The common case, all attempts of the batch succeeded, in one statement (no transaction round
 * trips): deliveries done, attempts logged, and the failure runs of their endpoints reset.
 */
export async function recordSuccesses(
  db: SystemDatabase,
  outcomes: readonly AttemptOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const endpoints = [...new Set(outcomes.map(({ delivery }) => delivery.endpointId))];
  await sql`
    with delivered as (
      update webhook_deliveries d set
        status = 'delivered', locked_until = null, last_status_code = v.status_code,
        last_error = null, delivered_at = now(), updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(deliveryRows(outcomes))}::jsonb)
        as v(id uuid, status text, delay_ms integer, status_code integer, error text)
      where d.id = v.id
      returning 1
    ), logged as (
      insert into webhook_attempts
        (delivery_id, attempt, org_id, started_at, latency_ms, status_code, error, response_excerpt)
      select delivery_id, attempt, org_id, started_at, latency_ms, status_code, error, response_excerpt
      from jsonb_to_recordset(${JSON.stringify(attemptRows(outcomes))}::jsonb) as v(delivery_id uuid,
        attempt integer, org_id uuid, started_at timestamptz, latency_ms integer,
        status_code integer, error text, response_excerpt text)
      on conflict do nothing
      returning 1
    ), reset as (
      update webhook_endpoints set consecutive_failures = 0, updated_at = now()
      where id = any(${endpoints}::uuid[]) and consecutive_failures <> 0
      returning 1
    )
    select (select count(*) from delivered) + (select count(*) from logged)
      + (select count(*) from reset) as changed`.execute(db);
}

export async function recordAttemptResults(
  trx: TenantTransaction,
  outcomes: readonly AttemptOutcome[],
  pauseAfterFailures: number,
): Promise<PausedEndpoint[]> {
  if (outcomes.length === 0) return [];
  const deliveries = deliveryRows(outcomes);
  await sql`
    update webhook_deliveries d set
      status = v.status,
      locked_until = null,
      next_attempt_at = case when v.delay_ms is null then d.next_attempt_at
        else now() + v.delay_ms * interval '1 millisecond' end,
      last_status_code = v.status_code,
      last_error = v.error,
      delivered_at = case when v.status = 'delivered' then now() else d.delivered_at end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(deliveries)}::jsonb)
      as v(id uuid, status text, delay_ms integer, status_code integer, error text)
    where d.id = v.id`.execute(trx);
  // The events behind a delivery that is backing off wait as long as it does, so the claim's
  // range of due deliveries holds only what can really go.
  const retrying = outcomes
    .filter((_, index) => deliveries[index]?.status === 'pending')
    .map(({ delivery }) => delivery.id);
  if (retrying.length > 0) {
    await sql`
      update webhook_deliveries s set next_attempt_at = h.next_attempt_at
      from webhook_deliveries h
      where h.id = any(${retrying}::uuid[]) and s.status = 'pending'
        and s.endpoint_id = h.endpoint_id and s.subject_id = h.subject_id and s.seq > h.seq
        and s.next_attempt_at < h.next_attempt_at`.execute(trx);
  }
  const attempts = attemptRows(outcomes);
  await sql`
    insert into webhook_attempts
      (delivery_id, attempt, org_id, started_at, latency_ms, status_code, error, response_excerpt)
    select delivery_id, attempt, org_id, started_at, latency_ms, status_code, error, response_excerpt
    from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb) as v(delivery_id uuid,
      attempt integer, org_id uuid, started_at timestamptz, latency_ms integer,
      status_code integer, error text, response_excerpt text)
    on conflict do nothing`.execute(trx);
  return updateFailureRuns(trx, outcomes, pauseAfterFailures);
}

async function updateFailureRuns(
  trx: TenantTransaction,
  outcomes: readonly AttemptOutcome[],
  pauseAfterFailures: number,
): Promise<PausedEndpoint[]> {
  const runs = new Map<
    string,
    { endpoint_id: string; reset: boolean; failures: number; last_error: string | null }
  >();
  for (const { delivery, result } of outcomes) {
    const run = runs.get(delivery.endpointId) ?? {
      endpoint_id: delivery.endpointId,
      reset: false,
      failures: 0,
      last_error: null,
    };
    if (result.ok) {
      run.reset = true;
      run.failures = 0;
    } else {
      run.failures += 1;
      run.last_error = result.error;
    }
    runs.set(delivery.endpointId, run);
  }
  const paused = await sql<{
    id: string;
    org_id: string;
    url: string;
    consecutive_failures: number;
    last_error: string | null;
  }>`
    with runs as (
      select * from jsonb_to_recordset(${JSON.stringify([...runs.values()])}::jsonb)
        as v(endpoint_id uuid, reset boolean, failures integer, last_error text)
    ), updated as (
      update webhook_endpoints e set
        consecutive_failures = case when v.reset then v.failures else e.consecutive_failures + v.failures end,
        paused_at = case
          when e.paused_at is null
            and (case when v.reset then v.failures else e.consecutive_failures + v.failures end) >= ${pauseAfterFailures}
          then now() else e.paused_at end,
        pause_reason = case
          when e.paused_at is null
            and (case when v.reset then v.failures else e.consecutive_failures + v.failures end) >= ${pauseAfterFailures}
          then 'paused after ' || (case when v.reset then v.failures else e.consecutive_failures + v.failures end)
            || ' consecutive failed attempts; last: ' || coalesce(v.last_error, 'unknown error')
          else e.pause_reason end,
        updated_at = now()
      from runs v
      where e.id = v.endpoint_id
        and not (v.reset and v.failures = 0 and e.consecutive_failures = 0)
      returning e.id, e.org_id, e.url, e.consecutive_failures, e.paused_at, v.last_error
    )
    select id, org_id, url, consecutive_failures, last_error from updated where paused_at = now()`.execute(
    trx,
  );
  if (paused.rows.length > 0)
    await parkEndpointDeliveries(
      trx,
      paused.rows.map((row) => row.id),
    );
  return paused.rows.map((row) => ({
    orgId: row.org_id,
    endpointId: row.id,
    url: row.url,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
  }));
}

/** Far enough ahead that a parked delivery is never due; the API shows no next attempt for it. */
const PARKED_UNTIL = '9999-01-01T00:00:00Z';

/** True for the next attempt time of a parked delivery (see {@link parkEndpointDeliveries}). */
export function isParked(nextAttemptAt: Date): boolean {
  return nextAttemptAt.getTime() >= Date.parse(PARKED_UNTIL);
}

/**
 * Parks the pending deliveries of a paused or deactivated endpoint out of the claim's range of
 * due deliveries, however many there are; {@link wakeEndpointDeliveries} brings them back.
 */
export async function parkEndpointDeliveries(
  trx: TenantTransaction,
  endpointIds: readonly string[],
): Promise<void> {
  await sql`
    update webhook_deliveries set next_attempt_at = ${PARKED_UNTIL}::timestamptz
    where endpoint_id = any(${[...endpointIds]}::uuid[]) and status = 'pending'`.execute(trx);
}

/** Makes a resumed endpoint's pending deliveries due now (in order, as always). */
export async function wakeEndpointDeliveries(
  trx: TenantTransaction,
  endpointId: string,
): Promise<void> {
  await sql`
    update webhook_deliveries set next_attempt_at = now()
    where endpoint_id = ${endpointId}::uuid and status = 'pending' and next_attempt_at > now()`.execute(
    trx,
  );
}
