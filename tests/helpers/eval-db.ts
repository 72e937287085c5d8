/**
 * A database with the real catalog and the labelled evaluation articles stored and matched: what the chat,
 * matching and digest tests need for `/facts` answers with real claims, sources and drifts.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { loadCatalog } from '../../src/catalog/index.js';
import { syncCatalog } from '../../src/db/catalog-sync.js';
import { storeArticles } from '../../src/db/article-store.js';
import type { Db } from '../../src/db/client.js';
import { feeds } from '../../src/db/schema.js';
import { contentHash } from '../../src/ingest/normalize/index.js';
import { matchArticles, type MatchingSummary } from '../../src/match/run-matching.js';
import { loadGold } from '../eval/evaluate.js';
import { createMatchingStore } from '../../src/db/matching-store.js';

type GoldArticle = Awaited<ReturnType<typeof loadGold>>[number];

/** Loads `feeds/` (entities, topics, claims; no feeds) into the database. */
export async function syncRealCatalog(db: Db): Promise<void> {
  const catalog = await loadCatalog({ dataDir: join(import.meta.dirname, '../../feeds') });
  await syncCatalog(db, { ...catalog, feeds: [] });
}

/** Creates the feed row eval articles are stored under. */
export async function createEvalFeed(db: Db, url = 'https://eval.example/feed'): Promise<number> {
  const [feed] = await db.insert(feeds).values({ url }).returning({ id: feeds.id });
  return feed!.id;
}

/**
 * Stores eval articles (all, or those `filter` keeps) as seen at `seenAt`, published when the set says
 * (or at `publishedAt`), and matches them with the clock at `now`.
 */
export async function storeAndMatchEval(
  db: Db,
  feedId: number,
  opts: { now: Date; seenAt?: Date; publishedAt?: Date; backlog?: boolean; filter?: (article: GoldArticle) => boolean; set?: string },
): Promise<MatchingSummary> {
  const gold = (await loadGold(opts.set)).filter(opts.filter ?? (() => true));
  const stored = await storeArticles(
    db,
    feedId,
    gold.map((article) => ({
      backlog: opts.backlog ?? false,
      article: {
        url: article.url,
        guid: null,
        title: article.title,
        summary: '',
        content: article.text,
        language: article.language,
        publishedAt: opts.publishedAt ?? new Date(article.published),
        publishedEstimated: false,
        outlet: article.outlet,
        author: null,
        contentHash: contentHash(article.title, article.text),
      },
    })),
    opts.seenAt ?? opts.now,
  );
  return matchArticles(stored.newArticleIds, { store: createMatchingStore(db), now: () => opts.now, log: pino({ level: 'silent' }) });
}
