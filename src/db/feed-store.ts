/**
 * Feed rows: claiming due feeds under a lease, recording each poll's outcome, and listing them.
 * @module
 */
import { and, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { jsonParam } from './json-param.js';
import { articleFeeds, feeds } from './schema.js';
import type { DueFeed, FeedPollRecord } from '../ingest/store.js';
import type { FeedListing } from '../model/index.js';

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

/**
 * Writes several polls' outcomes and releases their leases in one statement (the poll writes feeds in
 * groups: see poll-writer.ts). A field the poll did not learn (no ETag header on a failure) is kept.
 */
export async function recordFeedPolls(db: Db, polls: { feedId: number; record: FeedPollRecord }[]): Promise<void> {
  if (polls.length === 0) return;
  const rows = polls.map(({ feedId, record: { schedule, ...record } }) => ({
    id: feedId,
    fetched_at: record.fetchedAt.toISOString(),
    succeeded: record.succeeded,
    next_fetch_at: schedule.nextFetchAt.toISOString(),
    consecutive_failures: schedule.consecutiveFailures,
    failing_since: schedule.failingSince?.toISOString() ?? null,
    status: schedule.status,
    last_error: schedule.lastError,
    disabled_reason: schedule.disabledReason,
    notice: record.notice ?? null,
    has_etag: record.etag !== undefined,
    etag: record.etag ?? null,
    has_last_modified: record.lastModified !== undefined,
    last_modified: record.lastModified ?? null,
    feed_title: record.feedTitle || null,
  }));
  await db.execute(sql`
    update ${feeds} f set
      last_fetched_at = v.fetched_at,
      next_fetch_at = v.next_fetch_at,
      consecutive_failures = v.consecutive_failures,
      failing_since = v.failing_since,
      status = v.status,
      last_error = v.last_error,
      enabled = case when v.status = 'disabled' then false else f.enabled end,
      disabled_reason = case when v.status = 'disabled' then v.disabled_reason else f.disabled_reason end,
      last_success_at = case when v.succeeded then v.fetched_at else f.last_success_at end,
      first_polled_at = case when v.succeeded then coalesce(f.first_polled_at, v.fetched_at) else f.first_polled_at end,
      last_notice = case when v.succeeded then v.notice else f.last_notice end,
      item_count = case when v.succeeded
        then (select count(*) from ${articleFeeds} af where af.feed_id = f.id)::int else f.item_count end,
      etag = case when v.has_etag then v.etag else f.etag end,
      last_modified = case when v.has_last_modified then v.last_modified else f.last_modified end,
      title = coalesce(f.title, v.feed_title),
      lease_owner = null,
      lease_until = null
    from jsonb_to_recordset(${jsonParam(rows)}::jsonb) as v(id integer, fetched_at timestamptz, succeeded boolean,
      next_fetch_at timestamptz, consecutive_failures integer, failing_since timestamptz, status text, last_error text,
      disabled_reason text, notice text, has_etag boolean, etag text, has_last_modified boolean, last_modified text,
      feed_title text)
    where f.id = v.id`);
}

/** One line of `claimwatch feeds`. */
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
