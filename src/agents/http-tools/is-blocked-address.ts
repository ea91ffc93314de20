import { BlockList, isIP } from 'node:net';
import { isLocalOrPrivateHost } from '../../net/is-local-or-private-host.js';

// Everything a request from our server must not reach unless the operator allows private
// networks: this machine, private and link-local ranges (cloud metadata lives at
// 169.254.169.254), carrier-grade NAT, multicast, reserved and documentation ranges. BlockList
// also matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) against the IPv4 rules.
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

// Well-known NAT64 (64:ff9b::/96) embeds an IPv4 address in its last 32 bits.
function embeddedNat64Address(address: string): string | undefined {
  const normalised = new URL(`http://[${address}]/`).hostname;
  const match = /^\[64:ff9b::([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(normalised);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const high = Number.parseInt(match[1], 16);
  const low = Number.parseInt(match[2], 16);
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/**
 * True when `address` (an IP literal, brackets allowed) is loopback, private, link-local,
 * unique-local, unspecified, multicast or reserved, including IPv4 addresses mapped or
 * translated into IPv6. Anything that is not an IP address counts as blocked.
 */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 0) return true;
  if (isLocalOrPrivateHost(bare)) return true;
  if (version === 4) return blocked.check(bare, 'ipv4');
  if (blocked.check(bare, 'ipv6')) return true;
  const embedded = embeddedNat64Address(bare);
  return embedded !== undefined && blocked.check(embedded, 'ipv4');
}
