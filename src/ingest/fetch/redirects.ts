/**
 * Redirects are followed by hand (fetch's `redirect: 'manual'`) so that every hop passes the address guard and
 * the hop count is ours to report.
 */
import type { FetchFailure } from './result.js';

// 300 and 304 are 3xx but not "go there"; 305 and 306 are dead (RFC 9110 §15.4.6-7).
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** True for the statuses that name a new location to GET. */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The next URL: Location may be relative (RFC 9110 §10.2.2) and resolves against the URL that sent it. */
export function resolveLocation(location: string | null, base: URL): URL | null {
  if (location === null || location.trim() === '') return null;
  try {
    const next = new URL(location, base);
    // A fragment on the Location replaces ours; without one ours carries over (RFC 9110 §10.2.2). Fragments are
    // never sent, so this only affects finalUrl.
    if (next.hash === '' && base.hash !== '') next.hash = base.hash;
    return next;
  } catch {
    return null;
  }
}

/** The failure for one hop too many; names a loop when a URL repeats, else the last hop. */
export function tooManyRedirects(maxRedirects: number, chain: readonly string[]): FetchFailure {
  const last = chain[chain.length - 1] ?? '';
  const loops = chain.indexOf(last) < chain.length - 1;
  const detail = loops ? `redirect loop back to ${last}` : `last hop to ${last}`;
  return {
    status: 'failed',
    reason: 'too-many-redirects',
    message: `fetch: too many redirects (more than ${maxRedirects}): ${detail}`,
  };
}
