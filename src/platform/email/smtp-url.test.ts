import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config-error.js';
import { parseSmtpUrl, redactSecret } from './smtp-url.js';

describe('parseSmtpUrl', () => {
  it('reads smtp and smtps URLs with default ports and decoded credentials', () => {
    expect(parseSmtpUrl('smtp://mailer:p%40ss%2Fword@mail.example.com:2525')).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'mailer', pass: 'p@ss/word' },
      server: 'mail.example.com:2525',
    });
    expect(parseSmtpUrl('smtp://relay.internal')).toMatchObject({
      port: 587,
      secure: false,
      auth: undefined,
    });
    expect(parseSmtpUrl('smtps://u:p@mail.example.com')).toMatchObject({ port: 465, secure: true });
    expect(parseSmtpUrl('smtp://[::1]:25')).toMatchObject({ host: '::1', server: '[::1]:25' });
  });

  it.each([
    ['not a url', 'is not a URL'],
    ['https://user:hunter2@mail.example.com', 'has the scheme "https:"'],
    ['smtp://user:hunter2@:25', 'is not a URL'],
    ['smtp://user:hunter2%zz@mail.example.com', 'invalid percent-encoding'],
  ])('refuses %s with a ConfigError that never shows the password', (value, message) => {
    let thrown: unknown;
    try {
      parseSmtpUrl(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).setting).toBe('SMTP_URL');
    expect((thrown as ConfigError).message).toContain(message);
    expect((thrown as ConfigError).message).not.toContain('hunter2');
  });
});

describe('redactSecret', () => {
  it('removes the secret in plain, URL-encoded and base64 form', () => {
    const secret = 'p@ss word';
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${Buffer.from(secret).toString('base64')}`;
    expect(redactSecret(text, secret)).toBe('a [redacted] b [redacted] c [redacted]');
    expect(redactSecret('unchanged', undefined)).toBe('unchanged');
  });
});
