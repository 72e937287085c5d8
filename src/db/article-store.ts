/**
 * Storing normalized articles exactly once, however many feeds and polls carry them.
 * @module
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { jsonParam } from './json-param.js';
import { rowsOf } from './raw-rows.js';
import { articleFeeds, articleKeys, articles } from './schema.js';
import type { NormalizedArticle } from '../ingest/types.js';
import type { ArticleToStore, StoreArticlesResult } from '../ingest/store.js';

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

/** One feed's share of a store: its articles, and the time it saw them. */
export interface FeedArticles {
  feedId: number;
  items: ArticleToStore[];
  now: Date;
}

/** Stores one feed's articles in a transaction of its own (see storeFeedsArticles). */
export async function storeArticles(db: Db, feedId: number, items: ArticleToStore[], now: Date): Promise<StoreArticlesResult> {
  const [result] = await db.transaction((tx) => storeFeedsArticles(tx, [{ feedId, items, now }]));
  return result!;
}

/**
 * Stores the articles of several feeds; run it inside a transaction (`tx`). An item whose URL, guid or
 * content hash is already known (stored before, or earlier in the batch) is linked to its feed and not
 * stored again. A batch costs five statements however many feeds and items it holds, each carrying its rows
 * as one JSON parameter: on PGlite every statement runs on the bot's main thread, and building and parsing a
 * multi-row VALUES list of 14 columns cost more than the insert itself.
 */
