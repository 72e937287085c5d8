/**
 * What matching reads and writes: the catalog for the matcher, the articles to match, recent stories, and a
 * batch's stories, origins, topics and evidence. Claim status and drifts are in claim-store.ts.
 * @module
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { jsonParam } from './json-param.js';
import { rowsOf } from './raw-rows.js';
import {
  articleAssertions,
  articleTopics,
  articles,
  claimEntities,
  claims,
  entities,
  entityAliases,
  evidence,
  stories,
  topics,
} from './schema.js';
import type { MatcherCatalog } from '../match/matcher.js';
import type { RecentStory } from '../stories/grouping.js';
import type { ArticleForMatching, ArticleMatchToSave, MatchBatch, StoryFacts, StoryLookup } from '../match/store.js';
import { YIELDING_BASES } from '../stories/place-article.js';

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
    entities: entityRows.map((e) => ({ slug: e.slug, kind: e.kind, names: [e.name, ...(aliasesByEntity.get(e.id) ?? [])] })),
    topics: topicRows.map((t) => ({ slug: t.slug, query: t.query })),
    claims: claimRows.map((c) => ({
      slug: c.slug,
      statement: c.statement,
      entities: claimEntityRows.filter((row) => row.claimId === c.id).map((row) => row.slug),
      terms: c.terms,
      figure: c.figure,
      parts: c.parts,
    })),
  };
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

/**
 * Stories that some article of the batch may join (createStoryIndex: an entity or a band key in common, first
 * seen within `windowMs` of the article), through the GIN indexes: a week of stories is
 * never read whole.
 */
export async function loadCandidateStories(db: Db, lookups: StoryLookup[], windowMs: number, alsoIds: number[] = []): Promise<RecentStory[]> {
  if (lookups.length === 0 && alsoIds.length === 0) return [];
  // The batch travels as one JSON parameter: both drivers pass text alike, whatever their array handling.
  const batch = jsonParam(
    lookups.map((lookup) => ({
      keys: lookup.sketch,
      entities: lookup.entities,
      from: new Date(lookup.publishedAt.getTime() - windowMs).toISOString(),
      to: new Date(lookup.publishedAt.getTime() + windowMs).toISOString(),
    })),
  );
  const candidates = sql`
    select story.id from jsonb_to_recordset(${batch}::jsonb) as a(keys integer[], entities text[], "from" timestamptz, "to" timestamptz)
    cross join lateral (
      select ${stories.id} as id from ${stories}
      where ${stories.firstSeenAt} between a."from" and a."to"
        and (${stories.entities} ?| a.entities or ${stories.sketch} && a.keys)
    ) as story`;
  const rows = await db
    .select({
      id: stories.id,
      signature: stories.signature,
      entities: stories.entities,
      figureKeys: stories.figureKeys,
      claims: stories.claims,
      details: stories.details,
      claimSources: stories.claimSources,
      origin: stories.origin,
      firstSeenAt: stories.firstSeenAt,
      sketch: stories.sketch,
    })
    .from(stories)
    .where(alsoIds.length > 0 ? sql`${stories.id} in (${candidates}) or ${inArray(stories.id, alsoIds)}` : sql`${stories.id} in (${candidates})`)
    .orderBy(asc(stories.id));
  return rows.map((row) => ({
    storyId: row.id,
    signature: row.signature ?? [],
    entities: row.entities,
    figures: row.figureKeys,
    claims: row.claims,
    ...(row.details.length > 0 ? { details: row.details } : {}),
    ...(Object.keys(row.claimSources).length > 0 ? { claimSources: row.claimSources } : {}),
    origin: row.origin,
    publishedAt: row.firstSeenAt,
    sketch: row.sketch,
  }));
}

/**
 * Writes a batch of matches in one transaction: the batch's new stories, each article's origin, story and
 * matched time, its topics and its evidence (replacing what an earlier match of the same article recorded).
 * A crash leaves the whole batch unmatched, to be matched again. Returns the new stories' ids by ref and,
 * by article id, the ids of the claims whose evidence changed.
 */
