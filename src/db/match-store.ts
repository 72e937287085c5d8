/**
 * What matching reads and writes: the catalog for the matcher, recent stories, an article's topics and
 * evidence, drifts, and claim status with its history.
 * @module
 */
import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import {
  articleTopics,
  articles,
  claimEntities,
  claimStatusHistory,
  claims,
  drifts,
  entities,
  entityAliases,
  evidence,
  stories,
  topics,
  type ClaimStatus,
  type DriftPhrasing,
  type Figure,
} from './schema.js';
import type { MatcherCatalog } from '../match/matcher.js';
import type { RecentStory } from '../match/stories.js';

/** The active catalog as the matcher takes it. */
export async function loadMatcherCatalog(db: Db): Promise<MatcherCatalog> {
  const [entityRows, aliasRows, topicRows, claimRows, claimEntityRows] = await Promise.all([
    db.select().from(entities).orderBy(asc(entities.id)),
    db.select().from(entityAliases),
    db.select().from(topics).orderBy(asc(topics.id)),
    db.select().from(claims).where(eq(claims.active, true)).orderBy(asc(claims.importance), asc(claims.id)),
    db
      .select({ claimId: claimEntities.claimId, slug: entities.slug })
      .from(claimEntities)
      .innerJoin(entities, eq(entities.id, claimEntities.entityId))
      .orderBy(asc(claimEntities.claimId), asc(claimEntities.position)),
  ]);
  const aliasesByEntity = new Map<number, string[]>();
  for (const alias of aliasRows) aliasesByEntity.set(alias.entityId, [...(aliasesByEntity.get(alias.entityId) ?? []), alias.alias]);
  return {
    entities: entityRows.map((e) => ({ slug: e.slug, names: [e.name, ...(aliasesByEntity.get(e.id) ?? [])] })),
    topics: topicRows.map((t) => ({ slug: t.slug, query: t.query })),
    claims: claimRows.map((c) => ({
      slug: c.slug,
      statement: c.statement,
      entities: claimEntityRows.filter((row) => row.claimId === c.id).map((row) => row.slug),
      terms: c.terms,
      figure: c.figure,
    })),
  };
}

/** An article as matching reads it. */
export interface ArticleForMatching {
  id: number;
  url: string | null;
  title: string;
  content: string;
  summary: string;
  language: 'zh' | 'en' | 'und';
  outlet: string | null;
  publishedAt: Date;
  storyId: number | null;
  backlog: boolean;
}

/** Loads articles by id, in id order. */
export async function loadArticles(db: Db, ids: number[]): Promise<ArticleForMatching[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: articles.id,
      url: articles.url,
      title: articles.title,
      content: articles.content,
      summary: articles.summary,
      language: articles.language,
      outlet: articles.outlet,
      publishedAt: articles.publishedAt,
      storyId: articles.storyId,
      backlog: articles.backlog,
    })
    .from(articles)
    .where(inArray(articles.id, ids))
    .orderBy(asc(articles.id));
  return rows.map((row) => ({ ...row, language: row.language as ArticleForMatching['language'] }));
}

/** Ids of every stored article, oldest first (`claimwatch rematch`). */
export async function allArticleIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: articles.id }).from(articles).orderBy(asc(articles.publishedAt), asc(articles.id));
  return rows.map((row) => row.id);
}

/** Articles stored but not yet matched, oldest first. */
export async function unmatchedArticleIds(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(isNull(articles.matchedAt))
    .orderBy(asc(articles.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Stories seen since `since`, for attaching rewrites. */
export async function loadRecentStories(db: Db, since: Date): Promise<RecentStory[]> {
  const rows = await db.select().from(stories).where(gte(stories.lastSeenAt, since));
  return rows.map((row) => ({
    storyId: row.id,
    signature: row.signature ?? [],
    entities: row.entities,
    figures: row.figureKeys,
    origin: row.origin,
    publishedAt: row.firstSeenAt,
  }));
}

/** True when another article of the story already rests on `origin`. */
export async function storyHasOrigin(db: Db, storyId: number, origin: string, exceptArticleId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.storyId, storyId), eq(articles.origin, origin), sql`${articles.id} <> ${exceptArticleId}`))
    .limit(1);
  return row !== undefined;
}

/** Starts a story with its first article. */
export async function createStory(
  db: Db,
  story: { title: string; firstSeenAt: Date; signature: number[]; entities: string[]; figureKeys: string[]; origin: string },
): Promise<number> {
  const [row] = await db
    .insert(stories)
    .values({ ...story, lastSeenAt: story.firstSeenAt })
    .returning({ id: stories.id });
  if (!row) throw new Error('match: story insert returned no row');
  return row.id;
}

/** One piece of evidence as matching produced it. */
export interface EvidenceToStore {
  claimSlug: string;
  stance: (typeof evidence.$inferInsert)['stance'];
  tier: (typeof evidence.$inferInsert)['tier'];
  quote: string;
  score: number;
  figure: Figure | null;
  phrasings: { kind: string; value: string; text: string }[];
}

/**
 * Writes an article's match in one transaction: its origin and story, its topics, and its evidence
 * (replacing what an earlier match of the same article recorded). Returns the ids of the claims touched.
 */
