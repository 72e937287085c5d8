/**
 * The CPU half of a poll after the XML parse: normalize the items and screen them for matching. It runs in
 * the parse worker thread, next to the parse, so the main thread (which also runs PGlite, the fetches and
 * the pipeline) does not carry it, and the parsed items never cross back to the main thread.
 * @module
 */
import { createMatcher, type Matcher, type MatcherCatalog } from '../match/matcher.js';
import { screenArticles } from '../match/reading/screen.js';
import { normalizeItems, type NormalizeContext } from './normalize/index.js';
import type { NormalizeResult, ParsedFeed } from './types.js';

/** The active catalog for screening, with a version (unique to each catalog load) that changes with it. */
export interface ScreeningCatalog {
  version: string;
  catalog: MatcherCatalog;
}

/** What preparing needs besides the feed: normalize's context and, to screen, the catalog. */
export interface PrepareRequest extends NormalizeContext {
  /** Null: no screening, every article waits for matching. */
  screening: ScreeningCatalog | null;
  /** At most this many articles, the newest, leave the worker (default `MAX_ITEMS_PER_FEED`). */
  maxItems?: number;
}

/**
 * A feed's articles kept per poll: a news feed carries tens; a 10 MB feed of 120,000 tiny items would
 * otherwise cross to the main thread and be stored whole, which is what exhausted its heap.
 */
export const MAX_ITEMS_PER_FEED = 2_000;

/** A feed ready to store. */
export interface PreparedFeed {
  itemCount: number;
  charset: string;
  normalized: NormalizeResult;
  /** For each normalized article, whether matching has work for it (src/match/reading/screen.ts). */
  needsMatching: boolean[];
  /** Why screening could not run (every article then waits for matching), for the log. */
  screeningError: string | null;
  /** Articles left out because the feed carried more than `maxItems` (the oldest go). */
  itemsDropped: number;
}

export type PrepareResult = ({ status: 'ok' } & PreparedFeed) | { status: 'failed'; message: string };

/** A worker thread builds the matcher once per catalog version. */
let cached: { version: string; matcher: Matcher } | null = null;

function matcherFor(screening: ScreeningCatalog): Matcher {
  if (cached?.version !== screening.version) cached = { version: screening.version, matcher: createMatcher(screening.catalog) };
  return cached.matcher;
}

/**
 * Normalizes and screens a parsed feed. Screening that fails (a catalog the matcher cannot build) must not
 * stop the feed being stored: its articles all wait for matching, which reports the same error.
 */
export function prepareParsedFeed(feed: ParsedFeed, charset: string, request: PrepareRequest): PreparedFeed {
  const normalized = keepNewest(normalizeItems(feed, request), request.maxItems ?? MAX_ITEMS_PER_FEED);
  let needsMatching = normalized.articles.map(() => true);
  let screeningError: string | null = null;
  if (request.screening) {
    try {
      needsMatching = screenArticles(matcherFor(request.screening), normalized.articles, request.now);
    } catch (error) {
      screeningError = error instanceof Error ? error.message : String(error);
    }
  }
  return { itemCount: feed.items.length, charset, normalized, needsMatching, screeningError, itemsDropped: normalized.dropped };
}

/** The `max` newest articles (stable for equal dates), and how many were left out. */
function keepNewest(normalized: NormalizeResult, max: number): NormalizeResult & { dropped: number } {
  const { articles } = normalized;
  if (articles.length <= max) return { ...normalized, dropped: 0 };
  const kept = articles
    .map((article, index) => ({ article, index }))
    .sort((a, b) => b.article.publishedAt.getTime() - a.article.publishedAt.getTime() || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map(({ article }) => article);
  return { ...normalized, articles: kept, dropped: articles.length - max };
}
