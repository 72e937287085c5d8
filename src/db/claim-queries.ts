/**
 * Read models of claims and stories, in the shapes `claimwatch claims --json`, `stories --json` and
 * `/facts` promise to scripts.
 * @module
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import type { ClaimListing, StoryListing } from '../model/index.js';
import { isKnownOrigin } from '../stories/place-article.js';
import { UNKNOWN_ORIGIN } from '../stories/attribution.js';
import {
  articles,
  claimEntities,
  claimTopics,
  claims,
  drifts,
  entities,
  evidence,
  stories,
  topics,
} from './schema.js';

/**
 * Active claims with their evidence (best first), origins and drifts. `entitySlug` keeps the claims about
 * one entity; `slugs` keeps the named claims.
 */
export async function listClaims(db: Db, filter: { entitySlug?: string; slugs?: string[] } = {}): Promise<ClaimListing[]> {
  let claimIds: number[] | undefined;
  if (filter.entitySlug) {
    const rows = await db
      .select({ id: claimEntities.claimId })
      .from(claimEntities)
      .innerJoin(entities, eq(entities.id, claimEntities.entityId))
      .where(eq(entities.slug, filter.entitySlug));
    claimIds = rows.map((row) => row.id);
    if (claimIds.length === 0) return [];
  }
  const claimRows = await db
    .select()
    .from(claims)
    .where(
      and(
        eq(claims.active, true),
        claimIds ? inArray(claims.id, claimIds) : undefined,
        filter.slugs ? inArray(claims.slug, filter.slugs) : undefined,
      ),
    )
    .orderBy(asc(claims.importance), asc(claims.id));
  if (claimRows.length === 0) return [];
  const ids = claimRows.map((row) => row.id);
  const [entityRows, topicRows, evidenceRows, driftRows] = await Promise.all([
    db
      .select({ claimId: claimEntities.claimId, slug: entities.slug })
      .from(claimEntities)
      .innerJoin(entities, eq(entities.id, claimEntities.entityId))
      .where(inArray(claimEntities.claimId, ids))
      .orderBy(asc(claimEntities.position)),
    db
      .select({ claimId: claimTopics.claimId, slug: topics.slug })
      .from(claimTopics)
      .innerJoin(topics, eq(topics.id, claimTopics.topicId))
      .where(inArray(claimTopics.claimId, ids))
      .orderBy(asc(topics.id)),
    db
      .select({
        claimId: evidence.claimId,
        articleUrl: articles.url,
        articleTitle: articles.title,
        outlet: articles.outlet,
        origin: evidence.origin,
        stance: evidence.stance,
        tier: evidence.tier,
        quote: evidence.quote,
        score: evidence.score,
        figure: evidence.figure,
        publishedAt: articles.publishedAt,
        storyId: articles.storyId,
        language: articles.language,
      })
      .from(evidence)
      .innerJoin(articles, eq(articles.id, evidence.articleId))
      .where(inArray(evidence.claimId, ids))
      .orderBy(asc(sql`case when ${evidence.tier} = 'auto' then 0 else 1 end`), desc(evidence.score), asc(articles.publishedAt)),
    db.select().from(drifts).where(inArray(drifts.claimId, ids)).orderBy(asc(drifts.id)),
  ]);
  return claimRows.map((claim) => {
    const own = evidenceRows.filter((row) => row.claimId === claim.id);
    return {
      slug: claim.slug,
      headline: claim.headline,
      statement: claim.statement,
      status: claim.status,
      importance: claim.importance,
      figure: claim.figure,
      entities: entityRows.filter((row) => row.claimId === claim.id).map((row) => row.slug),
      topics: topicRows.filter((row) => row.claimId === claim.id).map((row) => row.slug),
      evidence: own.map(({ claimId: _claimId, figure, publishedAt, ...rest }) => ({
        ...rest,
        ...(figure ? { figure } : {}),
        publishedAt: publishedAt.toISOString(),
      })),
      origins: [...new Set(own.filter((row) => row.tier === 'auto' && row.stance === 'supports').map((row) => row.origin).filter(isKnownOrigin))].sort(),
      outlets: [...new Set(own.filter((row) => row.tier === 'auto' && row.stance === 'supports').map((row) => row.outlet ?? row.articleUrl ?? row.origin))].sort(),
      drifts: driftRows
        .filter((row) => row.claimId === claim.id)
        .map((row) => ({ kind: row.kind, phrasings: row.phrasings, variants: row.variants })),
    };
  });
}

/** Stories, newest first, with their articles and distinct origins. */
export async function listStories(db: Db, opts: { limit?: number; since?: Date; ids?: number[] } = {}): Promise<StoryListing[]> {
  const storyRows = await db
    .select()
    .from(stories)
    .where(
      and(
        opts.since ? sql`${stories.lastSeenAt} >= ${opts.since.toISOString()}::timestamptz` : undefined,
        opts.ids ? inArray(stories.id, opts.ids) : undefined,
      ),
    )
    .orderBy(desc(stories.lastSeenAt), desc(stories.id))
    .limit(opts.limit ?? 200);
  if (storyRows.length === 0) return [];
  const articleRows = await db
    .select({
      storyId: articles.storyId,
      url: articles.url,
      outlet: articles.outlet,
      origin: articles.origin,
      originBasis: articles.originBasis,
      originReason: articles.originReason,
      language: articles.language,
      title: articles.title,
    })
    .from(articles)
    .where(inArray(articles.storyId, storyRows.map((row) => row.id)))
    .orderBy(asc(articles.publishedAt), asc(articles.id));
  return storyRows.map((story) => {
    const own = articleRows.filter((row) => row.storyId === story.id).map(({ storyId: _storyId, ...rest }) => rest);
    return {
      id: story.id,
      title: story.title,
      firstSeen: story.firstSeenAt.toISOString(),
      origin: story.origin === UNKNOWN_ORIGIN ? null : story.origin,
      articles: own,
      origins: [...new Set(own.map((row) => row.origin).filter(isKnownOrigin))].sort(),
    };
  });
}

/** One story with its articles, or null. */
export async function findStory(db: Db, id: number): Promise<StoryListing | null> {
  return (await listStories(db, { ids: [id], limit: 1 }))[0] ?? null;
}

/** Looks an article up by its stored (canonical) URL. */
export async function findArticleByUrl(db: Db, url: string) {
  const [row] = await db.select().from(articles).where(eq(articles.url, url)).limit(1);
  return row ?? null;
}

/** Finds a claim by slug. */
export async function findClaim(db: Db, slug: string) {
  const [row] = await db.select().from(claims).where(eq(claims.slug, slug)).limit(1);
  return row ?? null;
}
