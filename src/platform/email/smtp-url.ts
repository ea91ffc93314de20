import { ConfigError } from '../../errors/config-error.js';

/** SMTP_URL taken apart. `pass` never appears in messages; `server` is what errors name. */
export interface SmtpServerSettings {
  readonly host: string;
  readonly port: number;
  /** True for `smtps://` (TLS from the first byte); `smtp://` upgrades with STARTTLS when offered. */
  readonly secure: boolean;
  readonly auth: { readonly user: string; readonly pass: string } | undefined;
  /** `host:port`, for messages and logs. */
  readonly server: string;
}

const FORMAT =
  'use smtp://user:password@host:587 (STARTTLS when offered) or smtps://user:password@host:465';

/**
 * Parses `smtp://user:pass@host:587` or `smtps://…`. The user and password may be
 * percent-encoded. Throws ConfigError('SMTP_URL') without ever repeating the URL, which may hold
 * a password.
 */
export function parseSmtpUrl(value: string): SmtpServerSettings {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError('SMTP_URL', `is not a URL; ${FORMAT}`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `has the scheme "${url.protocol}"; ${FORMAT}`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new ConfigError('SMTP_URL', `names no host; ${FORMAT}`);
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  let auth: SmtpServerSettings['auth'];
  if (url.username !== '' || url.password !== '') {
    try {
      auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw new ConfigError('SMTP_URL', 'has a user or password with invalid percent-encoding');
    }
  }
  return { host, port, secure, auth, server: `${url.hostname}:${port}` };
}

/** Removes a secret from text that came back from the server or the client library. */
export function redactSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return text;
  const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
  return forms.reduce((result, form) => result.split(form).join('[redacted]'), text);
}
