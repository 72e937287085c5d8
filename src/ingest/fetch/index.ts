/**
 * The fetch stage: a conditional GET of one feed, guarded (SSRF, size, time, redirects), as a FetchResult value.
 * @module
 */
export { createFeedFetcher, type FeedFetcher, type FeedFetcherDeps } from './fetcher.js';
export { FetchConfigError, DEFAULT_FETCH_OPTIONS, type FetchOptions } from './options.js';
export { parseRetryAfter } from './retry-after.js';
