import { ConfigError } from '../../errors/config-error.js';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { EmailDelivery } from './email-delivery.js';
import { createOutboxDelivery } from './outbox-delivery.js';
import { createSmtpDelivery } from './smtp-delivery.js';
import { parseSmtpUrl } from './smtp-url.js';

/** One email to send. `id` is ours (a UUID): it names the outbox file and makes the Message-ID. */
export interface OutgoingEmail {
  readonly id: string;
  readonly orgId: string;
  readonly to: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** What became of a sent email. */
export interface SentEmail {
  readonly transport: 'smtp' | 'outbox';
  /** `<id@switchboard>`: the same on every retry of one email. */
  readonly messageId: string;
  /** Outbox only: the `.eml` file written. */
  readonly path?: string;
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
}

/** Sends emails through SMTP, or into the outbox folder when no SMTP server is configured. */
export interface EmailSender {
  readonly transport: 'smtp' | 'outbox';
  /** Rejects with a SwitchboardError (`retryable` set for 4xx replies and network failures). */
  send(email: OutgoingEmail): Promise<SentEmail>;
  /** Closes pooled connections; idempotent. */
  close(): void;
}

/** Settings of {@link createEmailSender}. */
export interface EmailSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://user:pass@host:465`; empty or absent → outbox. */
  readonly smtpUrl?: string;
  /** The From header, `Switchboard <calls@example.com>`. */
  readonly from: string;
  /** Where emails go without SMTP: `<outboxDir>/<orgId>/<id>.eml`. */
  readonly outboxDir: string;
  readonly logger?: Logger;
}

/** Ids become file names and Message-IDs, so they are held to a safe alphabet. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function assertSendable(email: OutgoingEmail): void {
  const problem = !SAFE_ID.test(email.id)
    ? 'its id must be letters, digits, "-" or "_" (a UUID)'
    : !SAFE_ID.test(email.orgId)
      ? 'its orgId must be letters, digits, "-" or "_"'
      : email.to.length === 0
        ? 'it has no recipient'
        : undefined;
  if (problem !== undefined) {
    throw new SwitchboardError(`email: cannot send, ${problem}`, { code: 'invalid_email' });
  }
}

/**
 * Creates the sender. With `smtpUrl` it sends through a pooled SMTP connection (timeouts of
 * 15–20 s, so a dead server fails the send rather than hanging it); without, it writes each email
 * as a complete `.eml` file to the outbox folder, so nothing silently disappears. An invalid
 * `smtpUrl` throws ConfigError('SMTP_URL') here, never echoing the password.
 *
 * @example
 * const sender = createEmailSender({ smtpUrl: process.env.SMTP_URL, from: 'Switchboard <calls@example.com>', outboxDir: 'data/outbox' });
 * await sender.send({ id: randomUUID(), orgId, to: ['owner@example.com'], ...renderSummaryEmail(input) });
 */
export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const logger = options.logger ?? silentLogger;
  if (!/@/.test(options.from) || /[\r\n]/.test(options.from)) {
    throw new ConfigError(
      'EMAIL_FROM',
      'must be an address such as "Switchboard <calls@example.com>"',
    );
  }
  const smtpUrl = options.smtpUrl?.trim() ?? '';
  const delivery: EmailDelivery =
    smtpUrl === ''
      ? createOutboxDelivery(options.outboxDir, options.from)
      : createSmtpDelivery(parseSmtpUrl(smtpUrl), options.from);
  let closed = false;

  return {
    transport: delivery.transport,
    async send(email) {
      if (closed)
        throw new SwitchboardError('email: the sender is closed', { code: 'sender_closed' });
      assertSendable(email);
      const attributes = { emailId: email.id, orgId: email.orgId, transport: delivery.transport };
      try {
        const sent = await delivery.deliver(email);
        if (sent.rejected.length > 0) {
          logger.warn(
            {
              ...attributes,
              rejectedCount: sent.rejected.length,
              pii: { rejected: sent.rejected },
            },
            'email recipients rejected',
          );
        }
        logger.info(
          {
            ...attributes,
            messageId: sent.messageId,
            acceptedCount: sent.accepted.length,
            pii: { to: email.to, subject: email.subject },
          },
          'email sent',
        );
        return sent;
      } catch (error) {
        const failure = SwitchboardError.isInstance(error)
          ? error
          : new SwitchboardError('email: sending failed', { code: 'email_failed', cause: error });
        logger.warn(
          {
            ...attributes,
            code: failure.code,
            retryable: failure.retryable,
            error: failure.message,
            pii: { to: email.to },
          },
          'email not sent',
        );
        throw failure;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      delivery.close();
    },
  };
}
