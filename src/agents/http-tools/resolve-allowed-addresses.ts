import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { SwitchboardError } from '../../errors/switchboard-error.js';
import { isLocalOrPrivateHost } from '../../net/is-local-or-private-host.js';
import { isBlockedAddress } from './is-blocked-address.js';

/** One resolved address, as `dns.promises.lookup` with `all: true` returns it. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: number;
}

/** Resolves a host name to all its addresses; `dns.promises.lookup` by default. */
export type HostLookup = (
  hostname: string,
  options: { readonly all: true },
) => Promise<readonly ResolvedAddress[]>;

/** The default {@link HostLookup}: the operating system's resolver, every address. */
export const systemHostLookup: HostLookup = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

function refused(): SwitchboardError {
  return new SwitchboardError(
    'refused: the URL points at a private or local network address (allowPrivateNetworks is off)',
    { code: 'http_tool_refused' },
  );
}

function unresolved(cause?: unknown): SwitchboardError {
  return new SwitchboardError('the API host name did not resolve to any address', {
    code: 'http_tool_unresolved',
    cause,
  });
}

// DNS lookups cannot be cancelled; stop waiting for one when the call or the timeout aborts.
async function lookupUntilAborted(
  host: string,
  lookup: HostLookup,
  signal: AbortSignal,
): Promise<readonly ResolvedAddress[]> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([
      lookup(host, { all: true }).catch((error: unknown) => Promise.reject(unresolved(error))),
      aborted,
    ]);
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * The addresses a request to `hostname` may connect to. Refuses (throws `http_tool_refused`)
 * when the host is, or any of its addresses is, private or local, unless `allowPrivateNetworks`.
 * The caller must connect only to the returned addresses, so a second DNS answer cannot swap in
 * a private one (DNS rebinding).
 */
export async function resolveAllowedAddresses(
  hostname: string,
  options: {
    readonly allowPrivateNetworks: boolean;
    readonly lookup: HostLookup;
    readonly signal: AbortSignal;
  },
): Promise<readonly ResolvedAddress[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const version = isIP(host);
  if (version !== 0) {
    if (!options.allowPrivateNetworks && isBlockedAddress(host)) throw refused();
    return [{ address: host, family: version }];
  }
  // Names such as `localhost`, `db.internal` or a single-label container name say "private"
  // before DNS is even asked.
  if (!options.allowPrivateNetworks && isLocalOrPrivateHost(host)) throw refused();
  const answers = await lookupUntilAborted(host, options.lookup, options.signal);
  const addresses = answers.filter(
    (answer) => (answer.family === 4 || answer.family === 6) && isIP(answer.address) !== 0,
  );
  if (addresses.length === 0) {
    throw unresolved();
  }
  if (
    !options.allowPrivateNetworks &&
    addresses.some((answer) => isBlockedAddress(answer.address))
  ) {
    throw refused();
  }
  return addresses;
}
