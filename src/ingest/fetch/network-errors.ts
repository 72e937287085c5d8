/**
 * Turns what undici's fetch throws into a failed result. fetch rejects with `TypeError('fetch failed')` and the
 * real reason in `cause` (a Node system error, an undici error, our BlockedAddressError, or an AggregateError when
 * Node raced IPv4 and IPv6); an abort rejects with the signal's reason instead.
 */
import { BlockedAddressError } from './address-guard.js';
import { formatDuration, oneLine } from './format.js';
import type { FetchFailure } from './result.js';

// undici's own timeouts; connect's is set to our deadline, so all of them mean "too slow".
const UNDICI_TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

// OpenSSL verification codes as Node exposes them (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT,
// UNABLE_TO_VERIFY_LEAF_SIGNATURE, ...) plus Node's ERR_TLS_* and ERR_SSL_* (handshake and protocol errors).
const TLS_CODE = /^ERR_TLS_|^ERR_SSL_|CERT|^UNABLE_TO_|^HOSTNAME_MISMATCH$|^INVALID_CA$|^INVALID_PURPOSE$/;

/** Maps a thrown error to 'blocked-address', 'timeout', 'tls' or 'network'; `deadline` is the request's signal. */
export function classifyFetchError(error: unknown, deadline: AbortSignal, timeoutMs: number): FetchFailure {
  const chain = causeChain(error);
  const blocked = chain.find((e): e is BlockedAddressError => e instanceof BlockedAddressError);
  if (blocked) return { status: 'failed', reason: 'blocked-address', message: blocked.message };
  // Checked before codes: once our deadline fires, whatever the socket says next is a consequence.
  if (deadline.aborted || chain.some((e) => e.name === 'TimeoutError' || UNDICI_TIMEOUTS.has(codeOf(e)))) {
    return { status: 'failed', reason: 'timeout', message: `fetch: timed out after ${formatDuration(timeoutMs)}` };
  }
  const coded = chain.find((e) => codeOf(e) !== '');
  const root = coded ?? chain[chain.length - 1];
  const code = coded ? codeOf(coded) : '';
  const detail = root ? oneLine(root.message) : 'unknown error';
  if (TLS_CODE.test(code)) return { status: 'failed', reason: 'tls', message: `fetch: TLS error ${code}: ${detail}` };
  const label = code ? `network error ${code}` : 'network error';
  return { status: 'failed', reason: 'network', message: `fetch: ${label}: ${detail}` };
}

// The error, its causes, and an AggregateError's members, outermost first; capped against cycles.
function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 10) {
    const next = queue.shift();
    if (!(next instanceof Error) || chain.includes(next)) continue;
    chain.push(next);
    if (next instanceof AggregateError) queue.push(...(next.errors as unknown[]));
    queue.push(next.cause);
  }
  return chain;
}

function codeOf(error: Error): string {
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
