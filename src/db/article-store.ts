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
  /** False when screening found nothing for matching to do (src/match/screen.ts): stored as matched. */
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
 * and not stored again. One transaction per feed, with multi-row statements: on PGlite every statement runs
 * on the main thread, so a feed costs a handful of statements, not two per item.
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

    // Items no stored article matches, each once: a later item sharing a key with an earlier one is its duplicate.
    const fresh: { item: ArticleToStore; keys: string[] }[] = [];
    const claimedInBatch = new Map<string, number>();
    let duplicates = 0;
    for (const [index, item] of items.entries()) {
      const keys = keysByItem[index] ?? [];
      if (firstKnown(keys, known) !== undefined || keys.some((key) => claimedInBatch.has(key))) {
        duplicates++;
        continue;
      }
      for (const key of keys) claimedInBatch.set(key, fresh.length);
      fresh.push({ item, keys });
    }

    const newArticleIds: number[] = [];
    const freshArticleIds: number[] = [];
    if (fresh.length > 0) {
      const inserted = await tx
        .insert(articles)
        .values(fresh.map(({ item }) => toRow(item, now)))
        .returning({ id: articles.id, contentHash: articles.contentHash });
      // The content hash is one of each item's keys, so it is unique in `fresh` and ties rows to items.
      const idByHash = new Map(inserted.map((row) => [row.contentHash, row.id]));
      const ids = fresh.map(({ item }) => idByHash.get(item.article.contentHash)!);
      const claimed = new Set(
        (
          await tx
            .insert(articleKeys)
            .values(fresh.flatMap(({ keys }, i) => keys.map((key) => ({ key, articleId: ids[i]! }))))
            .onConflictDoNothing()
            .returning({ key: articleKeys.key })
        ).map((row) => row.key),
      );
      for (const [i, { item, keys }] of fresh.entries()) {
        let articleId = ids[i]!;
        if (keys.every((key) => claimed.has(key))) {
          newArticleIds.push(articleId);
          if (!item.backlog) freshArticleIds.push(articleId);
        } else {
          // Another worker stored the same article between our read and insert: keep theirs.
          const taken = keys.filter((key) => !claimed.has(key));
          const [owner] = await tx
            .select({ articleId: articleKeys.articleId })
            .from(articleKeys)
            .where(inArray(articleKeys.key, taken))
            .limit(1);
          await tx.delete(articles).where(eq(articles.id, articleId));
          if (!owner) throw new Error('store: conflicting article key vanished');
          articleId = owner.articleId;
          duplicates++;
        }
        for (const key of keys) known.set(key, articleId);
      }
    }
    // Duplicates: link them to the stored article, and add the weaker keys they bring (e.g. a new URL for a
    // known hash) so later polls match fast.
    const touched = new Set<number>();
    const keyRows: { key: string; articleId: number }[] = [];
    for (const keys of keysByItem) {
      const articleId = firstKnown(keys, known);
      if (articleId === undefined) continue;
      touched.add(articleId);
      for (const key of keys) {
        if (known.has(key)) continue;
        known.set(key, articleId);
        keyRows.push({ key, articleId });
      }
    }
    if (keyRows.length > 0) await tx.insert(articleKeys).values(keyRows).onConflictDoNothing();
    if (touched.size > 0) {
      await tx
        .insert(articleFeeds)
        .values([...touched].map((articleId) => ({ articleId, feedId, firstSeenAt: now })))
        .onConflictDoNothing();
    }
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
    matchedAt: item.needsMatching === false ? now : null,
  };
}

/** Number of stored articles, for summaries. */
export async function countArticles(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
  return row?.n ?? 0;
}
