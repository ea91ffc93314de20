import { createTransport } from 'nodemailer';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import type { EmailDelivery } from './email-delivery.js';
import { toAddressList, toMailOptions } from './email-delivery.js';
import { redactSecret, type SmtpServerSettings } from './smtp-url.js';

/** Long enough for a slow relay, short enough that a dead one fails a job instead of hanging it. */
const CONNECTION_TIMEOUT_MS = 15_000;
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 20_000;

function readProperty(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function describeCode(code: unknown): { code: string; what: string } {
  switch (code) {
    case 'EAUTH':
      return {
        code: 'email_auth_failed',
        what: 'the server refused the login (check the user and password)',
      };
    case 'EENVELOPE':
      return { code: 'email_rejected', what: 'the server rejected the sender or every recipient' };
    case 'EMESSAGE':
      return { code: 'email_rejected', what: 'the server rejected the message' };
    case 'ETIMEDOUT':
      return { code: 'email_unavailable', what: 'the server did not answer in time' };
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return { code: 'email_unavailable', what: 'could not reach the server' };
    case 'ETLS':
      return { code: 'email_unavailable', what: 'the TLS handshake failed' };
    default:
      return { code: 'email_failed', what: 'sending failed' };
  }
}

/**
 * Turns whatever nodemailer threw into one SwitchboardError naming SMTP_URL's host. The password
 * is scrubbed from the server's reply, and so are addresses (servers echo recipients).
 */
function toSmtpError(error: unknown, settings: SmtpServerSettings): SwitchboardError {
  const response = readProperty(error, 'response');
  const responseCode = readProperty(error, 'responseCode');
  const detail =
    typeof response === 'string' && response !== ''
      ? response
      : error instanceof Error
        ? error.message
        : String(error);
  const cleaned = redactSecret(detail, settings.auth?.pass)
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
  const { code, what } = describeCode(readProperty(error, 'code'));
  const retryable =
    typeof responseCode === 'number'
      ? responseCode < 500
      : code === 'email_unavailable' || code === 'email_failed';
  return new SwitchboardError(
    `SMTP_URL: could not send email through ${settings.server}: ${what} (${cleaned})`,
    {
      code,
      retryable,
      cause: error,
    },
  );
}

/** Sends through one pooled SMTP connection set, reused across emails. */
export function createSmtpDelivery(settings: SmtpServerSettings, from: string): EmailDelivery {
  const transporter = createTransport({
    pool: true,
    maxConnections: 2,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.auth,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    logger: false,
  });
  return {
    transport: 'smtp',
    async deliver(email) {
      let info;
      try {
        info = await transporter.sendMail(toMailOptions(email, from));
      } catch (error) {
        throw toSmtpError(error, settings);
      }
      const accepted = toAddressList(info.accepted);
      // nodemailer already fails when the server refuses every recipient; this keeps it so.
      if (accepted.length === 0) {
        throw new SwitchboardError(
          `SMTP_URL: could not send email through ${settings.server}: the server accepted no recipient`,
          { code: 'email_rejected' },
        );
      }
      return {
        transport: 'smtp',
        messageId: info.messageId,
        accepted,
        rejected: toAddressList(info.rejected),
      };
    },
    close() {
      transporter.close();
    },
  };
}
