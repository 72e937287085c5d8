/**
 * The feed fetcher: one conditional GET per call, redirects followed by hand, every outcome a FetchResult value.
 * Reads top to bottom: check the URL, wait for a per-host slot, start the deadline, then hop until a final
 * response and turn it into a result.
 */
import { Agent, fetch, type Response } from 'undici';
import type { FetchRequest, FetchResult } from '../types.js';
import { addressRange, checkFeedUrl, checkUrl, createGuardedLookup, type AddressClassifier } from './address-guard.js';
import { checkDeclaredLength, readBodyWithLimit } from './body-limit.js';
import { buildRequestHeaders, notModifiedResult, validatorsOf } from './conditional-get.js';
import { createHostLimiter } from './host-limiter.js';
import { classifyStatus, statusLine } from './http-status.js';
import { classifyFetchError } from './network-errors.js';
import { resolveFetchOptions, type FetchOptions } from './options.js';
import { isRedirect, resolveLocation, tooManyRedirects } from './redirects.js';

/** A fetcher holding one connection pool; `close` it on shutdown. */
export interface FeedFetcher {
  /** Fetches one feed; never throws for network, HTTP or size trouble, only returns a result. */
  fetchFeed(request: FetchRequest): Promise<FetchResult>;
  /** Closes the pool once requests in flight have finished. */
  close(): Promise<void>;
}

/** What the fetcher takes from outside besides options; tests swap these, production uses the defaults. */
export interface FeedFetcherDeps {
  /** The clock Retry-After dates are measured against. */
  now?: () => Date;
  /** Names an address's range; only 'unicast' passes. Tests let a loopback server stand in for a public one. */
  classifyAddress?: AddressClassifier;
}

interface Context {
  agent: Agent;
  options: FetchOptions;
  /** Null when private addresses are allowed: no check at all. */
  classify: AddressClassifier | null;
  now: () => Date;
}

/** Creates a feed fetcher; throws FetchConfigError for nonsense options. */
export function createFeedFetcher(
  input: Partial<FetchOptions> & { userAgent: string },
  deps: FeedFetcherDeps = {},
): FeedFetcher {
  const options = resolveFetchOptions(input);
  const classify = options.allowPrivateAddresses ? null : (deps.classifyAddress ?? addressRange);
  const agent = new Agent({
    connections: options.perHostConcurrency,
    // Our deadline is the one that counts; undici's defaults (10 s connect, 300 s headers/body) must not cut in
    // first with a different message.
    connectTimeout: options.timeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: classify === null ? {} : { lookup: createGuardedLookup(classify) },
  });
  const limiter = createHostLimiter(options.perHostConcurrency);
  const context: Context = { agent, options, classify, now: deps.now ?? (() => new Date()) };

  return {
    async fetchFeed(request) {
      const url = checkFeedUrl(request.url, classify);
      if (!(url instanceof URL)) return url;
      return limiter.run(url.origin, () => fetchWithDeadline(context, url, request));
    },
    close: () => agent.close(),
  };
}

async function fetchWithDeadline(context: Context, start: URL, request: FetchRequest): Promise<FetchResult> {
  const { agent, options } = context;
  // One signal over every hop, headers and body: a server trickling a byte a second cannot keep us forever.
  const deadline = AbortSignal.timeout(options.timeoutMs);
  // The validators go on every hop: they came from the final URL's last 200, which is where this chain ends.
  const headers = buildRequestHeaders(request, options.userAgent);
  const chain = [start.href];
  let url = start;
  try {
    for (let hops = 0; ; hops += 1) {
      const response = await fetch(url, { dispatcher: agent, headers, redirect: 'manual', signal: deadline });
      if (!isRedirect(response.status)) return await finalResult(context, response, url, request);
      await discardBody(response);
      const next = resolveLocation(response.headers.get('location'), url);
      if (next === null) {
        const message = `fetch: ${statusLine(response.status, response.statusText)} without a usable Location`;
        return { status: 'failed', reason: 'http', httpStatus: response.status, message };
      }
      chain.push(next.href);
      if (hops >= options.maxRedirects) return tooManyRedirects(options.maxRedirects, chain);
      const refused = checkUrl(next, context.classify);
      if (refused) return refused;
      url = next;
    }
  } catch (error) {
    return classifyFetchError(error, deadline, options.timeoutMs);
  }
}

async function finalResult(
  context: Context,
  response: Response,
  url: URL,
  request: FetchRequest,
): Promise<FetchResult> {
  const { options } = context;
  if (response.status === 304) {
    await discardBody(response);
    return notModifiedResult(response.headers, request);
  }
  if (response.status < 200 || response.status > 299) {
    await discardBody(response);
    return classifyStatus(response.status, response.statusText, response.headers.get('retry-after'), context.now());
  }
  const declaredTooLarge = checkDeclaredLength(response.headers, options.maxBodyBytes);
  if (declaredTooLarge) {
    await discardBody(response);
    return declaredTooLarge;
  }
  const body = await readBodyWithLimit(response.body, options.maxBodyBytes);
  if (!Buffer.isBuffer(body)) return body;
  // An empty 200 is still 'ok': the parse stage reports "empty body" with the feed's context.
  return {
    status: 'ok',
    body,
    contentType: response.headers.get('content-type'),
    ...validatorsOf(response.headers),
    finalUrl: url.href,
  };
}

// An unread body pins its connection (and a per-origin slot); cancelling frees both at once.
async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