export async function saveArticleMatch(
  db: Db,
  match: {
    articleId: number;
    origin: string;
    storyId: number;
    topics: { slug: string; fired: string[] }[];
    evidence: EvidenceToStore[];
    matchedAt: Date;
  },
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx
      .update(articles)
      .set({ origin: match.origin, storyId: match.storyId, matchedAt: match.matchedAt })
      .where(eq(articles.id, match.articleId));
    await tx
      .update(stories)
      .set({ lastSeenAt: sql`greatest(${stories.lastSeenAt}, ${match.matchedAt.toISOString()}::timestamptz)` })
      .where(eq(stories.id, match.storyId));

    await tx.delete(articleTopics).where(eq(articleTopics.articleId, match.articleId));
    if (match.topics.length > 0) {
      const topicRows = await tx.select({ id: topics.id, slug: topics.slug }).from(topics).where(inArray(topics.slug, match.topics.map((t) => t.slug)));
      const topicId = new Map(topicRows.map((row) => [row.slug, row.id]));
      const values = match.topics.flatMap((t) => (topicId.has(t.slug) ? [{ articleId: match.articleId, topicId: topicId.get(t.slug)!, terms: t.fired }] : []));
      if (values.length > 0) await tx.insert(articleTopics).values(values);
    }

    const previous = await tx.select({ claimId: evidence.claimId }).from(evidence).where(eq(evidence.articleId, match.articleId));
    const claimRows = match.evidence.length
      ? await tx.select({ id: claims.id, slug: claims.slug }).from(claims).where(inArray(claims.slug, match.evidence.map((e) => e.claimSlug)))
      : [];
    const claimId = new Map(claimRows.map((row) => [row.slug, row.id]));
    const kept: number[] = [];
    for (const item of match.evidence) {
      const id = claimId.get(item.claimSlug);
      if (id === undefined) continue;
      kept.push(id);
      const values = {
        claimId: id,
        articleId: match.articleId,
        stance: item.stance,
        tier: item.tier,
        quote: item.quote,
        score: item.score,
        figure: item.figure,
        phrasings: item.phrasings,
        origin: match.origin,
        updatedAt: match.matchedAt,
      };
      await tx
        .insert(evidence)
        .values({ ...values, createdAt: match.matchedAt })
        .onConflictDoUpdate({ target: [evidence.claimId, evidence.articleId], set: values });
    }
    const stale = previous.map((row) => row.claimId).filter((id) => !kept.includes(id));
    if (stale.length > 0) {
      await tx.delete(evidence).where(and(eq(evidence.articleId, match.articleId), inArray(evidence.claimId, stale)));
    }
    return [...new Set([...kept, ...stale])];
  });
}

/** A claim's evidence phrasings and automatic origins, for drift and status. */
export interface ClaimEvidenceSummary {
  claimId: number;
  slug: string;
  status: ClaimStatus;
  figure: Figure | null;
  terms: string[];
  phrasings: { kind: string; value: string; text: string; articleUrl: string | null; origin: string }[];
  supporting: string[];
  contradicting: string[];
}

/** Loads what drift and status need for the given claims. */
export async function loadClaimEvidence(db: Db, claimIds: number[]): Promise<ClaimEvidenceSummary[]> {
  if (claimIds.length === 0) return [];
  const [claimRows, evidenceRows] = await Promise.all([
    db.select().from(claims).where(inArray(claims.id, claimIds)),
    db
      .select({
        claimId: evidence.claimId,
        stance: evidence.stance,
        tier: evidence.tier,
        origin: evidence.origin,
        phrasings: evidence.phrasings,
        url: articles.url,
      })
      .from(evidence)
      .innerJoin(articles, eq(articles.id, evidence.articleId))
      .where(inArray(evidence.claimId, claimIds))
      .orderBy(asc(articles.publishedAt), asc(evidence.id)),
  ]);
  return claimRows.map((claim) => {
    const own = evidenceRows.filter((row) => row.claimId === claim.id);
    const auto = own.filter((row) => row.tier === 'auto');
    return {
      claimId: claim.id,
      slug: claim.slug,
      status: claim.status,
      figure: claim.figure,
      terms: claim.terms,
      phrasings: own.flatMap((row) => row.phrasings.map((p) => ({ ...p, articleUrl: row.url, origin: row.origin }))),
      supporting: auto.filter((row) => row.stance === 'supports').map((row) => row.origin),
      contradicting: auto.filter((row) => row.stance === 'contradicts').map((row) => row.origin),
    };
  });
}

/** Records drifts, once each; returns those that are new. */
export async function saveDrifts(
  db: Db,
  claimId: number,
  found: { kind: string; key: string; phrasings: DriftPhrasing[] }[],
  now: Date,
): Promise<{ kind: string; key: string }[]> {
  if (found.length === 0) return [];
  return db
    .insert(drifts)
    .values(found.map((drift) => ({ claimId, kind: drift.kind, key: drift.key, phrasings: drift.phrasings, createdAt: now })))
    .onConflictDoNothing({ target: drifts.key })
    .returning({ kind: drifts.kind, key: drifts.key });
}

/** Changes a claim's status and keeps the change in its history, atomically. */
export async function setClaimStatus(
  db: Db,
  claimId: number,
  change: { from: ClaimStatus; to: ClaimStatus; cause: string; actor: string; at: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(claims)
      .set({ status: change.to, updatedAt: change.at })
      // Only from the status we read: a concurrent change wins and this one is skipped.
      .where(and(eq(claims.id, claimId), eq(claims.status, change.from)))
      .returning({ id: claims.id });
    if (updated.length === 0) return false;
    await tx.insert(claimStatusHistory).values({
      claimId,
      fromStatus: change.from,
      toStatus: change.to,
      cause: change.cause,
      actor: change.actor,
      at: change.at,
    });
    return true;
  });
}
