import { isIP } from 'node:net';

// A leaf module of its own: `switchboard doctor` (src/config) and the providers both apply the
// same rule, and providers must not import config.

/**
 * True when `hostname` names this machine or a private network, so a carrier on the internet
 * cannot reach it: loopback, RFC 1918, link-local, carrier-grade NAT, IPv6 unique-local, `.local`
 * / `.localhost` / `.internal` names and single-label names such as `fake-openai` (the kind a
 * compose file or /etc/hosts gives to a neighbouring container).
 */
export function isLocalOrPrivateHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === '') return true;
  const version = isIP(host);
  if (version === 4) return isPrivateIpv4(host);
  if (version === 6) return isPrivateIpv6(host);
  if (host === 'localhost' || !host.includes('.')) return true;
  return ['.localhost', '.local', '.internal', '.lan', '.home.arpa'].some((suffix) =>
    host.endsWith(suffix),
  );
}

function isPrivateIpv4(address: string): boolean {
  const [first = 0, second = 0] = address.split('.').map(Number);
  return (
    first === 0 ||
    first === 10 ||
    first === 127 ||
    (first === 100 && second >= 64 && second <= 127) ||
    (first === 169 && second === 254) ||
    (first === 172 && second >= 16 && second <= 31) ||
    (first === 192 && second === 168)
  );
}

function isPrivateIpv6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  // An IPv4 address mapped into IPv6 is as private as the IPv4 address itself.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1] !== undefined) return isPrivateIpv4(mapped[1]);
  // WHATWG URL parsing rewrites the mapped form to hex groups: ::ffff:7f00:1.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mappedHex?.[1] !== undefined && mappedHex[2] !== undefined) {
    const high = Number.parseInt(mappedHex[1], 16);
    const low = Number.parseInt(mappedHex[2], 16);
    return isPrivateIpv4(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
  }
  const firstGroup = Number.parseInt(address.split(':')[0] ?? '', 16);
  if (Number.isNaN(firstGroup)) return false;
  // fc00::/7 is unique-local, fe80::/10 link-local.
  return (firstGroup & 0xfe00) === 0xfc00 || (firstGroup & 0xffc0) === 0xfe80;
}