export async function saveMatchBatch(
  db: Db,
  batch: MatchBatch,
): Promise<{ storyIds: Map<number, number>; touchedClaims: Map<number, number[]> }> {
  const { newStories, matches, storyOrigins, storyFacts = new Map<number, StoryFacts>(), matchedAt } = batch;
  return db.transaction(async (tx) => {
    const storyIds = new Map<number, number>();
    if (newStories.length > 0) {
      const inserted = await tx
        .insert(stories)
        .values(
          newStories.map((story) => ({
            title: story.title,
            firstSeenAt: story.firstSeenAt,
            lastSeenAt: matchedAt,
            signature: story.signature,
            sketch: story.sketch,
            entities: story.entities,
            figureKeys: story.figureKeys,
            claims: story.claims,
            details: story.details,
            claimSources: story.claimSources,
            origin: story.origin,
          })),
        )
        .returning({ id: stories.id });
      // Identity values are drawn in VALUES order within one insert.
      inserted.map((row) => row.id).sort((a, b) => a - b).forEach((id, i) => storyIds.set(newStories[i]!.ref, id));
    }
    const storyOf = (ref: number | null): number | null => (ref === null || ref > 0 ? ref : storyIds.get(ref)!);
    const articleIds = matches.map((match) => match.articleId);

    // A reason written before its story had an id names it by ref ("repeats 11 facts of story #-1"): name the id.
    const reasonOf = (match: ArticleMatchToSave): string =>
      match.storyRef !== null && match.storyRef < 0 ? match.originReason.replaceAll(`story #${match.storyRef}`, `story #${storyOf(match.storyRef)}`) : match.originReason;
    const rows = jsonParam(
      matches.map((match) => ({ id: match.articleId, origin: match.origin, basis: match.originBasis, reason: reasonOf(match), story_id: storyOf(match.storyRef) })),
    );
    await tx.execute(sql`
      update ${articles} set origin = v.origin, origin_basis = v.basis, origin_reason = v.reason, story_id = v.story_id,
        matched_at = ${matchedAt.toISOString()}::timestamptz
      from jsonb_to_recordset(${rows}::jsonb) as v(id integer, origin text, basis text, reason text, story_id integer)
      where ${articles.id} = v.id`);
    if (storyFacts.size > 0) {
      const rows = jsonParam([...storyFacts].map(([id, facts]) => ({ id, claims: facts.claims, details: facts.details, claim_sources: facts.claimSources })));
      // Merged with what is stored, not overwritten: another worker may have added members meanwhile.
      await tx.execute(sql`
        update ${stories} set
          claims = (select coalesce(jsonb_agg(distinct e), '[]'::jsonb) from jsonb_array_elements(${stories.claims} || v.claims) as e),
          details = (select coalesce(jsonb_agg(distinct e), '[]'::jsonb) from jsonb_array_elements(${stories.details} || v.details) as e),
          claim_sources = v.claim_sources || ${stories.claimSources}
        from jsonb_to_recordset(${rows}::jsonb) as v(id integer, claims jsonb, details jsonb, claim_sources jsonb)
        where ${stories.id} = v.id`);
    }
    const joined = [...new Set(matches.flatMap((match) => (match.storyRef !== null && match.storyRef > 0 ? [match.storyRef] : [])))];
    if (joined.length > 0) {
      await tx
        .update(stories)
        .set({ lastSeenAt: sql`greatest(${stories.lastSeenAt}, ${matchedAt.toISOString()}::timestamptz)` })
        .where(inArray(stories.id, joined));
    }

    await tx.delete(articleAssertions).where(inArray(articleAssertions.articleId, articleIds));
    const assertionRows = matches.flatMap((match) => match.assertions.map((row) => ({ ...row, articleId: match.articleId })));
    if (assertionRows.length > 0) await tx.insert(articleAssertions).values(assertionRows);

    await tx.delete(articleTopics).where(inArray(articleTopics.articleId, articleIds));
    const topicSlugs = [...new Set(matches.flatMap((match) => match.topics.map((t) => t.slug)))];
    if (topicSlugs.length > 0) {
      const topicId = new Map((await tx.select({ id: topics.id, slug: topics.slug }).from(topics).where(inArray(topics.slug, topicSlugs))).map((row) => [row.slug, row.id]));
      const values = matches.flatMap((match) =>
        match.topics.flatMap((t) => (topicId.has(t.slug) ? [{ articleId: match.articleId, topicId: topicId.get(t.slug)!, terms: t.fired }] : [])),
      );
      if (values.length > 0) await tx.insert(articleTopics).values(values);
    }

    const previous = await tx.select({ articleId: evidence.articleId, claimId: evidence.claimId }).from(evidence).where(inArray(evidence.articleId, articleIds));
    const claimSlugs = [...new Set(matches.flatMap((match) => match.evidence.map((e) => e.claimSlug)))];
    const claimId = new Map(
      claimSlugs.length > 0 ? (await tx.select({ id: claims.id, slug: claims.slug }).from(claims).where(inArray(claims.slug, claimSlugs))).map((row) => [row.slug, row.id]) : [],
    );
    const kept = new Set<string>();
    const values = matches.flatMap((match) =>
      match.evidence.flatMap((item) => {
        const id = claimId.get(item.claimSlug);
        if (id === undefined) return [];
        kept.add(`${match.articleId}:${id}`);
        return [{
          claimId: id,
          articleId: match.articleId,
          stance: item.stance,
          tier: item.tier,
          quote: item.quote,
          score: item.score,
          figure: item.figure,
          phrasings: item.phrasings,
          origin: item.origin ?? match.origin,
          createdAt: matchedAt,
          updatedAt: matchedAt,
        }];
      }),
    );
    if (values.length > 0) {
      await tx
        .insert(evidence)
        .values(values)
        .onConflictDoUpdate({
          target: [evidence.claimId, evidence.articleId],
          // Keeps created_at: evidence re-found by a rematch is not new.
          set: {
            stance: sql`excluded.stance`,
            tier: sql`excluded.tier`,
            quote: sql`excluded.quote`,
            score: sql`excluded.score`,
            figure: sql`excluded.figure`,
            phrasings: sql`excluded.phrasings`,
            origin: sql`excluded.origin`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
    const stale = previous.filter((row) => !kept.has(`${row.articleId}:${row.claimId}`));
    if (stale.length > 0) {
      await tx
        .delete(evidence)
        .where(sql`(${evidence.articleId}, ${evidence.claimId}) in (${sql.join(stale.map((row) => sql`(${row.articleId}, ${row.claimId})`), sql`, `)})`);
    }
    const adopted: { articleId: number; claimId: number }[] = [];
    for (const change of storyOrigins) {
      const storyId = storyOf(change.storyRef)!;
      adopted.push(...(await adoptStoryOrigin(tx, storyId, change.origin, change.reason(storyId))));
    }
    const touchedClaims = new Map<number, number[]>();
    for (const row of [...values, ...stale, ...adopted]) touchedClaims.set(row.articleId, [...(touchedClaims.get(row.articleId) ?? []), row.claimId]);
    return { storyIds, touchedClaims };
  });
}

/**
 * A story whose origin was unknown learned it from a new member: the story takes it, and every member that
 * had no origin of its own (basis `unknown`, or a provisional `unnamed-sources`: see placeArticle) becomes a
 * rewrite of it, its evidence with it. Returns the
 * evidence rows whose origin changed, so their claims' status is derived again.
 */
async function adoptStoryOrigin(tx: Db, storyId: number, origin: string, reason: string): Promise<{ articleId: number; claimId: number }[]> {
  await tx.update(stories).set({ origin }).where(and(eq(stories.id, storyId), sql`(${stories.origin} is null or ${stories.origin} = 'unknown')`));
  const yielding = sql`${articles.storyId} = ${storyId} and ${inArray(articles.originBasis, [...YIELDING_BASES])}`;
  // Evidence first, while the articles still carry their old origin: a sentence that named a source of its
  // own keeps it (background credited to nobody is `unknown` like its article, and takes the story's origin).
  const changed = await rowsOf<{ article_id: number; claim_id: number }>(tx.execute(sql`
    update ${evidence} set origin = ${origin}
    from ${articles}
    where ${evidence.articleId} = ${articles.id} and ${yielding} and ${evidence.origin} = ${articles.origin}
    returning ${evidence.articleId} as article_id, ${evidence.claimId} as claim_id`));
  await tx.update(articles).set({ origin, originBasis: 'rewrite', originReason: reason }).where(yielding);
  return changed.map((row) => ({ articleId: row.article_id, claimId: row.claim_id }));
}
