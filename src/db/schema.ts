/**
 * The one PostgreSQL schema of claimwatch, shared by PGlite and a PostgreSQL server.
 * Migrations in `migrations/` are generated from this file by `npm run db:generate`.
 * @module
 */
import { sql } from 'drizzle-orm';
import type {
  ClaimParts,
  ClaimStatus,
  DeliveryStatus,
  DriftPhrasing,
  DriftVariant,
  EvidenceTier,
  FeedStatus,
  Figure,
  OriginBasis,
  Platform,
  ReportedBy,
  Stance,
} from '../model/index.js';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The vocabulary lives in src/model; re-exported for the stores in this folder.
export type { ClaimParts, ClaimStatus, DeliveryStatus, DriftPhrasing, DriftVariant, EvidenceTier, FeedStatus, Figure, Platform, ReportedBy, Stance };

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

/** A polled source. `status` is derived on every fetch; `disabledReason` survives until re-enabled. */
export const feeds = pgTable(
  'feeds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    url: text().notNull(),
    title: text(),
    outlet: text(),
    language: text(),
    /** Where the feed came from: `yaml` (feeds file), `opml`, or `cli`. */
    source: text().notNull().default('yaml'),
    intervalSeconds: integer('interval_seconds').notNull().default(600),
    enabled: boolean().notNull().default(true),
    status: text().$type<FeedStatus>().notNull().default('ok'),
    etag: text(),
    lastModified: text('last_modified'),
    lastFetchedAt: tstz('last_fetched_at'),
    lastSuccessAt: tstz('last_success_at'),
    nextFetchAt: tstz('next_fetch_at'),
    failingSince: tstz('failing_since'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    disabledReason: text('disabled_reason'),
    /** Non-fatal problems of the latest successful fetch ("3 items had no guid or link"). */
    lastNotice: text('last_notice'),
    /** Set after the first successful poll: items seen before it are backlog, never alerted. */
    firstPolledAt: tstz('first_polled_at'),
    itemCount: integer('item_count').notNull().default(0),
    /** Work lease for multi-worker polling on PostgreSQL. */
    leaseOwner: text('lease_owner'),
    leaseUntil: tstz('lease_until'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('feeds_url_key').on(t.url), index('feeds_due_idx').on(t.enabled, t.nextFetchAt)],
);

/** A group of near-duplicate coverage: one report rewritten by many outlets. */
export const stories = pgTable('stories', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  title: text().notNull(),
  firstSeenAt: tstz('first_seen_at').notNull().defaultNow(),
  lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
  /** Similarity signature of the story's first article (MinHash), used to attach rewrites. */
  signature: jsonb().$type<number[]>(),
  /** Entity slugs and figure keys of the first article: cross-language rewrites share these, not words. */
  entities: jsonb().$type<string[]>().notNull().default([]),
  figureKeys: jsonb('figure_keys').$type<string[]>().notNull().default([]),
  /** Slugs of the tracked claims any member asserts: the most distinctive facts a rewrite repeats. */
  claims: jsonb().$type<string[]>().notNull().default([]),
  /**
   * Every fact any member carries (figure keys and claim slugs, as stories/grouping.ts's detailsOf writes them):
   * a rewrite that could join two reports of the same facts goes to the one whose own details it repeats.
   * Empty for a story stored before details were kept: its first article's facts stand in.
   */
  details: jsonb().$type<string[]>().notNull().default([]),
  /**
   * Claim slug → the source a member's own sentence credits for it ("The Information reported in 2024 that…"):
   * a rewrite that repeats the claim without the credit rests on that source, not on the story's origin.
   */
  claimSources: jsonb('claim_sources').$type<Record<string, string>>().notNull().default({}),
  /**
   * The source the story's reporting rests on (null while unknown): independent reports of one event are
   * separate stories, and a member that credits nobody inherits it.
   */
  origin: text(),
  /**
   * LSH band keys of the first article (createStoryFingerprint): a near-duplicate shares one, so the GIN
   * index finds the few stories worth comparing among every story of the week.
   */
  sketch: integer().array().notNull().default(sql`'{}'::integer[]`),
}, (t) => [
  index('stories_last_seen_idx').on(t.lastSeenAt),
  // fastupdate off: PGlite runs no autovacuum, so a GIN pending list would grow with every insert and be
  // scanned by every lookup (10 ms a lookup at 20,000 stories).
  index('stories_sketch_idx').using('gin', t.sketch).with({ fastupdate: false }),
  index('stories_entities_idx').using('gin', t.entities).with({ fastupdate: false }),
]);

