/**
 * The normalize stage's orchestrator: each ParsedItem becomes a NormalizedArticle with a canonical URL,
 * clean text, a language, a trustworthy date and an outlet, or a per-item problem. Pure and synchronous.
 * @module
 */
import type { NormalizedArticle, NormalizeResult, ParsedFeed, ParsedItem } from '../types.js';
import { canonicalizeUrl, hostnameOf } from './canonical-url.js';
import { contentHash } from './content-hash.js';
import { resolvePublished } from './dates.js';
import { htmlToPlainText, toSingleLine, truncate, withoutInvisible } from './html-text.js';
import { detectLanguage } from './language.js';

/** What normalizing needs besides the feed: where it came from, the configured outlet, the clock. */
export interface NormalizeContext {
  /** URL the feed was fetched from (after redirects). */
  feedUrl: string;
  /** Outlet name from the feed config; wins over the feed's own title. */
  outlet: string | null;
  now: Date;
}

/** NormalizedArticle.content and .summary limits (see types.ts). */
const MAX_CONTENT = 200_000;
const MAX_SUMMARY = 1_000;
/** A 1,000-character summary can come from a description several times longer in markup. */
const MAX_SUMMARY_INPUT = 8_000;
const MAX_TITLE = 1_000;
const MAX_AUTHOR = 200;
/** Length of a title made from the text when the item has none. */
const FALLBACK_TITLE = 80;
const ELLIPSIS = '…';

/** Relative links resolve against the site link (Miniflux does the same), else the feed's own URL. */
function linkBase(feed: ParsedFeed, feedUrl: string): string {
  return (feed.link && canonicalizeUrl(feed.link, feedUrl)) || feedUrl;
}

/** The item link, or an RSS guid that is itself a URL (isPermaLink feeds often omit <link>). */
function rawLinkOf(item: ParsedItem): string | null {
  if (item.link?.trim()) return item.link;
  return item.guid && /^https?:\/\//i.test(item.guid.trim()) ? item.guid : null;
}

/** "editor@example.com (Jane Doe)", RSS's author format, becomes "Jane Doe". */
function authorName(raw: string | null): string | null {
  const text = toSingleLine(htmlToPlainText(raw, MAX_AUTHOR));
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(text)?.[1]?.trim();
  return named || text || null;
}

type ItemOutcome = { article: NormalizedArticle | null; problem: string | null };

/** What every item of one feed shares, worked out once per feed. */
interface FeedScope {
  base: string;
  feedTitle: string;
  language: string | null;
}

function normalizeItem(item: ParsedItem, scope: FeedScope, ctx: NormalizeContext): ItemOutcome {
  const rawLink = rawLinkOf(item);
  const url = rawLink === null ? null : canonicalizeUrl(rawLink, scope.base);
  const linkProblem = rawLink !== null && url === null ? `unusable link ${JSON.stringify(truncate(rawLink, 100))}` : null;

  // Atom entries with only <summary> have no content: the summary is then the body.
  const content = htmlToPlainText(item.contentHtml ?? item.summaryHtml, MAX_CONTENT);
  const summarySource =
    item.contentHtml && item.summaryHtml
      ? htmlToPlainText(item.summaryHtml, MAX_SUMMARY_INPUT)
      : content.slice(0, MAX_SUMMARY * 2);
  const summary = truncate(toSingleLine(summarySource), MAX_SUMMARY, ELLIPSIS);
  const ownTitle = toSingleLine(htmlToPlainText(item.title, MAX_TITLE, MAX_TITLE * 4));

  if (ownTitle === '' && url === null && content === '') {
    return { article: null, problem: 'no title, link or text' };
  }
  const title = ownTitle || truncate(toSingleLine(content.slice(0, FALLBACK_TITLE * 2)), FALLBACK_TITLE, ELLIPSIS) || url || '';
  const article: NormalizedArticle = {
    url,
    guid: (item.guid && withoutInvisible(item.guid)) || null,
    title,
    summary,
    content,
    language: detectLanguage(`${title}\n${content.slice(0, 1_000)}`, scope.language),
    ...resolvePublished(item.publishedIso, ctx.now),
    outlet: ctx.outlet || scope.feedTitle || hostnameOf(url ?? ctx.feedUrl),
    author: authorName(item.author),
    contentHash: contentHash(title, content),
  };
  return { article, problem: linkProblem };
}

/**
 * Normalize every item of a parsed feed. Items with no title, link or text are dropped with a problem;
 * items with neither guid nor link are kept (the content hash dedups them later). Problems number items
 * from 1, in feed order.
 */
export function normalizeItems(feed: ParsedFeed, ctx: NormalizeContext): NormalizeResult {
  const scope: FeedScope = {
    base: linkBase(feed, ctx.feedUrl),
    feedTitle: toSingleLine(htmlToPlainText(feed.title, MAX_TITLE)),
    language: feed.language,
  };
  const articles: NormalizedArticle[] = [];
  const problems: string[] = [];
  feed.items.forEach((item, index) => {
    const { article, problem } = normalizeItem(item, scope, ctx);
    if (article) articles.push(article);
    if (problem) problems.push(`item ${index + 1}: ${problem}`);
  });
  return { feedTitle: scope.feedTitle || null, articles, problems };
}
