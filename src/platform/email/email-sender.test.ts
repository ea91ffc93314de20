import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config-error.js';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { createLogger } from '../../logging/logger.js';
import { startFakeSmtpServer } from '../../testing/smtp/index.js';
import { createEmailSender, type EmailSender, type OutgoingEmail } from './email-sender.js';
import { renderSummaryEmail } from './render-summary-email.js';
import { sampleSummaryEmailInput } from './summary-email-fixture.js';

const FROM = 'Switchboard <calls@switchboard.example.com>';
let outboxDir: string;

beforeAll(async () => {
  outboxDir = await mkdtemp(join(tmpdir(), 'email-outbox-'));
});
afterAll(async () => {
  await rm(outboxDir, { recursive: true, force: true });
});

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    id: randomUUID(),
    orgId: 'org_1',
    to: ['owner@acme.example.com'],
    ...renderSummaryEmail(sampleSummaryEmailInput()),
    ...overrides,
  };
}

/** A logger whose lines the test can read back. */
function capturedLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination, redactPii: true }) };
}

async function expectRejection(promise: Promise<unknown>): Promise<SwitchboardError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(SwitchboardError.isInstance(error)).toBe(true);
  return error as SwitchboardError;
}

describe('createEmailSender over SMTP', () => {
  it('delivers a multipart message with a Message-ID derived from the email id', async () => {
    const smtp = await startFakeSmtpServer();
    const { lines, logger } = capturedLogger();
    const sender = createEmailSender({ smtpUrl: smtp.url, from: FROM, outboxDir, logger });
    try {
      expect(sender.transport).toBe('smtp');
      const outgoing = email({ to: ['owner@acme.example.com', 'desk@acme.example.com'] });
      const sent = await sender.send(outgoing);
      expect(sent).toEqual({
        transport: 'smtp',
        messageId: `<${outgoing.id}@switchboard>`,
        accepted: ['owner@acme.example.com', 'desk@acme.example.com'],
        rejected: [],
      });
      const [received] = await smtp.waitForMessages(1);
      expect(received).toMatchObject({
        envelopeFrom: 'calls@switchboard.example.com',
        envelopeTo: ['owner@acme.example.com', 'desk@acme.example.com'],
        subject: outgoing.subject,
        messageId: `<${outgoing.id}@switchboard>`,
      });
      expect(received?.html).toContain('Dana called to book an oil change');
      expect(received?.text).toContain('Dana called to book an oil change');
      // Personal data is only ever under `pii`, which the redacting logger blanks.
      const log = lines.join('');
      expect(log).toContain('"msg":"email sent"');
      expect(log).not.toContain('acme.example.com');
      expect(log).not.toContain('Booked oil change');
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('logs in when the server requires it, and names the host but never the password on failure', async () => {
    const smtp = await startFakeSmtpServer({
      requireAuth: { user: 'mailer', pass: 's3cr3t/pass' },
    });
    const good = createEmailSender({ smtpUrl: smtp.url, from: FROM, outboxDir });
    const wrongUrl = smtp.url.replace(encodeURIComponent('s3cr3t/pass'), 'wrong-hunter2');
    const bad = createEmailSender({ smtpUrl: wrongUrl, from: FROM, outboxDir });
    const anonymous = createEmailSender({
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      from: FROM,
      outboxDir,
    });
    try {
      await good.send(email());
      await smtp.waitForMessages(1);
      const error = await expectRejection(bad.send(email()));
      expect(error.code).toBe('email_auth_failed');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(
        `SMTP_URL: could not send email through 127.0.0.1:${smtp.port}`,
      );
      expect(error.message).toContain('535');
      expect(error.message).not.toContain('hunter2');
      const refused = await expectRejection(anonymous.send(email()));
      expect(refused.message).toContain(`127.0.0.1:${smtp.port}`);
      expect(smtp.messages).toHaveLength(1);
    } finally {
      good.close();
      bad.close();
      anonymous.close();
      await smtp.close();
    }
  });

  it('reports rejected recipients, and fails when every recipient is rejected', async () => {
    const smtp = await startFakeSmtpServer({
      rejectRecipients: (address) => address.startsWith('gone@'),
    });
    const sender = createEmailSender({ smtpUrl: smtp.url, from: FROM, outboxDir });
    try {
      const sent = await sender.send(
        email({ to: ['owner@acme.example.com', 'gone@acme.example.com'] }),
      );
      expect(sent.accepted).toEqual(['owner@acme.example.com']);
      expect(sent.rejected).toEqual(['gone@acme.example.com']);
      const [received] = await smtp.waitForMessages(1);
      expect(received?.envelopeTo).toEqual(['owner@acme.example.com']);

      const error = await expectRejection(sender.send(email({ to: ['gone@acme.example.com'] })));
      expect(error.code).toBe('email_rejected');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('rejected the sender or every recipient');
      expect(error.message).not.toContain('gone@');
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('rejects a send the server answers with 451, and a later send of the same email succeeds', async () => {
    const smtp = await startFakeSmtpServer({ failNext: 1 });
    const sender = createEmailSender({ smtpUrl: smtp.url, from: FROM, outboxDir });
    try {
      const outgoing = email();
      const error = await expectRejection(sender.send(outgoing));
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(`127.0.0.1:${smtp.port}`);
      expect(error.message).toContain('451');
      expect(smtp.messages).toHaveLength(0);

      const sent = await sender.send(outgoing);
      expect(sent.messageId).toBe(`<${outgoing.id}@switchboard>`);
      const [received] = await smtp.waitForMessages(1);
      expect(received?.messageId).toBe(`<${outgoing.id}@switchboard>`);
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('fails quickly with a clear error when nothing listens', async () => {
    const smtp = await startFakeSmtpServer();
    const url = smtp.url;
    await smtp.close();
    const sender = createEmailSender({ smtpUrl: url, from: FROM, outboxDir });
    try {
      const error = await expectRejection(sender.send(email()));
      expect(error.code).toBe('email_unavailable');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('could not reach the server');
    } finally {
      sender.close();
    }
  });
});

describe('createEmailSender without SMTP', () => {
  it('writes a complete multipart .eml file per email into the outbox', async () => {
    const sender: EmailSender = createEmailSender({ from: FROM, outboxDir });
    expect(sender.transport).toBe('outbox');
    const outgoing = email({ orgId: 'org_outbox' });
    const sent = await sender.send(outgoing);
    expect(sent).toEqual({
      transport: 'outbox',
      messageId: `<${outgoing.id}@switchboard>`,
      path: join(outboxDir, 'org_outbox', `${outgoing.id}.eml`),
      accepted: ['owner@acme.example.com'],
      rejected: [],
    });
    // No temporary file is left beside it.
    expect(await readdir(join(outboxDir, 'org_outbox'))).toEqual([`${outgoing.id}.eml`]);
    const raw = await readFile(sent.path!);
    expect(raw.toString('latin1')).toMatch(/\r\n\r\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(`<${outgoing.id}@switchboard>`);
    expect(parsed.subject).toBe(outgoing.subject);
    expect(parsed.from?.text).toContain('calls@switchboard.example.com');
    expect(parsed.html).toBe(outgoing.html);
    expect(parsed.text).toContain('Open the call: https://switchboard.example.com/calls/');
    sender.close();
    sender.close();
    await expect(sender.send(email())).rejects.toThrow('the sender is closed');
  });

  it('treats an empty SMTP_URL as unset', () => {
    expect(createEmailSender({ smtpUrl: '  ', from: FROM, outboxDir }).transport).toBe('outbox');
  });

  it('refuses ids that could escape the outbox folder, and emails without recipients', async () => {
    const sender = createEmailSender({ from: FROM, outboxDir });
    for (const bad of [{ orgId: '../etc' }, { id: 'a/b' }, { id: '' }, { to: [] }]) {
      const error = await expectRejection(sender.send(email(bad)));
      expect(error.code).toBe('invalid_email');
    }
  });
});

describe('createEmailSender configuration', () => {
  it('refuses an invalid SMTP_URL at creation without showing the password', () => {
    expect(() =>
      createEmailSender({ smtpUrl: 'mailto:x:hunter2@y', from: FROM, outboxDir }),
    ).toThrow(ConfigError);
    expect(() =>
      createEmailSender({ smtpUrl: 'mailto:x:hunter2@y', from: FROM, outboxDir }),
    ).not.toThrow(/hunter2/);
    expect(() => createEmailSender({ from: 'nobody', outboxDir })).toThrow(/EMAIL_FROM/);
  });
});
