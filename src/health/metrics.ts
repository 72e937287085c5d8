/**
 * Prometheus metrics (prom-client) of one process: what it did (fetches and their durations, articles stored,
 * poll cycles, posts by outcome) counted as it happens, and what the database holds (feeds by status, matching
 * lag, deliveries waiting) read at scrape time through the HealthStore. Each worker has its own registry and
 * listener; the database figures are the same from every worker.
 * @module
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Poster, PostResult } from '../deliver/outbox.js';
import type { FeedPollSummary } from '../ingest/ingest-feed.js';
import type { PollCycleSummary } from '../ingest/poll-cycle.js';
import type { Platform } from '../model/index.js';
import type { HealthStore } from './store.js';

export interface Metrics {
  readonly registry: Registry;
  /** After each feed's poll. */
  feedPolled(result: FeedPollSummary): void;
  /** After each poll cycle. */
  cycleFinished(summary: PollCycleSummary, at: Date): void;
  /** The posters with every post counted by platform and outcome. */
  countPosts(posters: Partial<Record<Platform, Poster>>): Partial<Record<Platform, Poster>>;
}

/** Outcome label of a post: a failure that carried a Retry-After was a rate limit (429). */
function postOutcome(result: PostResult): 'sent' | 'gone' | 'rate_limited' | 'failed' {
  if (result.status === 'failed' && result.retryAfterMs !== undefined) return 'rate_limited';
  return result.status;
}

export function createMetrics(store: HealthStore): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const fetches = new Counter({ name: 'claimwatch_feed_polls_total', help: 'Feed polls by outcome (ok, not-modified, rate-limited, error, disabled)', labelNames: ['outcome'], registers: [registry] });
  const pollSeconds = new Histogram({
    name: 'claimwatch_feed_poll_duration_seconds',
    help: 'Time to poll one feed: fetch, parse, normalize, screen and store',
    labelNames: ['outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40],
    registers: [registry],
  });
  const stored = new Counter({ name: 'claimwatch_articles_stored_total', help: 'Articles stored for the first time', registers: [registry] });
  const cycles = new Counter({ name: 'claimwatch_poll_cycles_total', help: 'Poll cycles finished', registers: [registry] });
  const lastCycle = new Gauge({ name: 'claimwatch_last_poll_cycle_timestamp_seconds', help: 'When the last poll cycle finished (Unix time)', registers: [registry] });
  const posts = new Counter({ name: 'claimwatch_chat_posts_total', help: 'Digest and alert posts by platform and outcome (sent, gone, rate_limited, failed)', labelNames: ['platform', 'outcome'], registers: [registry] });
  new Gauge({
    name: 'claimwatch_feeds',
    help: 'Feeds by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const byStatus = await store.feedsByStatus();
      for (const status of ['ok', 'error', 'disabled'] as const) this.set({ status }, byStatus[status] ?? 0);
    },
  });
  new Gauge({
    name: 'claimwatch_articles_unmatched',
    help: 'Articles stored and not matched yet (matching lag)',
    registers: [registry],
    async collect() {
      this.set(await store.unmatchedArticles());
    },
  });
  // One query serves both delivery gauges of a scrape.
  let deliveryRead: Promise<Awaited<ReturnType<HealthStore['deliveries']>>> | null = null;
  const readDeliveries = () => {
    deliveryRead ??= store.deliveries().finally(() => setImmediate(() => (deliveryRead = null)));
    return deliveryRead;
  };
  new Gauge({
    name: 'claimwatch_deliveries',
    help: 'Deliveries (digests and alerts) by state',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { byStatus } = await readDeliveries();
      for (const status of ['pending', 'sending', 'sent', 'failed'] as const) this.set({ status }, byStatus[status] ?? 0);
    },
  });
  new Gauge({
    name: 'claimwatch_delivery_oldest_pending_age_seconds',
    help: 'Age of the oldest delivery waiting to be sent (0 when none)',
    registers: [registry],
    async collect() {
      const { oldestPendingAt } = await readDeliveries();
      this.set(oldestPendingAt ? Math.max(0, (Date.now() - oldestPendingAt.getTime()) / 1000) : 0);
    },
  });

  return {
    registry,
    feedPolled(result) {
      fetches.inc({ outcome: result.status });
      pollSeconds.observe({ outcome: result.status }, result.ms / 1000);
      stored.inc(result.newArticleIds.length);
    },
    cycleFinished(_summary, at) {
      cycles.inc();
      lastCycle.set(at.getTime() / 1000);
    },
    countPosts(posters) {
      const counted: Partial<Record<Platform, Poster>> = {};
      for (const [platform, poster] of Object.entries(posters) as [Platform, Poster][]) {
        counted[platform] = {
          async post(channel, reply, opts) {
            const result = await poster.post(channel, reply, opts);
            posts.inc({ platform, outcome: postOutcome(result) });
            return result;
          },
        };
      }
      return counted;
    },
  };
}
