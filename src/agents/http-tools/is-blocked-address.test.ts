import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from './is-blocked-address.js';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.20.1.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '0:0:0:0:0:0:0:1',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '::7f00:1',
    '64:ff9b::10.0.0.1',
    'fd12:3456::1',
    'fe80::1%eth0',
    'ff02::1',
    'not-an-address',
  ])('%s is blocked', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::6810:85e5', '64:ff9b::808:808'])(
    '%s is allowed',
    (address) => {
      expect(isBlockedAddress(address)).toBe(false);
    },
  );
});
