import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import type { SwitchboardDatabase } from '../platform/db/switchboard-database.js';
import { loadCarrierAccounts } from '../platform/tenancy/provider-credentials.js';
import type { SecretBox } from '../platform/tenancy/secret-box.js';
import type { TwilioCarrier } from '../telephony/twilio/index.js';

interface AccountSecret {
  readonly authToken: string;
  readonly signingKey?: string;
}

/** How often stored accounts are re-read, so another server's API changes reach this one. */
const REFRESH_MS = 60_000;

/**
 * The carrier accounts whose webhooks this server accepts: the environment's own, plus every
 * organisation's stored ones. Signature checks are synchronous, so the accounts are held in
 * memory and re-read when the API changes them (and every minute).
 */
export class CarrierAccounts {
  readonly #environment = new Map<string, AccountSecret>();
  #stored = new Map<string, AccountSecret>();
  readonly #database: SwitchboardDatabase;
  readonly #secrets: SecretBox;
  readonly #logger: Logger;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    config: AppConfig,
    database: SwitchboardDatabase,
    secrets: SecretBox,
    logger: Logger,
  ) {
    this.#database = database;
    this.#secrets = secrets;
    this.#logger = logger;
    if (config.twilio !== undefined) {
      this.#environment.set(key('twilio', config.twilio.accountSid), {
        authToken: config.twilio.authToken,
      });
    }
    if (config.signalwire !== undefined) {
      this.#environment.set(key('signalwire', config.signalwire.projectId), {
        authToken: config.signalwire.apiToken,
        signingKey: config.signalwire.signingKey,
      });
    }
  }

  async start(): Promise<void> {
    await this.refresh();
    this.#timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async refresh(): Promise<void> {
    try {
      const accounts = await loadCarrierAccounts(this.#database, this.#secrets);
      this.#stored = new Map(
        accounts.map((account) => [
          key(account.carrier, account.accountId),
          {
            authToken: account.authToken,
            ...(account.signingKey !== undefined ? { signingKey: account.signingKey } : {}),
          },
        ]),
      );
    } catch (error) {
      this.#logger.error(
        { err: error },
        'could not load stored carrier accounts; keeping the previous list',
      );
    }
  }

  /** The secret that signs `accountId`'s webhooks on `carrier`; the environment's wins. */
  resolve(carrier: TwilioCarrier, accountId: string): AccountSecret | undefined {
    return (
      this.#environment.get(key(carrier, accountId)) ?? this.#stored.get(key(carrier, accountId))
    );
  }

  /** Whether any account of `carrier` is known (readiness). */
  has(carrier: TwilioCarrier): boolean {
    const prefix = `${carrier}:`;
    return [...this.#environment.keys(), ...this.#stored.keys()].some((name) =>
      name.startsWith(prefix),
    );
  }
}

function key(carrier: TwilioCarrier, accountId: string): string {
  return `${carrier}:${accountId}`;
}
