/**
 * Feed rows: claiming due feeds under a lease, recording each poll's outcome, and listing them.
 * @module
 */
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { articleFeeds, feeds, type FeedStatus } from './schema.js';
import type { ScheduleUpdate } from '../ingest/schedule/index.js';

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

const dueColumns = {
  id: feeds.id,
  url: feeds.url,
  outlet: feeds.outlet,
  title: feeds.title,
  intervalSeconds: feeds.intervalSeconds,
  etag: feeds.etag,
  lastModified: feeds.lastModified,
  consecutiveFailures: feeds.consecutiveFailures,
  failingSince: feeds.failingSince,
  firstPolledAt: feeds.firstPolledAt,
};

/**
 * Claims up to `limit` due feeds for `owner` until `leaseMs` from now (or, with `notFetchedSince`, every
 * enabled feed not fetched since then, due or not). Rows are taken with
 * `FOR UPDATE SKIP LOCKED`, so workers sharing a PostgreSQL server never take the same feed; a worker
 * that dies leaves its lease to expire and the feed becomes due again.
 */
export async function claimDueFeeds(
  db: Db,
  opts: { owner: string; now: Date; leaseMs: number; limit: number; notFetchedSince?: Date },
): Promise<DueFeed[]> {
  const { owner, now, leaseMs, limit } = opts;
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: feeds.id })
      .from(feeds)
      .where(
        and(
          eq(feeds.enabled, true),
          or(isNull(feeds.leaseUntil), lte(feeds.leaseUntil, now)),
          opts.notFetchedSince
            ? or(isNull(feeds.lastFetchedAt), lt(feeds.lastFetchedAt, opts.notFetchedSince))
            : or(isNull(feeds.nextFetchAt), lte(feeds.nextFetchAt, now)),
        ),
      )
      .orderBy(asc(sql`coalesce(${feeds.nextFetchAt}, 'epoch'::timestamptz)`), asc(feeds.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(feeds)
      .set({ leaseOwner: owner, leaseUntil })
      .where(sql`${feeds.id} in (${sql.join(
        due.map((row) => sql`${row.id}`),
        sql`, `,
      )})`)
      .returning(dueColumns);
  });
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

/** Writes the poll's outcome and releases the lease. */
export async function recordFeedPoll(db: Db, feedId: number, record: FeedPollRecord): Promise<void> {
  const { schedule } = record;
  await db
    .update(feeds)
    .set({
      lastFetchedAt: record.fetchedAt,
      nextFetchAt: schedule.nextFetchAt,
      consecutiveFailures: schedule.consecutiveFailures,
      failingSince: schedule.failingSince,
      status: schedule.status,
      lastError: schedule.lastError,
      ...(schedule.status === 'disabled' ? { enabled: false, disabledReason: schedule.disabledReason } : {}),
      ...(record.succeeded
        ? {
            lastSuccessAt: record.fetchedAt,
            firstPolledAt: sql`coalesce(${feeds.firstPolledAt}, ${record.fetchedAt.toISOString()}::timestamptz)`,
            lastNotice: record.notice ?? null,
            itemCount: sql`(select count(*) from ${articleFeeds} where ${articleFeeds.feedId} = ${feedId})::int`,
          }
        : {}),
      ...(record.etag !== undefined ? { etag: record.etag } : {}),
      ...(record.lastModified !== undefined ? { lastModified: record.lastModified } : {}),
      ...(record.feedTitle ? { title: sql`coalesce(${feeds.title}, ${record.feedTitle})` } : {}),
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(eq(feeds.id, feedId));
}

/** One line of `claimwatch feeds`. */
export interface FeedListing {
  url: string;
  title: string | null;
  outlet: string | null;
  status: FeedStatus;
  lastError: string | null;
  lastNotice: string | null;
  disabledReason: string | null;
  lastFetchedAt: string | null;
  nextFetchAt: string | null;
  itemCount: number;
}

/** Every feed with its status, for the CLI. */
export async function listFeeds(db: Db): Promise<FeedListing[]> {
  const rows = await db.select().from(feeds).orderBy(asc(feeds.id));
  return rows.map((row) => ({
    url: row.url,
    title: row.title,
    outlet: row.outlet,
    status: row.enabled ? row.status : 'disabled',
    lastError: row.lastError,
    lastNotice: row.lastNotice,
    disabledReason: row.disabledReason,
    lastFetchedAt: row.lastFetchedAt?.toISOString() ?? null,
    nextFetchAt: row.nextFetchAt?.toISOString() ?? null,
    itemCount: row.itemCount,
  }));
}
