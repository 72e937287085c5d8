/**
 * What a feed's poll writes: its new articles and its outcome (schedule, ETag, lease released), in one
 * transaction with the other feeds whose polls finished meanwhile. A crash before the commit leaves the
 * feeds leased, to be polled again when the lease expires; nothing is half-written.
 * @module
 */
import type { Logger } from 'pino';
import type { Db } from './client.js';
import type { FeedPollWrite, StoreArticlesResult } from '../ingest/store.js';
import { storeFeedsArticles } from './article-store.js';
import { recordFeedPolls } from './feed-store.js';
import { createGroupCommit } from './group-commit.js';

/**
 * Most feeds one transaction takes (a batch holds their articles in memory until it commits), and how long
 * a finished poll waits for others to share its transaction: a poll's result is not needed sooner.
 */
const GROUP_COMMIT = { maxBatch: 64, lingerMs: 100 };

/** Writes the polls of several feeds in one transaction. */
export async function writeFeedPolls(db: Db, polls: FeedPollWrite[]): Promise<StoreArticlesResult[]> {
  return db.transaction(async (tx) => {
    const stored = await storeFeedsArticles(tx, polls);
    await recordFeedPolls(tx, polls);
    return stored;
  });
}

/**
 * A poll writer for one cycle: each call joins the next group commit (see group-commit.ts). `inFlight` counts
 * the polls running: when all of them wait to be written, the batch goes at once.
 */
export function createPollWriter(db: Db, log: Logger, inFlight?: () => number): (poll: FeedPollWrite) => Promise<StoreArticlesResult> {
  return createGroupCommit((polls: FeedPollWrite[]) => writeFeedPolls(db, polls), {
    ...GROUP_COMMIT,
    inFlight,
    onBatchError: (error, size) => log.warn({ err: error }, `poll: writing ${size} feeds together failed; writing them one by one`),
  });
}
