/**
 * One feed's poll, read top to bottom: fetch → prepare (parse, normalize, screen) → write (articles and schedule).
 * Every expected failure ends as a recorded reason on the feed; nothing here throws for bad input.
 * @module
 */
import type { Logger } from 'pino';
import type { ArticleToStore, DueFeed, FeedPollRecord, IngestStore, StoreArticlesResult, WritePoll } from './store.js';
import { scheduleAfterPoll, type PollOutcome } from './fetch-timing/index.js';
import type { NormalizeContext } from './normalize/index.js';
import type { PrepareResult } from './prepare.js';
import type { FetchRequest, FetchResult, NormalizedArticle, NormalizeResult } from './types.js';

/** The I/O and stage functions a poll needs; tests and the bench pass their own. */
export interface IngestDeps {
  store: IngestStore;
  fetchFeed(request: FetchRequest): Promise<FetchResult>;
  /**
   * Parse, normalize and screen a fetched body (FeedParser.prepareFeed): screening marks the articles
   * matching has no work for (src/match/reading/screen.ts), stored as already matched.
   */
  prepareFeed(body: Buffer, contentType: string | null, ctx: NormalizeContext): Promise<PrepareResult>;
  now(): Date;
  /** Items published longer ago than this are stored as backlog (never alerted). */
  maxAgeMs: number;
  log: Logger;
}

export type FeedPollStatus = 'ok' | 'not-modified' | 'rate-limited' | 'error' | 'disabled';

/** The result of one feed's poll, for logs and the cycle summary. */
export interface FeedPollSummary {
  feedId: number;
  url: string;
  status: FeedPollStatus;
  items: number;
  newArticleIds: number[];
  /** New articles that may alert (not backlog). */
  freshArticleIds: number[];
  duplicates: number;
  message: string | null;
  ms: number;
}

/** Polls one claimed feed; its new articles and its outcome are written together by `writePoll`. */
export async function ingestFeed(feed: DueFeed, deps: IngestDeps, writePoll: WritePoll): Promise<FeedPollSummary> {
  const started = deps.now();
  const summary: FeedPollSummary = {
    feedId: feed.id,
    url: feed.url,
    status: 'ok',
    items: 0,
    newArticleIds: [],
    freshArticleIds: [],
    duplicates: 0,
    message: null,
    ms: 0,
  };
  const finish = async (
    outcome: PollOutcome,
    extra: Omit<FeedPollRecord, 'schedule' | 'fetchedAt' | 'succeeded'> = {},
    items: ArticleToStore[] = [],
  ) => {
    const now = deps.now();
    const schedule = scheduleAfterPoll(feed, outcome, now);
    let stored: StoreArticlesResult;
    try {
      stored = await writePoll({
        feedId: feed.id,
        items,
        now,
        record: { schedule, fetchedAt: now, succeeded: outcome.kind === 'success', ...extra },
      });
    } catch (error) {
      // Without articles the write is the feed's row alone: the database is failing, and the lease brings the
      // feed back. With them, the database may be refusing this feed's items: record that on the feed, so it
      // backs off and `claimwatch feeds` shows why, instead of being polled again at every lease expiry.
      if (items.length === 0) throw error;
      const message = `store: ${deps.store.describeError(error)}`;
      deps.log.error({ err: error, feed: feed.url }, `poll: cannot store the articles of ${feed.url}`);
      summary.status = 'error';
      return finish({ kind: 'failure', message });
    }
    summary.newArticleIds = stored.newArticleIds;
    summary.freshArticleIds = stored.freshArticleIds;
    summary.duplicates = stored.duplicates;
    if (schedule.status === 'disabled') summary.status = 'disabled';
    if (outcome.kind !== 'success') summary.message = schedule.disabledReason ?? outcome.message;
    summary.ms = now.getTime() - started.getTime();
    return summary;
  };

  const fetched = await deps.fetchFeed({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified });
  switch (fetched.status) {
    case 'not-modified':
      summary.status = 'not-modified';
      return finish({ kind: 'success' }, { etag: fetched.etag, lastModified: fetched.lastModified });
    case 'rate-limited':
      summary.status = 'rate-limited';
      return finish({ kind: 'rate-limited', retryAfterMs: fetched.retryAfterMs, message: fetched.message });
    case 'failed':
      summary.status = 'error';
      return finish({ kind: 'failure', message: fetched.message });
    case 'ok':
      break;
  }

  const now = deps.now();
  const prepared = await deps.prepareFeed(fetched.body, fetched.contentType, { feedUrl: fetched.finalUrl, outlet: feed.outlet, now });
  if (prepared.status === 'failed') {
    summary.status = 'error';
    return finish({ kind: 'failure', message: prepared.message });
  }
  const { normalized, needsMatching } = prepared;
  if (prepared.screeningError) {
    deps.log.warn({ feed: feed.url, reason: prepared.screeningError }, `screening failed, articles wait for matching: ${prepared.screeningError}`);
  }
  summary.items = prepared.itemCount;
  if (prepared.itemsDropped > 0) {
    deps.log.warn({ feed: feed.url, items: prepared.itemCount, dropped: prepared.itemsDropped }, `feed carries ${prepared.itemCount} items: kept the ${normalized.articles.length} newest`);
  }
  if (prepared.itemCount > 0 && normalized.articles.length === 0) {
    summary.status = 'error';
    return finish({ kind: 'failure', message: `normalize: no usable items (${normalized.problems.slice(0, 3).join('; ')})` });
  }

  const firstPoll = feed.firstPolledAt === null;
  return finish(
    { kind: 'success' },
    {
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      feedTitle: normalized.feedTitle,
      notice: describeProblems(normalized, prepared.itemsDropped),
    },
    normalized.articles.map((article, i) => ({
      article,
      backlog: firstPoll || isOld(article, now, deps.maxAgeMs),
      needsMatching: needsMatching[i] ?? true,
    })),
  );
}

function isOld(article: NormalizedArticle, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - article.publishedAt.getTime() > maxAgeMs;
}

function describeProblems(normalized: NormalizeResult, dropped: number): string | null {
  const notes = [...normalized.problems];
  if (dropped > 0) notes.unshift(`kept the ${normalized.articles.length} newest of ${normalized.articles.length + dropped} items; ${dropped} older ones were not stored`);
  const anonymous = normalized.articles.filter((a) => !a.url && !a.guid).length;
  if (anonymous > 0) notes.unshift(`${anonymous} item(s) had no guid or link; deduplicated by content hash`);
  if (notes.length === 0) return null;
  return notes.length > 5 ? `${notes.slice(0, 5).join('; ')}; and ${notes.length - 5} more` : notes.join('; ');
}
