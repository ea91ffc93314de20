import type { HostLookup } from '../../agents/http-tools/index.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase, TenantTransaction } from '../db/switchboard-database.js';
import type { SecretBox } from '../tenancy/secret-box.js';
import { claimDueDeliveries, type ClaimedDelivery } from './claim-due-deliveries.js';
import { onDeliveriesQueued } from './deliveries-queued.js';
import {
  recordAttemptResults,
  recordSuccesses,
  type AttemptOutcome,
  type PausedEndpoint,
} from './record-attempt-results.js';
import { DEFAULT_RETRY_SCHEDULE, retryDelayMs, type RetrySchedule } from './retry-schedule.js';
import { sendWebhook, type WebhookAttemptResult } from './send-webhook.js';
import { endpointSecretContext } from './webhook-endpoint-store.js';

export interface WebhookDispatcherOptions {
  readonly database: SwitchboardDatabase;
  readonly secrets: SecretBox;
  readonly logger?: Logger;
  readonly allowPrivateNetworks: boolean;
  readonly schedule?: RetrySchedule;
  /** Per-attempt timeout (default 10 s). */
  readonly timeoutMs?: number;
  /** Consecutive failed attempts after which an endpoint is paused (default 20). */
  readonly pauseAfterFailures?: number;
  /** Requests in flight at once, all organisations together (default 128). */
  readonly maxInFlight?: number;
  /** Requests in flight at once for one organisation (default 48). */
  readonly perOrganizationLimit?: number;
  /** How often the table is looked at without a signal, for other processes' work and retries (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Runs in the transaction that paused an endpoint: how its owner gets told. */
  readonly onEndpointPaused?: (trx: TenantTransaction, paused: PausedEndpoint) => Promise<void>;
  readonly lookup?: HostLookup;
}

interface Flight {
  readonly delivery: ClaimedDelivery;
}

/**
 * Sends pending webhook deliveries: leases due ones, posts them concurrently, and writes the
 * outcomes in batches. It wakes when this process commits new deliveries, when a batch of
 * outcomes makes the next event of a subject due, and on a short poll for everything else
 * (retries coming due, other processes' events). Stopping lets requests in flight finish and
 * records them; a process that dies instead leaves leases that simply expire.
 */
