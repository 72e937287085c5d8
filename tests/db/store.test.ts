import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { storeArticles } from '../../src/db/article-store.js';
import { claimDueFeeds, recordFeedPolls } from '../../src/db/feed-store.js';
import { createPollWriter } from '../../src/db/poll-writer.js';
import { articleFeeds, articles, feeds } from '../../src/db/schema.js';
import type { DbHandle } from '../../src/db/client.js';
import { scheduleAfterPoll } from '../../src/ingest/fetch-timing/index.js';
import type { NormalizedArticle } from '../../src/ingest/types.js';
import { testDbTargets } from '../helpers/db.js';

const now = new Date('2026-11-23T12:00:00Z');

function article(overrides: Partial<NormalizedArticle>): NormalizedArticle {
  return {
    url: null,
    guid: null,
    title: 'ByteDance spend on Azure',
    summary: '',
    content: 'text',
    language: 'en',
    publishedAt: now,
    publishedEstimated: false,
    outlet: 'Example',
    author: null,
    contentHash: 'h0',
    ...overrides,
  };
}

describe.each(testDbTargets)('stores on $name', (target) => {
  let handle: DbHandle;
  let feedA: number;
  let feedB: number;

  beforeAll(async () => {
    handle = await target.open();
    const rows = await handle.db
      .insert(feeds)
      .values([{ url: 'https://a.example/rss' }, { url: 'https://b.example/rss' }, { url: 'https://c.example/rss', enabled: false }])
      .returning({ id: feeds.id });
    feedA = rows[0]!.id;
    feedB = rows[1]!.id;
  });
  afterAll(async () => handle?.close());

  it('stores an article once across feeds, by URL then guid then content hash', async () => {
    const first = await storeArticles(
      handle.db,
      feedA,
      [
        { article: article({ url: 'https://news.example/a', contentHash: 'h1' }), backlog: false },
        { article: article({ guid: 'tag:news.example,2026:42', contentHash: 'h2' }), backlog: true },
        { article: article({ contentHash: 'h3' }), backlog: false },
        // The same item twice inside one feed.
        { article: article({ url: 'https://news.example/a', contentHash: 'h1' }), backlog: false },
      ],
      now,
    );
    expect(first.newArticleIds).toHaveLength(3);
    expect(first.freshArticleIds).toHaveLength(2);
    expect(first.duplicates).toBe(1);

    const second = await storeArticles(
      handle.db,
      feedB,
      [
        { article: article({ url: 'https://news.example/a', contentHash: 'other' }), backlog: false },
        { article: article({ guid: 'tag:news.example,2026:42', contentHash: 'other2' }), backlog: false },
        { article: article({ url: 'https://mirror.example/x', contentHash: 'h3' }), backlog: false },
        { article: article({ url: 'https://news.example/new', contentHash: 'h4' }), backlog: false },
      ],
      now,
    );
    expect(second.newArticleIds).toHaveLength(1);
    expect(second.duplicates).toBe(3);
    const [{ n }] = (await handle.db.select({ n: sql<number>`count(*)::int` }).from(articles)) as [{ n: number }];
    expect(n).toBe(4);
    const links = await handle.db.select().from(articleFeeds);
    // Articles 1-3 are in both feeds, article 4 only in B.
    expect(links).toHaveLength(7);
  });

  it('scopes short guids to their feed', async () => {
    const a = await storeArticles(handle.db, feedA, [{ article: article({ guid: '1001', contentHash: 's1' }), backlog: false }], now);
    const b = await storeArticles(handle.db, feedB, [{ article: article({ guid: '1001', contentHash: 's2' }), backlog: false }], now);
    expect(a.newArticleIds).toHaveLength(1);
    expect(b.newArticleIds).toHaveLength(1);
  });

  it('writes the polls of several feeds together: articles deduplicated across them, each outcome on its feed', async () => {
    const [c, d] = await handle.db.insert(feeds).values([{ url: 'https://d.example/rss' }, { url: 'https://e.example/rss' }]).returning({ id: feeds.id });
    const writePoll = createPollWriter(handle.db, pino({ level: 'silent' }));
    const schedule = scheduleAfterPoll({ url: 'x', intervalSeconds: 600, consecutiveFailures: 0, failingSince: null }, { kind: 'success' }, now);
    const wire = article({ url: 'https://wire.example/batched', contentHash: 'wire-1' });
    const [first, second, broken] = await Promise.allSettled([
      // A feed title jsonb would refuse as it comes (NUL, a surrogate cut from its pair) is stored cleaned.
      writePoll({ feedId: c!.id, now, items: [{ article: wire, backlog: false }], record: { schedule, fetchedAt: now, succeeded: true, etag: '"c1"', feedTitle: 'Wire\u0000 \ud83d' } }),
      // Written in the same transaction as the next call: the wire story is its duplicate.
      writePoll({ feedId: d!.id, now, items: [{ article: wire, backlog: false }, { article: article({ contentHash: 'own-1' }), backlog: false }], record: { schedule, fetchedAt: now, succeeded: true, etag: '"d1"' } }),
      // A feed that does not exist fails alone; the feeds batched with it are written again without it.
      writePoll({ feedId: 999_999, now, items: [{ article: article({ contentHash: 'orphan' }), backlog: false }], record: { schedule, fetchedAt: now, succeeded: true } }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { newArticleIds: [expect.any(Number)], duplicates: 0 } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { newArticleIds: [expect.any(Number)], duplicates: 1 } });
    expect(broken.status).toBe('rejected');
    const rows = await handle.db.select().from(feeds).where(sql`${feeds.id} in (${c!.id}, ${d!.id})`).orderBy(feeds.id);
    expect(rows[0]!.title).toBe('Wire \ufffd');
    expect(rows.map((row) => [row.etag, row.itemCount, row.leaseOwner, row.firstPolledAt?.getTime()])).toEqual([
      ['"c1"', 1, null, now.getTime()],
      ['"d1"', 2, null, now.getTime()],
    ]);
    expect(await handle.db.select().from(articles).where(sql`${articles.contentHash} = 'orphan'`)).toEqual([]);
  });

  it('claims due feeds once under a lease and frees them when the poll is recorded', async () => {
    const claimed = await claimDueFeeds(handle.db, { owner: 'w1', now, leaseMs: 60_000, limit: 10 });
    expect(claimed.map((f) => f.url).sort()).toEqual(['https://a.example/rss', 'https://b.example/rss']);
    expect(await claimDueFeeds(handle.db, { owner: 'w2', now, leaseMs: 60_000, limit: 10 })).toEqual([]);
    // An expired lease (dead worker) makes the feed claimable again.
    const later = new Date(now.getTime() + 61_000);
    expect(await claimDueFeeds(handle.db, { owner: 'w2', now: later, leaseMs: 60_000, limit: 1 })).toHaveLength(1);

    const feed = claimed[0]!;
    const schedule = scheduleAfterPoll(feed, { kind: 'success' }, later);
    await recordFeedPolls(handle.db, [{ feedId: feed.id, record: { schedule, fetchedAt: later, succeeded: true, etag: '"v1"' } }]);
    const [row] = await handle.db.select().from(feeds).where(sql`${feeds.id} = ${feed.id}`);
    expect(row).toMatchObject({ leaseOwner: null, etag: '"v1"', status: 'ok' });
    expect(row!.firstPolledAt?.getTime()).toBe(later.getTime());
    expect(row!.itemCount).toBeGreaterThan(0);
    expect(await claimDueFeeds(handle.db, { owner: 'w3', now: later, leaseMs: 60_000, limit: 10, notFetchedSince: now })).not.toContainEqual(
      expect.objectContaining({ id: feed.id }),
    );
  });
});
