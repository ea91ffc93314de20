import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import type { EmailDelivery } from './email-delivery.js';
import { toMailOptions } from './email-delivery.js';

/**
 * Without SMTP, each email is composed exactly as it would go on the wire (RFC 5322, CRLF) and
 * written to `<outboxDir>/<orgId>/<id>.eml`: through a temporary name and a rename, so a reader
 * never sees half a file and a crash leaves no truncated message behind.
 */
export function createOutboxDelivery(outboxDir: string, from: string): EmailDelivery {
  const root = resolve(outboxDir);
  const composer = createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  return {
    transport: 'outbox',
    async deliver(email) {
      const info = await composer.sendMail(toMailOptions(email, from));
      if (!Buffer.isBuffer(info.message)) {
        throw new SwitchboardError('email outbox: the composer returned no message', {
          code: 'email_compose_failed',
        });
      }
      const folder = join(root, email.orgId);
      const path = join(folder, `${email.id}.eml`);
      const temporary = join(folder, `.${randomUUID()}.partial`);
      try {
        await mkdir(folder, { recursive: true });
        await writeFile(temporary, info.message, { mode: 0o640 });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw new SwitchboardError(`email outbox: could not write to ${folder}`, {
          code: 'email_outbox_failed',
          retryable: true,
          cause: error,
        });
      }
      return {
        transport: 'outbox',
        messageId: info.messageId,
        path,
        accepted: [...email.to],
        rejected: [],
      };
    },
    close() {
      composer.close();
    },
  };
}