/** An article, stored once however many feeds carried it. */
export const articles = pgTable(
  'articles',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    url: text(),
    guid: text(),
    contentHash: text('content_hash').notNull(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    content: text().notNull().default(''),
    language: text().notNull().default('und'),
    outlet: text(),
    author: text(),
    publishedAt: tstz('published_at').notNull(),
    /** True when the feed gave no usable date and `publishedAt` is the first-seen time. */
    publishedEstimated: boolean('published_estimated').notNull().default(false),
    firstSeenAt: tstz('first_seen_at').notNull().defaultNow(),
    /** Stored on a feed's first poll or older than the max age: kept, never alerted. */
    backlog: boolean().notNull().default(false),
    storyId: integer('story_id').references(() => stories.id, { onDelete: 'set null' }),
    /** The source the article rests on (src/stories/place-article.ts), or `unknown`. */
    origin: text(),
    /** How the origin was decided: `named`, `own-reporting`, `rewrite`, `unnamed-sources` (provisional) or `unknown`. */
    originBasis: text('origin_basis').$type<OriginBasis>(),
    /** Why, as `explain` shows it: "repeats 6 facts of story #12 (...), names no source". */
    originReason: text('origin_reason'),
    matchedAt: tstz('matched_at'),
  },
  (t) => [
    index('articles_published_idx').on(t.publishedAt),
    index('articles_story_idx').on(t.storyId),
    index('articles_unmatched_idx').on(t.id).where(sql`matched_at is null`),
  ],
);

/**
 * Dedup keys of an article: its canonical URL, its guid, and a hash of title+text.
 * Any key already present means the article is already stored.
 */
export const articleKeys = pgTable(
  'article_keys',
  {
    key: text().primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
  },
  (t) => [index('article_keys_article_idx').on(t.articleId)],
);

/** Every feed an article was seen in. */
export const articleFeeds = pgTable(
  'article_feeds',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    feedId: integer('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    firstSeenAt: tstz('first_seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.feedId] }), index('article_feeds_feed_idx').on(t.feedId)],
);

export const entities = pgTable(
  'entities',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    name: text().notNull(),
    kind: text().notNull(),
    description: text(),
  },
  (t) => [uniqueIndex('entities_slug_key').on(t.slug)],
);

export const entityAliases = pgTable(
  'entity_aliases',
  {
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    alias: text().notNull(),
    /** Lower-cased alias, for case-insensitive lookup by `/facts`. */
    normalized: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.normalized] }), index('entity_aliases_normalized_idx').on(t.normalized)],
);

export const topics = pgTable(
  'topics',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    /** Boolean expression over entities and terms, see `feeds/topics.yaml`. */
    query: text().notNull(),
  },
  (t) => [uniqueIndex('topics_slug_key').on(t.slug)],
);

export const articleTopics = pgTable(
  'article_topics',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    /** The terms that fired, so `explain` can say why. */
    terms: jsonb().$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.topicId] }), index('article_topics_topic_idx').on(t.topicId)],
);

/**
 * What an article asserts between tracked companies that no tracked claim covers (match/claims/relations.ts):
 * grouped across articles, these are the candidate claims a person may choose to track.
 */
export const articleAssertions = pgTable(
  'article_assertions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    relation: text().notNull(),
    /** Entity slugs: who does it, and the other party when named. */
    subject: text().notNull(),
    counterpart: text(),
    /** Normalized place ("china", "singapore") for relations about where. */
    place: text(),
    negated: boolean().notNull().default(false),
    sentence: text().notNull(),
    /** The sentence's first figure, as written. */
    figure: text(),
  },
  (t) => [index('article_assertions_article_idx').on(t.articleId), index('article_assertions_parties_idx').on(t.subject, t.relation)],
);

