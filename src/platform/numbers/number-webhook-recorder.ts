import { E164_PATTERN } from '../../agents/provisioning-patterns.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { SwitchboardDatabase } from '../db/switchboard-database.js';
import type { Carrier } from './phone-numbers.js';

/** A carrier webhook that arrived for a number, and whether its signature verified. */
export interface NumberWebhook {
  readonly carrier: Carrier;
  /** E.164, as the webhook named it. */
  readonly number: string;
  readonly signed: boolean;
  readonly at: Date;
}

/**
 * Stores when the last webhook for a number arrived and whether it was signed (the number's
 * `lastWebhookAt` / `lastWebhookSigned`). Matches the number and its carrier installation-wide,
 * since the webhook arrives before its organisation is known; an unknown number changes nothing.
 * A report older than the stored one is ignored, so writes finishing out of order do no harm.
 *
 * @returns whether a number was updated
 */
export async function recordNumberWebhook(
  database: SwitchboardDatabase,
  webhook: NumberWebhook,
): Promise<boolean> {
  const result = await database.asSystem('routing', (db) =>
    db
      .updateTable('phone_numbers')
      .set({ last_webhook_at: webhook.at, last_webhook_signed: webhook.signed })
      .where('number', '=', webhook.number)
      .where('carrier', '=', webhook.carrier)
      .where((eb) =>
        eb.or([eb('last_webhook_at', 'is', null), eb('last_webhook_at', '<=', webhook.at)]),
      )
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > 0n;
}

export interface NumberWebhookRecorderOptions {
  readonly database: SwitchboardDatabase;
  readonly logger?: Logger;
  /** At most one write per number in this many milliseconds (default 5000). */
  readonly minIntervalMs?: number;
  /** Writes waiting beyond this many are dropped, with a warning (default 1000). */
  readonly maxQueued?: number;
}

/** Records webhooks off the request path; see {@link createNumberWebhookRecorder}. */
export interface NumberWebhookRecorder {
  /** Notes a webhook; returns at once. Numbers that are not E.164 are ignored. */
  record(webhook: Omit<NumberWebhook, 'at'>): void;
  /** Writes what is waiting now (including held-back reports) and resolves when it is stored. */
  flush(): Promise<void>;
  /** Stops recording; held-back reports are dropped, a write under way is awaited. */
  close(): Promise<void>;
  /** Updates issued so far (monitoring and tests). */
  readonly writes: number;
}

interface NumberState {
  writtenAt: number;
  /** The latest report since the last write, written when the interval is over. */
  heldBack?: NumberWebhook;
  timer?: NodeJS.Timeout;
}

/** Past this many numbers, the ones whose interval is over are forgotten. */
const MAX_REMEMBERED_NUMBERS = 10_000;

/**
 * Turns carrier webhook reports into `recordNumberWebhook` writes without touching the call path:
 * `record` only queues, one write runs at a time, and failures are logged. Each number is written
 * at most once per `minIntervalMs`: the first report at once, the latest of any that follow within
 * the interval at its end, so the stored state is never staler than one interval (a forged
 * webhook right after a signed one still shows).
 *
 * @example
 * const recorder = createNumberWebhookRecorder({ database, logger });
 * createTwilioRoutes({ ..., onWebhookChecked: (check) => recorder.record(check) });
 */
export function createNumberWebhookRecorder(
  options: NumberWebhookRecorderOptions,
): NumberWebhookRecorder {
  const { database } = options;
  const logger = options.logger ?? silentLogger;
  const minIntervalMs = options.minIntervalMs ?? 5000;
  const maxQueued = options.maxQueued ?? 1000;
  const states = new Map<string, NumberState>();
  const queue: NumberWebhook[] = [];
  let draining: Promise<void> | undefined;
  let writes = 0;
  let closed = false;
  let dropWarned = false;

  async function drain(): Promise<void> {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      writes += 1;
      try {
        await recordNumberWebhook(database, next);
      } catch (error) {
        logger.warn({ err: error, carrier: next.carrier }, 'recording a number webhook failed');
      }
    }
    dropWarned = false;
  }

  function enqueue(webhook: NumberWebhook): void {
    if (queue.length >= maxQueued) {
      if (!dropWarned) logger.warn({ maxQueued }, 'number webhook writes are behind; dropping');
      dropWarned = true;
      return;
    }
    queue.push(webhook);
    draining ??= drain().finally(() => {
      draining = undefined;
    });
  }

  function writeHeldBack(state: NumberState): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    const heldBack = state.heldBack;
    state.heldBack = undefined;
    if (heldBack === undefined) return;
    state.writtenAt = Date.now();
    enqueue(heldBack);
  }

  function forgetIdleNumbers(now: number): void {
    for (const [key, state] of states) {
      if (state.timer === undefined && now - state.writtenAt >= minIntervalMs) states.delete(key);
    }
  }

  return {
    record({ carrier, number, signed }) {
      if (closed || !E164_PATTERN.test(number)) return;
      const now = Date.now();
      const webhook: NumberWebhook = { carrier, number, signed, at: new Date(now) };
      const key = `${carrier} ${number}`;
      const state = states.get(key);
      if (state === undefined || now - state.writtenAt >= minIntervalMs) {
        // A held-back report is older than this one, which replaces it.
        if (state !== undefined) clearTimeout(state.timer);
        if (states.size >= MAX_REMEMBERED_NUMBERS) forgetIdleNumbers(now);
        states.set(key, { writtenAt: now });
        enqueue(webhook);
        return;
      }
      state.heldBack = webhook;
      if (state.timer === undefined) {
        state.timer = setTimeout(() => writeHeldBack(state), state.writtenAt + minIntervalMs - now);
        state.timer.unref();
      }
    },
    async flush() {
      for (const state of states.values()) if (state.heldBack !== undefined) writeHeldBack(state);
      while (draining !== undefined) await draining;
    },
    async close() {
      closed = true;
      for (const state of states.values()) clearTimeout(state.timer);
      states.clear();
      while (draining !== undefined) await draining;
    },
    get writes() {
      return writes;
    },
  };
}
