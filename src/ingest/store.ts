/**
 * What ingest reads and writes, declared here by the stage that needs it; src/db/ingest-store.ts implements it
 * on PGlite and PostgreSQL. Ingest reaches storage through nothing else.
 * @module
 */
import type { Logger } from 'pino';
import type { ScheduleUpdate } from './fetch-timing/index.js';
import type { NormalizedArticle } from './types.js';

/** A feed as the poller sees it. */
export interface DueFeed {
  id: number;
  url: string;
  outlet: string | null;
  title: string | null;
  intervalSeconds: number;
  etag: string | null;
  lastModified: string | null;
  consecutiveFailures: number;
  failingSince: Date | null;
  firstPolledAt: Date | null;
}

/** What one poll changed on the feed row. */
export interface FeedPollRecord {
  schedule: ScheduleUpdate;
  fetchedAt: Date;
  succeeded: boolean;
  etag?: string | null;
  lastModified?: string | null;
  feedTitle?: string | null;
  notice?: string | null;
}

/** An article to store, with the flags the poll decided. */
export interface ArticleToStore {
  article: NormalizedArticle;
  /** First poll of a new feed, or older than the max age: stored, never alerted. */
  backlog: boolean;
  /** False when screening found nothing for matching to do (src/match/reading/screen.ts): stored as matched. */
  needsMatching?: boolean;
}

export interface StoreArticlesResult {
  /** Ids of articles stored for the first time, in feed order. */
  newArticleIds: number[];
  /** The subset of `newArticleIds` that is not backlog, so may alert. */
  freshArticleIds: number[];
  /** Items already stored (from this feed or another), now linked to this feed too. */
  duplicates: number;
}

/** One feed's poll, ready to write. `items` is empty when the poll brought no articles (304, an error). */
export interface FeedPollWrite {
  feedId: number;
  items: ArticleToStore[];
  /** When the articles were seen. */
  now: Date;
  record: FeedPollRecord;
}

/** Writes a feed's poll (articles and outcome); runPollCycle passes a group-committing one. */
export type WritePoll = (poll: FeedPollWrite) => Promise<StoreArticlesResult>;

export interface IngestStore {
  /**
   * Claims up to `limit` due feeds for `owner` until `leaseMs` from now (or, with `notFetchedSince`, every
   * enabled feed not fetched since then, due or not); workers sharing a server never take the same feed.
   */
  claimDueFeeds(opts: { owner: string; now: Date; leaseMs: number; limit: number; notFetchedSince?: Date }): Promise<DueFeed[]>;
  /**
   * A writer for one cycle: each poll joins the next group commit with the others finished meanwhile.
   * `inFlight` counts the polls running: when all of them wait to be written, the batch goes at once.
   */
  pollWriter(log: Logger, inFlight?: () => number): WritePoll;
  /** The database's own reason for a failed write, on one line. */
  describeError(error: unknown): string;
}
