/**
 * What a digest shows: stories new in a window for some topics, and the changes of the claims in those
 * topics (new evidence, status changes, drifts). Backlog articles never count as new.
 * @module
 */
import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import {
  articleTopics,
  articles,
  chatChannels,
  claimStatusHistory,
  claimTopics,
  claims,
  drifts,
  evidence,
  subscriptions,
  topics,
} from './schema.js';
import type { DigestSubscription } from '../deliver/digest-schedule.js';
import type { DigestData, DigestStory } from '../deliver/store.js';
import { isKnownOrigin } from '../stories/place-article.js';

/** Builds the digest data for topics over (since, until]. */
export async function loadDigestData(db: Db, topicSlugs: string[], since: Date, until: Date): Promise<DigestData> {
  const topicRows = await db.select({ id: topics.id }).from(topics).where(inArray(topics.slug, topicSlugs));
  const topicIds = topicRows.map((row) => row.id);
  if (topicIds.length === 0) return { topics: topicSlugs, since, until, stories: [], claimChanges: [], articleIds: [] };

  const articleRows = await db
    .selectDistinct({
      id: articles.id,
      storyId: articles.storyId,
      title: articles.title,
      url: articles.url,
      outlet: articles.outlet,
      origin: articles.origin,
      firstSeenAt: articles.firstSeenAt,
    })
    .from(articles)
    .innerJoin(articleTopics, eq(articleTopics.articleId, articles.id))
    .where(
      and(
        inArray(articleTopics.topicId, topicIds),
        eq(articles.backlog, false),
        gt(articles.firstSeenAt, since),
        lte(articles.firstSeenAt, until),
        sql`${articles.storyId} is not null`,
      ),
    )
    .orderBy(asc(articles.firstSeenAt), asc(articles.id));
  const evidenceRows = articleRows.length
    ? await db
        .select({ articleId: evidence.articleId, slug: claims.slug })
        .from(evidence)
        .innerJoin(claims, eq(claims.id, evidence.claimId))
        .where(and(inArray(evidence.articleId, articleRows.map((a) => a.id)), eq(evidence.tier, 'auto')))
    : [];
  const storyMap = new Map<number, DigestStory>();
  for (const article of articleRows) {
    const story = storyMap.get(article.storyId!) ?? {
      storyId: article.storyId!,
      headline: article.title,
      url: article.url,
      outlets: [],
      origins: [],
      latestAt: article.firstSeenAt,
      claims: [],
    };
    if (article.outlet && !story.outlets.includes(article.outlet)) story.outlets.push(article.outlet);
    if (isKnownOrigin(article.origin) && !story.origins.includes(article.origin)) story.origins.push(article.origin);
    if (article.firstSeenAt > story.latestAt) story.latestAt = article.firstSeenAt;
    for (const row of evidenceRows) if (row.articleId === article.id && !story.claims.includes(row.slug)) story.claims.push(row.slug);
    storyMap.set(story.storyId, story);
  }
  // Ranked by independent origins, then recency: five rewrites of one report rank as one source.
  const stories = [...storyMap.values()].sort(
    (a, b) => b.origins.length - a.origins.length || b.latestAt.getTime() - a.latestAt.getTime() || a.storyId - b.storyId,
  );

  const claimRows = await db
    .selectDistinct({ id: claims.id, slug: claims.slug, headline: claims.headline, statement: claims.statement, status: claims.status, importance: claims.importance })
    .from(claims)
    .innerJoin(claimTopics, eq(claimTopics.claimId, claims.id))
    .where(and(inArray(claimTopics.topicId, topicIds), eq(claims.active, true)))
    .orderBy(asc(claims.importance));
  const claimIds = claimRows.map((row) => row.id);
  const [newEvidence, history, newDrifts] = claimIds.length
    ? await Promise.all([
        db
          .select({ claimId: evidence.claimId, url: articles.url, outlet: articles.outlet, origin: evidence.origin, stance: evidence.stance })
          .from(evidence)
          .innerJoin(articles, eq(articles.id, evidence.articleId))
          .where(
            and(
              inArray(evidence.claimId, claimIds),
              eq(evidence.tier, 'auto'),
              eq(articles.backlog, false),
              gt(evidence.createdAt, since),
              lte(evidence.createdAt, until),
            ),
          )
          .orderBy(desc(evidence.score)),
        db
          .select()
          .from(claimStatusHistory)
          .where(and(inArray(claimStatusHistory.claimId, claimIds), gt(claimStatusHistory.at, since), lte(claimStatusHistory.at, until), sql`${claimStatusHistory.fromStatus} is not null`))
          .orderBy(asc(claimStatusHistory.at)),
        db
          .select()
          .from(drifts)
          .where(and(inArray(drifts.claimId, claimIds), gt(drifts.createdAt, since), lte(drifts.createdAt, until)))
          .orderBy(asc(drifts.id)),
      ])
    : [[], [], []];
  const claimChanges = claimRows
    .map((claim) => ({
      slug: claim.slug,
      headline: claim.headline,
      statement: claim.statement,
      status: claim.status,
      newEvidence: newEvidence.filter((e) => e.claimId === claim.id).map(({ claimId: _c, ...rest }) => rest),
      statusChanges: history.filter((h) => h.claimId === claim.id).map((h) => ({ from: h.fromStatus, to: h.toStatus, cause: h.cause })),
      drifts: newDrifts.filter((d) => d.claimId === claim.id).map((d) => ({ kind: d.kind, phrasings: d.phrasings, variants: d.variants })),
    }))
    .filter((change) => change.newEvidence.length > 0 || change.statusChanges.length > 0 || change.drifts.length > 0);
  return { topics: topicSlugs, since, until, stories, claimChanges, articleIds: articleRows.map((row) => row.id) };
}

/** Subscriptions of channels that are not paused, for the digest schedule. */
export async function loadDigestSubscriptions(db: Db): Promise<DigestSubscription[]> {
  return db
    .select({
      subscriptionId: subscriptions.id,
      channelId: subscriptions.channelId,
      topicSlug: topics.slug,
      digestTime: subscriptions.digestTime,
      timezone: subscriptions.timezone,
      lastDigestAt: subscriptions.lastDigestAt,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .innerJoin(topics, eq(topics.id, subscriptions.topicId))
    .innerJoin(chatChannels, eq(chatChannels.id, subscriptions.channelId))
    .where(sql`${chatChannels.pausedAt} is null`);
}

/** Marks subscriptions as digested up to `at` (in the transaction that queued the digest). */
export async function markDigested(db: Db, subscriptionIds: number[], at: Date): Promise<void> {
  if (subscriptionIds.length === 0) return;
  await db.update(subscriptions).set({ lastDigestAt: at }).where(inArray(subscriptions.id, subscriptionIds));
}

/** Slugs of the topics a channel follows, whatever its platform (the `digest` CLI names channels by id alone). */
export async function topicsFollowedBy(db: Db, channelExternalId: string): Promise<string[]> {
  const rows = await db
    .select({ slug: topics.slug })
    .from(subscriptions)
    .innerJoin(chatChannels, eq(chatChannels.id, subscriptions.channelId))
    .innerJoin(topics, eq(topics.id, subscriptions.topicId))
    .where(eq(chatChannels.externalId, channelExternalId))
    .orderBy(asc(topics.id));
  return rows.map((row) => row.slug);
}