export async function storeFeedsArticles(tx: Db, batch: FeedArticles[]): Promise<StoreArticlesResult[]> {
  const results = batch.map((): StoreArticlesResult => ({ newArticleIds: [], freshArticleIds: [], duplicates: 0 }));
  const entries = batch.flatMap(({ feedId, items, now }, feed) =>
    items.map((item) => ({ feed, feedId, item, now, keys: dedupKeys(item.article, feedId) })),
  );
  if (entries.length === 0) return results;
  const known = new Map<string, number>();
  const allKeys = [...new Set(entries.flatMap((entry) => entry.keys))];
  const existing = await rowsOf<{ key: string; article_id: number }>(
    tx.execute(sql`
      select k.key, k.article_id from ${articleKeys} k
      where k.key in (select jsonb_array_elements_text(${jsonParam(allKeys)}::jsonb))`),
  );
  for (const row of existing) known.set(row.key, row.article_id);

  // Items no stored article matches, each once: a later item sharing a key with an earlier one is its duplicate.
  const fresh: typeof entries = [];
  const claimedInBatch = new Set<string>();
  for (const entry of entries) {
    if (firstKnown(entry.keys, known) !== undefined || entry.keys.some((key) => claimedInBatch.has(key))) {
      results[entry.feed]!.duplicates++;
      continue;
    }
    for (const key of entry.keys) claimedInBatch.add(key);
    fresh.push(entry);
  }

  if (fresh.length > 0) {
    const inserted = await rowsOf<{ id: number; content_hash: string }>(
      tx.execute(sql`
        insert into ${articles} (url, guid, content_hash, title, summary, content, language, outlet, author,
          published_at, published_estimated, first_seen_at, backlog, matched_at)
        select url, guid, content_hash, title, summary, content, language, outlet, author,
          published_at, published_estimated, first_seen_at, backlog, matched_at
        from jsonb_to_recordset(${jsonParam(fresh.map(toRow))}::jsonb) as v(url text, guid text, content_hash text,
          title text, summary text, content text, language text, outlet text, author text, published_at timestamptz,
          published_estimated boolean, first_seen_at timestamptz, backlog boolean, matched_at timestamptz)
        returning id, content_hash`),
    );
    // The content hash is one of each item's keys, so it is unique in `fresh` and ties rows to items.
    const idByHash = new Map(inserted.map((row) => [row.content_hash, row.id]));
    const ids = fresh.map((entry) => idByHash.get(entry.item.article.contentHash)!);
    const keyRows = byKey(fresh.flatMap(({ keys }, i) => keys.map((key) => ({ key, article_id: ids[i]! }))));
    const claimed = new Set(
      (
        await rowsOf<{ key: string }>(
          tx.execute(sql`
            insert into ${articleKeys} (key, article_id)
            select key, article_id from jsonb_to_recordset(${jsonParam(keyRows)}::jsonb) as v(key text, article_id integer)
            on conflict do nothing returning key`),
        )
      ).map((row) => row.key),
    );
    for (const [i, entry] of fresh.entries()) {
      let articleId = ids[i]!;
      const result = results[entry.feed]!;
      if (entry.keys.every((key) => claimed.has(key))) {
        result.newArticleIds.push(articleId);
        if (!entry.item.backlog) result.freshArticleIds.push(articleId);
      } else {
        // Another worker stored the same article between our read and insert: keep theirs.
        const taken = entry.keys.filter((key) => !claimed.has(key));
        const [owner] = await tx
          .select({ articleId: articleKeys.articleId })
          .from(articleKeys)
          .where(inArray(articleKeys.key, taken))
          .limit(1);
        await tx.delete(articles).where(eq(articles.id, articleId));
        if (!owner) throw new Error('store: conflicting article key vanished');
        articleId = owner.articleId;
        result.duplicates++;
      }
      for (const key of entry.keys) known.set(key, articleId);
    }
  }
  // Every item is now known: link it to its feed, and add the weaker keys a duplicate brings (e.g. a new URL
  // for a known hash) so later polls match fast.
  const links = new Map<string, { article_id: number; feed_id: number; first_seen_at: string }>();
  const keyRows: { key: string; article_id: number }[] = [];
  for (const { keys, feedId, now } of entries) {
    const articleId = firstKnown(keys, known);
    if (articleId === undefined) continue;
    links.set(`${articleId}:${feedId}`, { article_id: articleId, feed_id: feedId, first_seen_at: now.toISOString() });
    for (const key of keys) {
      if (known.has(key)) continue;
      known.set(key, articleId);
      keyRows.push({ key, article_id: articleId });
    }
  }
  if (keyRows.length > 0) {
    await tx.execute(sql`
      insert into ${articleKeys} (key, article_id)
      select key, article_id from jsonb_to_recordset(${jsonParam(byKey(keyRows))}::jsonb) as v(key text, article_id integer)
      on conflict do nothing`);
  }
  if (links.size > 0) {
    await tx.execute(sql`
      insert into ${articleFeeds} (article_id, feed_id, first_seen_at)
      select article_id, feed_id, first_seen_at
      from jsonb_to_recordset(${jsonParam([...links.values()])}::jsonb) as v(article_id integer, feed_id integer, first_seen_at timestamptz)
      on conflict do nothing`);
  }
  return results;
}

/**
 * Key rows in one global order: two workers inserting overlapping keys then wait for each other in the same
 * order, never in a cycle (a deadlock PostgreSQL would break by failing one batch).
 */
function byKey<T extends { key: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function firstKnown(keys: string[], known: Map<string, number>): number | undefined {
  for (const key of keys) {
    const id = known.get(key);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** An article's row as the insert's JSON carries it (column names, ISO times). */
function toRow({ item, now }: { item: ArticleToStore; now: Date }) {
  const a = item.article;
  return {
    url: a.url,
    guid: a.guid,
    content_hash: a.contentHash,
    title: a.title,
    summary: a.summary,
    content: a.content,
    language: a.language,
    outlet: a.outlet,
    author: a.author,
    published_at: a.publishedAt.toISOString(),
    published_estimated: a.publishedEstimated,
    first_seen_at: now.toISOString(),
    backlog: item.backlog,
    matched_at: item.needsMatching === false ? now.toISOString() : null,
  };
}

/** Number of stored articles, for summaries. */
export async function countArticles(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
  return row?.n ?? 0;
}
