import { describe, expect, it } from 'vitest';
import { isLocalOrPrivateHost } from './is-local-or-private-host.js';

describe('isLocalOrPrivateHost', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'app.localhost',
    'printer.local',
    'db.internal',
    'fake-openai',
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '[::1]',
    '::',
    'fd12:3456::1',
    'fe80::1',
    '[::ffff:7f00:1]',
    '::ffff:10.0.0.1',
  ])('%s is local or private', (host) => {
    expect(isLocalOrPrivateHost(host)).toBe(true);
  });

  it.each([
    'voice.example.com',
    'api.openai.com',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2001:db8::1',
    '[2606:4700::1]',
  ])('%s is public', (host) => {
    expect(isLocalOrPrivateHost(host)).toBe(false);
  });

  it('agrees with how URL parses hosts', () => {
    expect(isLocalOrPrivateHost(new URL('https://[::ffff:192.168.0.1]/').hostname)).toBe(true);
    expect(isLocalOrPrivateHost(new URL('https://voice.example.com./').hostname)).toBe(false);
  });
});
