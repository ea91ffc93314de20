import type { ToolContext } from '../../../engine/tool.js';
import { silentLogger, type Logger } from '../../../logging/logger.js';
import type { SwitchboardDatabase, TenantTransaction } from '../../db/switchboard-database.js';
import { toE164 } from '../../numbers/phone-numbers.js';
import { BookingNotFoundError } from '../store/index.js';

/** Options of createBookingToolFactory, shared by every booking tool of one call. */
export interface BookingToolFactoryOptions {
  readonly database: SwitchboardDatabase;
  /** The organisation the call belongs to; the tools cannot see any other. */
  readonly orgId: string;
  /** The call's id; bookings record it when the call is on file. */
  readonly callId: string;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Minimum notice before an offered slot, in minutes. Default 30. */
  readonly leadTimeMinutes?: number;
}

/**
 * What the booking tools of one call share: the organisation's database door and the customers
 * established during the call. A customer counts as the caller's when their phone is the caller's
 * number (caller ID, as E.164), or when this call established them: lookup_customer found them
 * (by caller ID or by a number the caller said) or book_appointment created them. Booking for,
 * listing, cancelling and rescheduling appointments of a customer requires that.
 */
export class BookingCallSession {
  readonly orgId: string;
  readonly callId: string;
  readonly logger: Logger;
  readonly leadTimeMinutes: number;
  readonly #database: SwitchboardDatabase;
  readonly #clock: () => Date;
  readonly #established = new Set<string>();

  constructor(options: BookingToolFactoryOptions) {
    this.orgId = options.orgId;
    this.callId = options.callId;
    this.logger = options.logger ?? silentLogger;
    this.leadTimeMinutes = options.leadTimeMinutes ?? 30;
    this.#database = options.database;
    this.#clock = options.now ?? (() => new Date());
  }

  now(): Date {
    return this.#clock();
  }

  /** Runs `work` in a transaction confined to the call's organisation. */
  run<T>(work: (trx: TenantTransaction) => Promise<T>): Promise<T> {
    return this.#database.forOrganization(this.orgId, work);
  }

  /** The caller's number as E.164, or undefined (withheld, a SIP URI, not a phone number). */
  callerPhone(context: ToolContext): string | undefined {
    try {
      return toE164(context.from, 'US');
    } catch (_error) {
      return undefined;
    }
  }

  /** Marks customers as identified during this call. */
  establish(customerIds: Iterable<string>): void {
    for (const id of customerIds) this.#established.add(id);
  }

  /** Ids of the customers established so far. */
  establishedCustomerIds(): string[] {
    return [...this.#established];
  }

  /** True when the tools may act for this customer (see the class comment). */
  isCallersCustomer(customer: { id: string; phone: string | null }, context: ToolContext): boolean {
    if (this.#established.has(customer.id)) return true;
    const caller = this.callerPhone(context);
    return caller !== undefined && customer.phone === caller;
  }

  /** The organisation's IANA time zone. */
  async timeZone(trx: TenantTransaction): Promise<string> {
    const row = await trx
      .selectFrom('organizations')
      .select('time_zone')
      .where('id', '=', this.orgId)
      .executeTakeFirst();
    if (row === undefined) throw new BookingNotFoundError('organization', this.orgId);
    return row.time_zone;
  }
}
