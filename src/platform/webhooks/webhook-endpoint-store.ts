import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { WebhookEndpointsTable } from '../db/database-schema.js';
import type { TenantTransaction } from '../db/switchboard-database.js';
import type { SecretBox } from '../tenancy/secret-box.js';
import { signalDeliveriesQueued } from './deliveries-queued.js';
import { parkEndpointDeliveries, wakeEndpointDeliveries } from './record-attempt-results.js';
import type { WebhookEventType } from './webhook-event-types.js';

/** An endpoint as the API shows it (the secret only on creation and on request). */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  readonly events: WebhookEventType[];
  readonly active: boolean;
  readonly pausedAt: string | null;
  readonly pauseReason: string | null;
  readonly consecutiveFailures: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The associated data an endpoint's secret is sealed with: it opens only for its organisation. */
export function endpointSecretContext(orgId: string): string {
  return `webhook-endpoint:${orgId}`;
}

/** A fresh signing secret: `whsec_` and 32 random bytes, base64url. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function toEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    active: row.active,
    pausedAt: row.paused_at?.toISOString() ?? null,
    pauseReason: row.pause_reason,
    consecutiveFailures: row.consecutive_failures,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function createWebhookEndpoint(
  trx: TenantTransaction,
  secrets: SecretBox,
  orgId: string,
  input: {
    readonly url: string;
    readonly events: readonly WebhookEventType[];
    readonly description?: string | null;
    readonly active?: boolean;
  },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const secret = newEndpointSecret();
  const row = await trx
    .insertInto('webhook_endpoints')
    .values({
      org_id: orgId,
      url: input.url,
      description: input.description ?? null,
      events: [...new Set(input.events)],
      secret_ciphertext: secrets.seal(secret, endpointSecretContext(orgId)),
      active: input.active ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { endpoint: toEndpoint(row), secret };
}

export async function listWebhookEndpoints(trx: TenantTransaction): Promise<WebhookEndpoint[]> {
  const rows = await trx
    .selectFrom('webhook_endpoints')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toEndpoint);
}

export async function getWebhookEndpoint(
  trx: TenantTransaction,
  id: string,
): Promise<WebhookEndpoint | undefined> {
  const row = await trx
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toEndpoint(row);
}

/**
 * Changes an endpoint. Setting `active: true` also resumes a paused endpoint: its run of failures
 * starts again from zero and its waiting deliveries go out.
 */
export async function updateWebhookEndpoint(
  trx: TenantTransaction,
  id: string,
  patch: {
    readonly url?: string;
    readonly events?: readonly WebhookEventType[];
    readonly description?: string | null;
    readonly active?: boolean;
  },
): Promise<WebhookEndpoint | undefined> {
  // Deliveries before the endpoint row: the dispatcher locks in that order too (an attempt's
  // delivery, then its endpoint's failure count), so the two cannot wait on each other.
  if (patch.active === true) await wakeEndpointDeliveries(trx, id);
  else if (patch.active === false) await parkEndpointDeliveries(trx, [id]);
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.active === true
        ? { paused_at: null, pause_reason: null, consecutive_failures: 0 }
        : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (patch.active === true) signalDeliveriesQueued(trx);
  return toEndpoint(row);
}

export async function deleteWebhookEndpoint(trx: TenantTransaction, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The endpoint's signing secret, decrypted; `rotate` replaces it first. */
export async function revealEndpointSecret(
  trx: TenantTransaction,
  secrets: SecretBox,
  orgId: string,
  id: string,
  rotate: boolean,
): Promise<string | undefined> {
  if (rotate) {
    const secret = newEndpointSecret();
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({
        secret_ciphertext: secrets.seal(secret, endpointSecretContext(orgId)),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    return row === undefined ? undefined : secret;
  }
  const row = await trx
    .selectFrom('webhook_endpoints')
    .select('secret_ciphertext')
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : secrets.open(row.secret_ciphertext, endpointSecretContext(orgId));
}
