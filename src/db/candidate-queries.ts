/**
 * What candidate claims read: the assertions stored by matching, with their articles, over a window, less
 * those a claim tracked since then covers.
 * @module
 */
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { groupCandidates, isCovered, type AssertionRow, type Candidate, type CoveringParts } from '../match/bookkeeping/candidates.js';
import { isKnownOrigin } from '../stories/index.js';
import type { Relation } from '../match/claims/relations.js';
import type { Db } from './client.js';
import { articleAssertions, articles, claims } from './schema.js';

/** Stored assertions of articles published in [since, until], with their articles, oldest first. */
export async function loadAssertions(db: Db, window: { since: Date; until: Date }): Promise<AssertionRow[]> {
  const rows = await db
    .select({
      relation: articleAssertions.relation,
      subject: articleAssertions.subject,
      counterpart: articleAssertions.counterpart,
      place: articleAssertions.place,
      negated: articleAssertions.negated,
      sentence: articleAssertions.sentence,
      figure: articleAssertions.figure,
      id: articles.id,
      url: articles.url,
      title: articles.title,
      outlet: articles.outlet,
      origin: articles.origin,
      publishedAt: articles.publishedAt,
    })
    .from(articleAssertions)
    .innerJoin(articles, eq(articles.id, articleAssertions.articleId))
    .where(and(gte(articles.publishedAt, window.since), lte(articles.publishedAt, window.until)))
    .orderBy(asc(articles.publishedAt), asc(articleAssertions.id));
  return rows.map(({ id, url, title, outlet, origin, publishedAt, relation, ...assertion }) => ({
    ...assertion,
    relation: relation as Relation,
    article: { id, url, title, outlet, origin, publishedAt },
  }));
}

/** The parts of the active tracked claims: what a candidate must not repeat. */
export async function loadTrackedParts(db: Db): Promise<CoveringParts[]> {
  const rows = await db.select({ parts: claims.parts }).from(claims).where(eq(claims.active, true));
  return rows.flatMap((row) => (row.parts ? [row.parts] : []));
}


/** Candidate claims from the articles published in [since, until], less those a tracked claim covers. */
export async function loadCandidates(db: Db, window: { since: Date; until: Date }): Promise<Candidate[]> {
  const [rows, tracked] = await Promise.all([loadAssertions(db, window), loadTrackedParts(db)]);
  return groupCandidates(rows.filter((row) => !isCovered(row, tracked)), isKnownOrigin);
}