export const claims = pgTable(
  'claims',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull(),
    statement: text().notNull(),
    /** Rank for `/facts` ordering: lower is more important. */
    importance: integer().notNull().default(100),
    figure: jsonb().$type<Figure>(),
    reportedBy: jsonb('reported_by').$type<ReportedBy[]>().notNull().default([]),
    /** Matching hints from the claims file (key terms, English and Chinese). */
    terms: jsonb().$type<string[]>().notNull().default([]),
    /** A one-line title for chat; the statement stands in when there is none. */
    headline: text(),
    parts: jsonb().$type<ClaimParts>(),
    status: text().$type<ClaimStatus>().notNull().default('reported'),
    /** False once the claim is removed from the claims file; evidence and history are kept. */
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claims_slug_key').on(t.slug)],
);

export const claimEntities = pgTable(
  'claim_entities',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    entityId: integer('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    /** Order in the claims file: the first entity is the claim's subject. */
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.entityId] }), index('claim_entities_entity_idx').on(t.entityId)],
);

export const claimTopics = pgTable(
  'claim_topics',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.topicId] })],
);

export const claimStatusHistory = pgTable(
  'claim_status_history',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<ClaimStatus>(),
    toStatus: text('to_status').$type<ClaimStatus>().notNull(),
    /** Why: "2 independent origins: Bloomberg, Reuters" or a person's reason. */
    cause: text().notNull(),
    actor: text().notNull().default('claimwatch'),
    at: createdAt(),
  },
  (t) => [index('claim_status_history_claim_idx').on(t.claimId)],
);

export const evidence = pgTable(
  'evidence',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    stance: text().$type<Stance>().notNull(),
    tier: text().$type<EvidenceTier>().notNull(),
    quote: text().notNull(),
    score: real().notNull(),
    figure: jsonb().$type<Figure>(),
    /** How this evidence phrases the claim's figure, base and scope; drifts are found by comparing these. */
    phrasings: jsonb().$type<{ kind: string; value: string; text: string; of?: string }[]>().notNull().default([]),
    origin: text().notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evidence_claim_article_key').on(t.claimId, t.articleId),
    index('evidence_article_idx').on(t.articleId),
  ],
);

/** One claim whose coverage disagrees on a figure, its qualifier, its base or its scope: every variant with its sources. */
export const drifts = pgTable(
  'drifts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    /** Stable identity of the disagreement, so re-matching never records it twice. */
    key: text().notNull(),
    phrasings: jsonb().$type<DriftPhrasing[]>().notNull(),
    /** Every wording of the disagreement with its sources, kept current as coverage adds to it. */
    variants: jsonb().$type<DriftVariant[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('drifts_key').on(t.key)],
);

export const chatChannels = pgTable(
  'chat_channels',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    platform: text().$type<Platform>().notNull(),
    /** Platform channel id (Slack C…, Discord snowflake). */
    externalId: text('external_id').notNull(),
    /** Slack team or Discord guild. */
    workspaceId: text('workspace_id'),
    name: text(),
    pausedAt: tstz('paused_at'),
    pausedReason: text('paused_reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('chat_channels_platform_external_key').on(t.platform, t.externalId)],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => chatChannels.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    /** Local "HH:MM" of the daily digest. */
    digestTime: text('digest_time').notNull().default('09:00'),
    timezone: text().notNull(),
    alerts: boolean().notNull().default(true),
    lastDigestAt: tstz('last_digest_at'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subscriptions_channel_topic_key').on(t.channelId, t.topicId)],
);

/**
 * The outbox. A row is written, with its unique key, before anything is posted; the sender claims due rows
 * and records the platform's message id, so a post is neither lost nor repeated across crashes.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    channelId: integer('channel_id')
      .notNull()
      .references(() => chatChannels.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    key: text().notNull(),
    payload: jsonb().$type<unknown>().notNull(),
    status: text().$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    leaseOwner: text('lease_owner'),
    leaseUntil: tstz('lease_until'),
    platformMessageId: text('platform_message_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: tstz('sent_at'),
  },
  (t) => [uniqueIndex('deliveries_key').on(t.key), index('deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

/**
 * Named leases for roles only one process may hold at a time across workers (the chat gateways): taken
 * when free or expired, renewed by the holder, and taken over when the holder stops renewing.
 */
export const leases = pgTable('leases', {
  name: text().primaryKey(),
  owner: text().notNull(),
  until: tstz('until').notNull(),
});
