import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSmtpServer, type FakeSmtpServer } from './fake-smtp-server.js';

const servers: FakeSmtpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options?: Parameters<typeof startFakeSmtpServer>[0]): Promise<FakeSmtpServer> {
  const server = await startFakeSmtpServer(options);
  servers.push(server);
  return server;
}

function send(url: string, to: string[], subject = 'Hello') {
  const transporter = createTransport(url);
  return transporter
    .sendMail({ from: 'a@example.com', to, subject, text: 'plain body', html: '<p>html body</p>' })
    .finally(() => transporter.close());
}

describe('startFakeSmtpServer', () => {
  it('accepts and parses messages on a local port', async () => {
    const smtp = await start();
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    await send(smtp.url, ['b@example.com', 'c@example.com'], 'First');
    const [message] = await smtp.waitForMessages(1);
    expect(message).toMatchObject({
      envelopeFrom: 'a@example.com',
      envelopeTo: ['b@example.com', 'c@example.com'],
      subject: 'First',
      html: '<p>html body</p>',
      text: 'plain body',
    });
    expect(message?.messageId).toMatch(/^<.+@.+>$/);
    expect(message?.raw.toString()).toContain('Subject: First');
  });

  it('requires the configured login and puts it in its URL', async () => {
    const smtp = await start({ requireAuth: { user: 'u@x', pass: 'p:w' } });
    expect(smtp.url).toBe(`smtp://u%40x:p%3Aw@127.0.0.1:${smtp.port}`);
    await send(smtp.url, ['b@example.com']);
    await expect(send(smtp.url.replace('p%3Aw', 'nope'), ['b@example.com'])).rejects.toMatchObject({
      responseCode: 535,
    });
    await expect(send(`smtp://127.0.0.1:${smtp.port}`, ['b@example.com'])).rejects.toBeDefined();
    expect(smtp.messages).toHaveLength(1);
  });

  it('rejects chosen recipients and fails the next messages on request', async () => {
    const smtp = await start({
      rejectRecipients: (address) => address === 'no@example.com',
      failNext: 1,
    });
    await expect(send(smtp.url, ['b@example.com'])).rejects.toMatchObject({ responseCode: 451 });
    const info = await send(smtp.url, ['b@example.com', 'no@example.com']);
    expect(info.rejected).toEqual(['no@example.com']);
    smtp.failNext(1);
    await expect(send(smtp.url, ['b@example.com'])).rejects.toMatchObject({ responseCode: 451 });
    await send(smtp.url, ['b@example.com']);
    expect((await smtp.waitForMessages(2)).map((message) => message.envelopeTo)).toEqual([
      ['b@example.com'],
      ['b@example.com'],
    ]);
  });

  it('gives up waiting with a clear message', async () => {
    const smtp = await start();
    await expect(smtp.waitForMessages(1, 50)).rejects.toThrow(
      'fake SMTP: 0 of 1 messages after 50 ms',
    );
  });
});
