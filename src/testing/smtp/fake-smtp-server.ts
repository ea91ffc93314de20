import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** Settings of {@link startFakeSmtpServer}. */
export interface FakeSmtpOptions {
  /** Require AUTH (PLAIN or LOGIN) with these credentials; otherwise AUTH is optional and any login passes. */
  readonly requireAuth?: { readonly user: string; readonly pass: string };
  /** Recipients for which RCPT TO answers `550 5.1.1`. */
  readonly rejectRecipients?: (address: string) => boolean;
  /** Answer `451 4.3.0` to the next N messages (after reading them whole). */
  readonly failNext?: number;
  /** Delay before answering each message's DATA. */
  readonly latencyMs?: number;
}

/** One message the fake accepted, parsed. */
export interface ReceivedEmail {
  readonly envelopeFrom: string;
  readonly envelopeTo: string[];
  readonly subject: string;
  readonly html: string | null;
  readonly text: string | null;
  readonly messageId: string | null;
  /** The message exactly as received, after dot-unstuffing. */
  readonly raw: Buffer;
}

/** A running fake. */
export interface FakeSmtpServer {
  /** `smtp://user:pass@127.0.0.1:port` with requireAuth, else `smtp://127.0.0.1:port`. */
  readonly url: string;
  readonly port: number;
  /** Accepted messages in arrival order. */
  readonly messages: ReceivedEmail[];
  /** Resolves once `count` messages have arrived; rejects after `timeoutMs` (default 5000). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  /** Answers the next `count` messages with 451, on top of any already scheduled. */
  failNext(count: number): void;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseMessage(
  raw: Buffer,
  envelopeFrom: string,
  envelopeTo: string[],
): Promise<ReceivedEmail> {
  try {
    const parsed = await simpleParser(raw);
    return {
      envelopeFrom,
      envelopeTo,
      subject: parsed.subject ?? '',
      html: parsed.html === false ? null : parsed.html,
      text: parsed.text ?? null,
      messageId: parsed.messageId ?? null,
      raw,
    };
  } catch {
    // A message the parser cannot read is still a message the server accepted.
    return { envelopeFrom, envelopeTo, subject: '', html: null, text: null, messageId: null, raw };
  }
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a free port: plain text, no
 * STARTTLS, optional or required AUTH, scripted recipient rejections and 451 failures. Each
 * accepted message is parsed with mailparser. Used by tests and as a local mail catcher in demo
 * mode.
 *
 * @example
 * const smtp = await startFakeSmtpServer();
 * const sender = createEmailSender({ smtpUrl: smtp.url, from: 'calls@example.com', outboxDir });
 */
export async function startFakeSmtpServer(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const messages: ReceivedEmail[] = [];
  const waiters = new Set<() => void>();
  let failuresLeft = options.failNext ?? 0;
  const { requireAuth } = options;

  const server = new SMTPServer({
    name: 'fake-smtp.switchboard.test',
    disabledCommands: ['STARTTLS'],
    authOptional: requireAuth === undefined,
    allowInsecureAuth: true,
    closeTimeout: 500,
    // A reverse DNS lookup of 127.0.0.1 costs time and tells a test nothing.
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const valid =
        requireAuth === undefined ||
        (auth.username === requireAuth.user && auth.password === requireAuth.pass);
      if (valid) callback(null, { user: auth.username ?? 'anonymous' });
      else callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipients?.(address.address)) {
        callback(smtpError(550, '5.1.1 Mailbox unavailable'));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      void (async () => {
        const raw = await readAll(stream);
        if (options.latencyMs) await delay(options.latencyMs);
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          return;
        }
        const envelopeFrom =
          session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const envelopeTo = session.envelope.rcptTo.map((recipient) => recipient.address);
        messages.push(await parseMessage(raw, envelopeFrom, envelopeTo));
        for (const wake of waiters) wake();
        callback(null, 'OK: queued by the fake');
      })().catch((error: unknown) => {
        callback(smtpError(451, `4.3.0 ${error instanceof Error ? error.message : 'read failed'}`));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors on a client connection (a client that vanished) must not crash the test process.
  server.on('error', () => {});
  const { port } = server.server.address() as AddressInfo;
  const credentials =
    requireAuth === undefined
      ? ''
      : `${encodeURIComponent(requireAuth.user)}:${encodeURIComponent(requireAuth.pass)}@`;

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    waitForMessages(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(`fake SMTP: ${messages.length} of ${count} messages after ${timeoutMs} ms`),
          );
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    failNext(count) {
      failuresLeft += count;
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
