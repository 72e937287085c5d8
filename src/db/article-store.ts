/**
 * Storing normalized articles exactly once, however many feeds and polls carry them.
 * @module
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { articleFeeds, articleKeys, articles } from './schema.js';
import type { NormalizedArticle } from '../ingest/types.js';

/** An article to store, with the flags the poll decided. */
export interface ArticleToStore {
  article: NormalizedArticle;
  /** First poll of a new feed, or older than the max age: stored, never alerted. */
  backlog: boolean;
}

export interface StoreArticlesResult {
  /** Ids of articles stored for the first time, in feed order. */
  newArticleIds: number[];
  /** The subset of `newArticleIds` that is not backlog, so may alert. */
  freshArticleIds: number[];
  /** Items already stored (from this feed or another), now linked to this feed too. */
  duplicates: number;
}

/**
 * The dedup keys of an article, strongest first: canonical URL, guid, content hash.
 * A short guid ("1234") is only unique inside its feed, so it is scoped to the feed; a URI-like guid
 * (`tag:`, `urn:`, a URL) is global and also dedups across feeds.
 */
export function dedupKeys(article: NormalizedArticle, feedId: number): string[] {
  const keys: string[] = [];
  if (article.url) keys.push(`url:${article.url}`);
  if (article.guid) {
    const global = /^[a-z][a-z0-9+.-]*:/i.test(article.guid) && article.guid.length >= 12;
    keys.push(global ? `guid:${article.guid}` : `guid:${feedId}:${article.guid}`);
  }
  keys.push(`hash:${article.contentHash}`);
  return keys;
}

/**
 * Stores a feed's articles: an item whose URL, guid or content hash is already known is linked to this feed
 * and not stored again. Runs in one transaction per feed.
 */
export async function storeArticles(
  db: Db,
  feedId: number,
  items: ArticleToStore[],
  now: Date,
): Promise<StoreArticlesResult> {
  if (items.length === 0) return { newArticleIds: [], freshArticleIds: [], duplicates: 0 };
  return db.transaction(async (tx) => {
    const keysByItem = items.map((item) => dedupKeys(item.article, feedId));
    const known = new Map<string, number>();
    const existing = await tx
      .select({ key: articleKeys.key, articleId: articleKeys.articleId })
      .from(articleKeys)
      .where(inArray(articleKeys.key, [...new Set(keysByItem.flat())]));
    for (const row of existing) known.set(row.key, row.articleId);

    const newArticleIds: number[] = [];
    const freshArticleIds: number[] = [];
    const touched = new Set<number>();
    let duplicates = 0;
    for (const [index, item] of items.entries()) {
      const keys = keysByItem[index] ?? [];
      let articleId = firstKnown(keys, known);
      if (articleId !== undefined) {
        duplicates++;
      } else {
        const [row] = await tx
          .insert(articles)
          .values(toRow(item, now))
          .returning({ id: articles.id });
        if (!row) throw new Error('store: insert returned no row');
        const claimed = await tx
          .insert(articleKeys)
          .values(keys.map((key) => ({ key, articleId: row.id })))
          .onConflictDoNothing()
          .returning({ key: articleKeys.key });
        if (claimed.length < keys.length) {
          // Another worker stored the same article between our read and insert: keep theirs.
          const taken = keys.filter((key) => !claimed.some((c) => c.key === key));
          const [owner] = await tx
            .select({ articleId: articleKeys.articleId })
            .from(articleKeys)
            .where(inArray(articleKeys.key, taken))
            .limit(1);
          await tx.delete(articles).where(eq(articles.id, row.id));
          if (!owner) throw new Error('store: conflicting article key vanished');
          articleId = owner.articleId;
          duplicates++;
        } else {
          articleId = row.id;
          newArticleIds.push(row.id);
          if (!item.backlog) freshArticleIds.push(row.id);
        }
      }
      for (const key of keys) if (!known.has(key)) known.set(key, articleId);
      touched.add(articleId);
    }
    // Weaker keys learned from a duplicate (e.g. a new URL for a known hash) are added so later polls match fast.
    const keyRows = [...known].filter(([, id]) => touched.has(id)).map(([key, articleId]) => ({ key, articleId }));
    await tx.insert(articleKeys).values(keyRows).onConflictDoNothing();
    await tx
      .insert(articleFeeds)
      .values([...touched].map((articleId) => ({ articleId, feedId, firstSeenAt: now })))
      .onConflictDoNothing();
    return { newArticleIds, freshArticleIds, duplicates };
  });
}

function firstKnown(keys: string[], known: Map<string, number>): number | undefined {
  for (const key of keys) {
    const id = known.get(key);
    if (id !== undefined) return id;
  }
  return undefined;
}

function toRow(item: ArticleToStore, now: Date): typeof articles.$inferInsert {
  const a = item.article;
  return {
    url: a.url,
    guid: a.guid,
    contentHash: a.contentHash,
    title: a.title,
    summary: a.summary,
    content: a.content,
    language: a.language,
    outlet: a.outlet,
    author: a.author,
    publishedAt: a.publishedAt,
    publishedEstimated: a.publishedEstimated,
    firstSeenAt: now,
    backlog: item.backlog,
  };
}

/** Number of stored articles, for summaries. */
export async function countArticles(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
  return row?.n ?? 0;
}
