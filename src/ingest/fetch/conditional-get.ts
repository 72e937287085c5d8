/**
 * Conditional GET, RFC 9110 §13: send back the validators the last 200 gave, and a 304 means "nothing new".
 */
import type { FetchRequest, FetchResult } from '../types.js';

/** Feed types first, generic XML next, anything last: some servers 406 on a strict Accept. */
export const FEED_ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/xml;q=0.9',
  'text/xml;q=0.9',
  'application/feed+json;q=0.8',
  '*/*;q=0.5',
].join(', ');

/** Anything with a `get`, so these helpers take undici's Headers or a plain test double. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Request headers for one feed GET, with If-None-Match / If-Modified-Since when validators are known. */
export function buildRequestHeaders(request: FetchRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: FEED_ACCEPT,
    // undici's fetch decodes all three itself (and zstd on newer Node, which we do not ask for).
    'accept-encoding': 'gzip, deflate, br',
  };
  // Both may go: a server that knows ETags evaluates If-None-Match and ignores If-Modified-Since (§13.2.2).
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

/** The validators a response carries, null when absent. */
export function validatorsOf(headers: HeaderReader): { etag: string | null; lastModified: string | null } {
  return { etag: headers.get('etag'), lastModified: headers.get('last-modified') };
}

/**
 * The result for a 304: validators the server sent win (§15.4.5 says a 304 carries the ETag a 200 would), else
 * the ones we sent stay, so the next poll is conditional too.
 */
export function notModifiedResult(headers: HeaderReader, request: FetchRequest): FetchResult {
  const sent = validatorsOf(headers);
  return {
    status: 'not-modified',
    etag: sent.etag ?? request.etag ?? null,
    lastModified: sent.lastModified ?? request.lastModified ?? null,
  };
}
