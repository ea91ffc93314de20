import type { SendMailOptions } from 'nodemailer/lib/mailer';
import type { OutgoingEmail, SentEmail } from './email-sender.js';

/** One way of getting a composed email out: SMTP or the outbox folder. */
export interface EmailDelivery {
  readonly transport: 'smtp' | 'outbox';
  deliver(email: OutgoingEmail): Promise<SentEmail>;
  close(): void;
}

/** The Message-ID of an email: derived from our id, so a retried send carries the same one. */
export function messageIdOf(email: OutgoingEmail): string {
  return `<${email.id}@switchboard>`;
}

/** nodemailer's message options; file and URL access stay off, as no content is ever fetched. */
export function toMailOptions(email: OutgoingEmail, from: string): SendMailOptions {
  return {
    from,
    to: [...email.to],
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: messageIdOf(email),
    headers: { 'X-Switchboard-Email-Id': email.id },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** nodemailer reports addresses as strings or `{ name, address }`; we keep the address. */
export function toAddressList(values: readonly unknown[] | undefined): string[] {
  return (values ?? []).map((value) =>
    typeof value === 'object' && value !== null && 'address' in value
      ? String(value.address)
      : String(value),
  );
}
