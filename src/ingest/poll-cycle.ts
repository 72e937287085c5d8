/**
 * One poll cycle: claim due feeds in batches, ingest them with bounded concurrency, hand new articles on.
 * One feed's failure is recorded and the cycle carries on.
 * @module
 */
import pLimit from 'p-limit';
import { ingestFeed, type FeedPollStatus, type FeedPollSummary, type IngestDeps } from './ingest-feed.js';

export interface PollCycleDeps extends IngestDeps {
  /** Identifies this process in feed leases. */
  workerId: string;
  concurrency: number;
  /** How long a claimed feed stays this worker's; a dead worker's feeds become due again after it. */
  leaseMs: number;
  /** Runs once the cycle's feeds are done (matching hooks in here); its failure is logged, not thrown. */
  afterCycle?(summary: PollCycleSummary): Promise<void>;
  /** Hears each feed's outcome as it is recorded (metrics). */
  onFeedPolled?(result: FeedPollSummary): void;
}

export interface PollCycleOptions {
  /** Poll every enabled feed now, due or not (`claimwatch poll --once`). */
  all?: boolean;
}

export interface PollCycleSummary {
  feeds: number;
  byStatus: Record<FeedPollStatus, number>;
  items: number;
  newArticles: number;
  duplicates: number;
  ms: number;
  /** Feeds that ended in error, with their reason. */
  errors: { url: string; message: string }[];
}


/** Runs one cycle over the due (or all) enabled feeds and returns a summary. */
export async function runPollCycle(deps: PollCycleDeps, options: PollCycleOptions = {}): Promise<PollCycleSummary> {
  const started = deps.now();
  const summary: PollCycleSummary = {
    feeds: 0,
    byStatus: { ok: 0, 'not-modified': 0, 'rate-limited': 0, error: 0, disabled: 0 },
    items: 0,
    newArticles: 0,
    duplicates: 0,
    ms: 0,
    errors: [],
  };
  const limit = pLimit(deps.concurrency);
  const writePoll = deps.store.pollWriter(deps.log, () => limit.activeCount);
  for (;;) {
    // Each claimed feed leaves the due set when its poll is recorded, so this loop ends.
    const batch = await deps.store.claimDueFeeds({
      owner: deps.workerId,
      now: deps.now(),
      leaseMs: deps.leaseMs,
      // Claim about what this worker can start now, so workers sharing a server split the due feeds.
      limit: deps.concurrency * 2,
      notFetchedSince: options.all ? started : undefined,
    });
    if (batch.length === 0) break;
    await Promise.all(
      batch.map((feed) =>
        limit(async () => {
          const result = await ingestFeed(feed, deps, writePoll).catch((error: unknown) => {
            // A bug or a database outage, not bad input: log it and let the lease expire so the feed is retried.
            deps.log.error({ err: error, feed: feed.url }, 'poll: feed failed unexpectedly');
            return null;
          });
          if (!result) {
            summary.byStatus.error++;
            summary.errors.push({ url: feed.url, message: 'internal error (see log)' });
            return;
          }
          summary.feeds++;
          summary.byStatus[result.status]++;
          summary.items += result.items;
          summary.newArticles += result.newArticleIds.length;
          summary.duplicates += result.duplicates;
          if (result.status === 'error' || result.status === 'disabled') {
            summary.errors.push({ url: feed.url, message: result.message ?? 'unknown error' });
          }
          logFeed(deps, result);
          deps.onFeedPolled?.(result);
        }),
      ),
    );
  }
  if (deps.afterCycle) {
    await deps.afterCycle(summary).catch((error: unknown) => deps.log.error({ err: error }, 'poll: after-cycle step failed'));
  }
  summary.ms = deps.now().getTime() - started.getTime();
  // A cycle with nothing due is the steady state between polls: it says nothing at the default level.
  const level = summary.feeds === 0 && summary.errors.length === 0 ? 'debug' : 'info';
  deps.log[level](
    {
      feeds: summary.feeds,
      ...summary.byStatus,
      items: summary.items,
      newArticles: summary.newArticles,
      duplicates: summary.duplicates,
      ms: summary.ms,
    },
    `poll: cycle done: ${summary.feeds} feeds, ${summary.newArticles} new articles, ${summary.errors.length} errors in ${summary.ms} ms`,
  );
  if (summary.feeds > 1 && summary.byStatus.error === summary.feeds) {
    // Every feed failing at once is this machine's network, not the feeds: say what to do.
    deps.log.warn(`poll: no feed could be fetched (${summary.errors[0]?.message}); is this machine offline? \`claimwatch demo\` shows the product on bundled coverage without a network`);
  }
  return summary;
}

function logFeed(deps: PollCycleDeps, result: FeedPollSummary): void {
  const fields = {
    feed: result.url,
    status: result.status,
    items: result.items,
    new: result.newArticleIds.length,
    ms: result.ms,
  };
  if (result.status === 'error' || result.status === 'disabled' || result.status === 'rate-limited') {
    deps.log.warn({ ...fields, reason: result.message }, `feed ${result.status}: ${result.url}: ${result.message}`);
  } else {
    // One line per healthy feed would bury the cycle's summary: it is there at debug.
    deps.log.debug(fields, `feed ${result.status}: ${result.url}: ${result.items} items, ${result.newArticleIds.length} new`);
  }
}
