/**
 * What a final (non-redirect, non-2xx, non-304) status means for the poller, so callers never read status codes.
 */
import { STATUS_CODES } from 'node:http';
import type { FetchResult } from '../types.js';
import { formatDuration } from './format.js';
import { parseRetryAfter } from './retry-after.js';

/** "HTTP 404 Not Found"; the standard phrase stands in when the server sent none (HTTP/2 has none). */
export function statusLine(status: number, statusText: string): string {
  const phrase = statusText.trim() || STATUS_CODES[status] || '';
  return phrase ? `HTTP ${status} ${phrase}` : `HTTP ${status}`;
}

/**
 * 429 (RFC 6585 §4) is always rate-limiting; 503 (RFC 9110 §15.6.4) only when it says when to come back, since a
 * bare 503 is as often a broken origin. Every other status is an 'http' failure carrying the code.
 */
export function classifyStatus(status: number, statusText: string, retryAfter: string | null, now: Date): FetchResult {
  const line = statusLine(status, statusText);
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  if (status === 429 || (status === 503 && retryAfterMs !== null)) {
    const when = retryAfterMs === null ? 'no usable Retry-After' : `retry after ${formatDuration(retryAfterMs)}`;
    return { status: 'rate-limited', httpStatus: status, retryAfterMs, message: `fetch: ${line}; ${when}` };
  }
  return { status: 'failed', reason: 'http', httpStatus: status, message: `fetch: ${line}` };
}
