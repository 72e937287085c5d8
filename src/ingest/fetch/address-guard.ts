/**
 * The SSRF guard: a feed URL comes from a config file or a chat command, so it must not reach loopback, the LAN,
 * link-local cloud metadata (169.254.169.254) and the like. IP literals are checked before the request; names are
 * checked in the connect-time DNS lookup, so a name that resolves to a public address for a check and to 127.0.0.1
 * for the connection (DNS rebinding) is still refused.
 */
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { FetchFailure } from './result.js';

const ALLOW_HINT = 'set CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES=true to allow';

/** The error our lookup hands to the socket; undici surfaces it as the `cause` of fetch's TypeError. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'ERR_CLAIMWATCH_BLOCKED_ADDRESS';

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    const via = hostname === address ? `address ${address}` : `${hostname} resolves to ${address}, which`;
    super(`fetch: ${via} is ${range}, not public; refused (${ALLOW_HINT})`);
  }
}

/** Names the range of an IP address (ipaddr.js names); only 'unicast' is let through. */
export type AddressClassifier = (address: string) => string;

/** The ipaddr.js range of an address, IPv4-mapped IPv6 (::ffff:127.0.0.1) judged as the IPv4 it carries. */
export const addressRange: AddressClassifier = (address) => {
  if (!ipaddr.isValid(address)) return 'unparseable';
  return ipaddr.process(address).range();
};

/**
 * Parses a feed URL and refuses what must not be fetched: non-http(s) schemes, embedded credentials and IP
 * literals outside public unicast (`classify` null allows every address). Returns the URL or a failed result.
 */
export function checkFeedUrl(raw: string, classify: AddressClassifier | null): URL | FetchFailure {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { status: 'failed', reason: 'invalid-url', message: `fetch: not a valid URL: ${JSON.stringify(raw)}` };
  }
  return checkUrl(url, classify) ?? url;
}

/** The checks of `checkFeedUrl` on a parsed URL, also run on every redirect target; null when allowed. */
export function checkUrl(url: URL, classify: AddressClassifier | null): FetchFailure | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = `fetch: unsupported URL scheme "${url.protocol}" (only http and https): ${url.href}`;
    return { status: 'failed', reason: 'invalid-url', message };
  }
  // WHATWG fetch refuses these outright; say why here instead of a bare TypeError.
  if (url.username !== '' || url.password !== '') {
    return { status: 'failed', reason: 'invalid-url', message: 'fetch: URLs with user:password@ are not supported' };
  }
  if (classify === null) return null;
  // The URL parser has already normalised 0x7f.1 and 2130706433 to 127.0.0.1; IPv6 keeps its brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // Node connects to a literal without calling the DNS lookup guarded below, so literals are checked here.
  if (net.isIP(host) === 0) return null;
  const range = classify(host);
  if (range === 'unicast') return null;
  return { status: 'failed', reason: 'blocked-address', message: new BlockedAddressError(host, host, range).message };
}

/**
 * A `dns.lookup` wrapper for the connect options that fails with BlockedAddressError when any resolved address
 * is not public unicast. Any, not all: a name answering [public, 127.0.0.1] would otherwise let the socket's
 * address selection pick the private one.
 */
export function createGuardedLookup(
  classify: AddressClassifier,
  lookup: typeof dns.lookup = dns.lookup,
): net.LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (error, result, family) => {
      if (error) {
        callback(error, '', undefined);
        return;
      }
      // Node asks for `all: true` when it races IPv4 and IPv6 (autoSelectFamily, on by default since 20).
      const addresses = typeof result === 'string' ? [result] : result.map((entry) => entry.address);
      for (const address of addresses) {
        const range = classify(address);
        if (range !== 'unicast') {
          callback(new BlockedAddressError(hostname, address, range), '', undefined);
          return;
        }
      }
      callback(null, result, family);
    });
  };
}
