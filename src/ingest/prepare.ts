/**
 * The CPU half of a poll after the XML parse: normalize the items and screen them for matching. It runs in
 * the parse worker thread, next to the parse, so the main thread (which also runs PGlite, the fetches and
 * the pipeline) does not carry it, and the parsed items never cross back to the main thread.
 * @module
 */
import { createMatcher, type Matcher, type MatcherCatalog } from '../match/matcher.js';
import { screenArticles } from '../match/screen.js';
import { normalizeItems, type NormalizeContext } from './normalize/index.js';
import type { NormalizeResult, ParsedFeed } from './types.js';

/** The active catalog for screening, with a version that changes whenever the catalog does. */
export interface ScreeningCatalog {
  version: number;
  catalog: MatcherCatalog;
}

/** What preparing needs besides the feed: normalize's context and, to screen, the catalog. */
export interface PrepareRequest extends NormalizeContext {
  /** Null: no screening, every article waits for matching. */
  screening: ScreeningCatalog | null;
}

/** A feed ready to store. */
export interface PreparedFeed {
  title: string | null;
  itemCount: number;
  charset: string;
  normalized: NormalizeResult;
  /** For each normalized article, whether matching may have work for it (src/match/screen.ts). */
  needsMatching: boolean[];
}

export type PrepareResult = ({ status: 'ok' } & PreparedFeed) | { status: 'failed'; message: string };

/** A worker thread builds the matcher once per catalog version. */
let cached: { version: number; matcher: Matcher } | null = null;

function matcherFor(screening: ScreeningCatalog): Matcher {
  if (cached?.version !== screening.version) cached = { version: screening.version, matcher: createMatcher(screening.catalog) };
  return cached.matcher;
}

/** Normalizes and screens a parsed feed. */
export function prepareParsedFeed(feed: ParsedFeed, charset: string, request: PrepareRequest): PreparedFeed {
  const normalized = normalizeItems(feed, request);
  const needsMatching = request.screening
    ? screenArticles(matcherFor(request.screening), normalized.articles, request.now)
    : normalized.articles.map(() => true);
  return { title: feed.title, itemCount: feed.items.length, charset, normalized, needsMatching };
}
