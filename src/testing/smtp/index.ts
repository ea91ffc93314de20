/** A fake SMTP server (real protocol on 127.0.0.1, messages parsed) for tests and demo mode. */
export type { FakeSmtpOptions, FakeSmtpServer, ReceivedEmail } from './fake-smtp-server.js';
export { startFakeSmtpServer } from './fake-smtp-server.js';