export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  readonly #logger: Logger;
  readonly #schedule: RetrySchedule;
  readonly #timeoutMs: number;
  readonly #inFlight = new Map<string, Flight>();
  readonly #inFlightByOrg = new Map<string, number>();
  readonly #secrets = new Map<string, string>();
  #outcomes: AttemptOutcome[] = [];
  #claiming: Promise<void> | undefined;
  #claimAgain = false;
  #flushing: Promise<void> | undefined;
  #poll: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | undefined;
  #stopped = true;
  #claims = 0;
  #idle: (() => void)[] = [];

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options;
    this.#logger = (options.logger ?? silentLogger).child({ component: 'webhook-dispatcher' });
    this.#schedule = options.schedule ?? DEFAULT_RETRY_SCHEDULE;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Claim queries run so far (the benchmark reports it). */
  get claims(): number {
    return this.#claims;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unsubscribe = onDeliveriesQueued(() => this.wake());
    this.#poll = setInterval(() => this.wake(), this.#options.pollIntervalMs ?? 500);
    this.#poll.unref();
    this.wake();
  }

  /** Looks for due deliveries now. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#claiming !== undefined) {
      this.#claimAgain = true;
      return;
    }
    this.#claiming = this.#claimLoop().finally(() => {
      this.#claiming = undefined;
      this.#notifyIdle();
    });
  }

  /** Stops claiming, lets requests in flight finish and writes their outcomes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    if (this.#poll !== undefined) clearInterval(this.#poll);
    await this.#claiming;
    while (this.#inFlight.size > 0 || this.#flushing !== undefined || this.#outcomes.length > 0) {
      await new Promise<void>((resolve) => this.#idle.push(resolve));
    }
  }

  async #claimLoop(): Promise<void> {
    do {
      this.#claimAgain = false;
      const room = (this.#options.maxInFlight ?? 128) - this.#inFlight.size;
      if (room <= 0) return;
      const perOrganization = this.#options.perOrganizationLimit ?? 48;
      const busyOrgs = [...this.#inFlightByOrg]
        .filter(([, count]) => count >= perOrganization)
        .map(([orgId]) => orgId);
      let claimed: ClaimedDelivery[];
      this.#claims += 1;
      try {
        claimed = await this.#options.database.asSystem('jobs', (db) =>
          claimDueDeliveries(db, {
            limit: room,
            perOrganization,
            busyOrgs,
            leaseMs: this.#timeoutMs + 5_000,
          }),
        );
      } catch (error) {
        this.#logger.warn({ err: error }, 'webhook deliveries could not be claimed; will retry');
        return;
      }
      for (const delivery of claimed) this.#send(delivery);
      if (claimed.length === room) this.#claimAgain = true;
    } while (this.#claimAgain && !this.#stopped);
  }

  #send(delivery: ClaimedDelivery): void {
    this.#inFlight.set(delivery.id, { delivery });
    this.#inFlightByOrg.set(delivery.orgId, (this.#inFlightByOrg.get(delivery.orgId) ?? 0) + 1);
    void this.#attempt(delivery).then((result) => {
      const retryInMs = result.ok ? undefined : retryDelayMs(this.#schedule, delivery.attempt);
      if (!result.ok) {
        this.#logger.info(
          {
            orgId: delivery.orgId,
            deliveryId: delivery.id,
            eventType: delivery.eventType,
            attempt: delivery.attempt,
            statusCode: result.statusCode,
            error: result.error,
            retryInMs: retryInMs ?? null,
          },
          retryInMs === undefined
            ? 'webhook delivery failed for the last time; dead-lettered'
            : 'webhook delivery failed; will retry',
        );
      }
      this.#outcomes.push({ delivery, result, retryInMs });
      this.#flush();
    });
  }

  async #attempt(delivery: ClaimedDelivery): Promise<WebhookAttemptResult> {
    let secret: string;
    try {
      secret = this.#secretOf(delivery);
    } catch (_error) {
      return {
        ok: false,
        statusCode: null,
        startedAt: new Date(),
        latencyMs: 0,
        responseExcerpt: null,
        error: 'the endpoint secret cannot be decrypted with this installation key',
      };
    }
    const body = JSON.stringify({
      id: delivery.eventId,
      type: delivery.eventType,
      createdAt: delivery.eventCreatedAt.toISOString(),
      organizationId: delivery.orgId,
      data: delivery.payload,
    });
    return sendWebhook({
      url: delivery.url,
      secret,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      body,
      timeoutMs: this.#timeoutMs,
      allowPrivateNetworks: this.#options.allowPrivateNetworks,
      ...(this.#options.lookup !== undefined ? { lookup: this.#options.lookup } : {}),
    });
  }

  #secretOf(delivery: ClaimedDelivery): string {
    const cached = this.#secrets.get(delivery.secretCiphertext);
    if (cached !== undefined) return cached;
    const secret = this.#options.secrets.open(
      delivery.secretCiphertext,
      endpointSecretContext(delivery.orgId),
    );
    if (this.#secrets.size > 1_000) this.#secrets.clear();
    this.#secrets.set(delivery.secretCiphertext, secret);
    return secret;
  }

  // One write at a time; outcomes that arrive meanwhile go in the next batch together.
  #flush(): void {
    if (this.#flushing !== undefined || this.#outcomes.length === 0) return;
    const batch = this.#outcomes;
    this.#outcomes = [];
    this.#flushing = this.#write(batch).finally(() => {
      this.#flushing = undefined;
      this.#flush();
      this.#notifyIdle();
    });
  }

  async #write(batch: AttemptOutcome[]): Promise<void> {
    const pauseAfter = this.#options.pauseAfterFailures ?? 20;
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (batch.every(({ result }) => result.ok)) {
          await this.#options.database.asSystem('jobs', (db) => recordSuccesses(db, batch));
          break;
        }
        await this.#options.database.transaction('jobs', async (trx) => {
          const paused = await recordAttemptResults(trx, batch, pauseAfter);
          for (const endpoint of paused) {
            this.#logger.warn(
              {
                orgId: endpoint.orgId,
                endpointId: endpoint.endpointId,
                consecutiveFailures: endpoint.consecutiveFailures,
              },
              'webhook endpoint paused after consecutive failures',
            );
            await this.#options.onEndpointPaused?.(trx, endpoint);
          }
        });
        break;
      } catch (error) {
        // The leases keep these deliveries from being sent twice while we retry the write; if the
        // database stays away longer than a lease, they are sent again (at least once, in order).
        if (attempt >= 5 || this.#stopped) {
          this.#logger.error(
            { err: error, deliveries: batch.length },
            'webhook attempt outcomes could not be written; the deliveries will be retried',
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
    for (const { delivery } of batch) {
      this.#inFlight.delete(delivery.id);
      const count = (this.#inFlightByOrg.get(delivery.orgId) ?? 1) - 1;
      if (count <= 0) this.#inFlightByOrg.delete(delivery.orgId);
      else this.#inFlightByOrg.set(delivery.orgId, count);
    }
    // A delivered head makes the next event of its subject due right away.
    this.wake();
  }

  #notifyIdle(): void {
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }
}
