/**
 * Story grouping: whether an article retells a recent story, in English, Chinese or across the two. A story is
 * one underlying report and its rewrites; it is joined by what articles assert, which is the same in every
 * language: the tracked claims they support (a story's claims are every member's), their figures, entities
 * and time. Text similarity (fingerprint.ts) is one signal among these.
 *
 * Decision for one candidate and one story in the time window, in order:
 *   1. no shared entity (both name some): different story;
 *   2. the candidate only denies or revises what the story asserts, and repeats none of it: different;
 *   3. text ≥ nearDuplicate: join;
 *   4. both sources stated and different (separateOrigins), or the candidate's own reporting against a story
 *      of unknown origin that began before it: different story (that is corroboration);
 *   5. claims in common (half the smaller claim set at least) with an entity and a figure, a second claim,
 *      the same source, or most entities: join;
 *   6. both assert claims and share too few: different (one outlet's two scoops on the same companies);
 *   7. both have figures and under minFigureCoverage of the candidate's are the story's: different;
 *   8. ≥ 1 shared entity, ≥ 1 shared figure, together ≥ minSharedFeatures: join;
 *   9. same origin and ≥ sameOriginOverlap of the smaller entity set shared: join;
 *  10. ≥ 1 shared entity and text ≥ paraphrase: join.
 * An unknown origin never blocks a join.
 * @module
 */
import { storySimilarity, type StorySignature } from './fingerprint.js';

/** What an article offers for story matching. */
export interface StoryCandidate {
  signature: StorySignature;
  /** Entity slugs found in the article ("bytedance", "microsoft"). */
  entities: string[];
  /** Normalised figure keys ("1e9USD", "x3"). */
  figures: string[];
  /**
   * Optional: slugs of the tracked claims the article asserts; for a story, those any member asserts. A
   * claim is the most distinctive fact two articles can share, and the same in every language.
   */
  claims?: string[];
  /**
   * Optional: slugs of the claims the article contradicts or updates. An answer to a report (a denial, a
   * newer figure) is a report of its own, never a rewrite of the story that asserted the claim.
   */
  disputes?: string[];
  /** Optional: slugs of the claims the article contradicts (a subset of disputes). */
  denies?: string[];
  publishedAt: Date;
  /**
   * Optional: the canonical source the article rests on (attributeOrigin's `origin`); for a story, its
   * first article's. Compared as plain strings. When
   * both sides give one, a shared origin lets rewrites with no figures join and different origins keep
   * independent reports of one event apart. Absent or null: the rules without origins apply.
   */
  origin?: string | null;
  /**
   * Optional: the origin is the article's own reporting. Its reporting cannot be where an earlier story's
   * facts came from, so it never joins a story of unknown origin that began before it.
   */
  ownReporting?: boolean;
  /** Optional: band keys from createStoryFingerprint, for createStoryIndex. */
  sketch?: number[];
}

/** A recent story to compare against: its id and the same features. */
export interface RecentStory extends StoryCandidate {
  storyId: number;
}

/** Thresholds for assignStory; every field is optional and defaults to STORY_DEFAULTS. */
export interface StoryOptions {
  /** Stories published more than this many days before or after the candidate are never joined. */
  windowDays?: number;
  /** Text similarity that joins on its own, whatever the entities and figures say. */
  nearDuplicate?: number;
  /** Text similarity that joins when an entity is shared and the figures do not conflict. */
  paraphrase?: number;
  /** Shared entities plus shared figures (at least one of each) that join with no text in common. */
  minSharedFeatures?: number;
  /** Share of the candidate's figures the story must also have; below it, the figures conflict. */
  minFigureCoverage?: number;
  /** Same origin: share of the smaller entity set that must be shared to join with no figure or text. */
  sameOriginOverlap?: number;
  /** Different origins on both sides: only a near-duplicate joins (an independent report is its own story). */
  separateOrigins?: boolean;
}

/**
 * Default thresholds. On the test corpus, different stories about the same companies reach about 0.15
 * text similarity in Chinese (2-grams like 字节 and 微软 recur) and 0.02 in English, a traditional rewrite
 * of a simplified report 0.77, and English paraphrases and Chinese rewrites of one report only 0.0-0.15:
 * paraphrase (0.3) clears the noise by over two standard errors of a 64-hash estimate, and loose
 * rewrites and translations join on features instead. Three shared features are two companies and a
 * figure, or one company and two figures; one company and one round figure ("ByteDance", "$1 billion")
 * is too common to mean the same story. sameOriginOverlap 0.8: on the labelled set in
 * tests/fixtures/eval, 0.8 and 1.0 group all 57 stories exactly, 0.6 already merges one outlet's
 * different same-day reports.
 */
export const STORY_DEFAULTS: Required<StoryOptions> = {
  windowDays: 14,
  nearDuplicate: 0.5,
  paraphrase: 0.3,
  minSharedFeatures: 3,
  minFigureCoverage: 0.5,
  sameOriginOverlap: 0.8,
  separateOrigins: true,
};

/** Share of the smaller claim set two articles must have in common to be one report retold. */
const MIN_CLAIM_OVERLAP = 0.5;

const DAY_MS = 86_400_000;

/** Distinct items of `list` (a few entity slugs or figure keys), without allocating a Set per story. */
function distinctCount(list: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (list.indexOf(list[i]!) === i) n++;
  return n;
}

/** Distinct items of `list` that `set` holds. */
function countShared(set: ReadonlySet<string>, list: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < list.length; i++) if (set.has(list[i]!) && list.indexOf(list[i]!) === i) n++;
  return n;
}

/** Jaccard of two small sets given their sizes and overlap. */
function jaccard(sizeA: number, sizeB: number, shared: number): number {
  const union = sizeA + sizeB - shared;
  return union === 0 ? 0 : shared / union;
}

/** Features of the candidate, built once per assignStory call. */
interface CandidateFeatures {
  origin: string | null;
  signature: StorySignature;
  entities: ReadonlySet<string>;
  figures: ReadonlySet<string>;
  claims: ReadonlySet<string>;
  disputes: readonly string[];
  ownReporting: boolean;
  publishedAt: number;
}

/** Combined score of one candidate-story pair: > 0 when the candidate may join, else 0. Also returns the text similarity. */
function scorePair(c: CandidateFeatures, story: RecentStory, o: Required<StoryOptions>): { score: number; text: number } {
  const sharedEntities = countShared(c.entities, story.entities);
  // Prefilter: both name entities, none in common, so they are different stories; skip the MinHash merge.
  if (sharedEntities === 0 && c.entities.size > 0 && story.entities.length > 0) return { score: 0, text: 0 };
  const sharedClaims = story.claims ? countShared(c.claims, story.claims) : 0;
  // An answer to the story (a denial, a newer figure) that repeats none of what it asserted is a report of its own.
  if (sharedClaims === 0 && story.claims && c.disputes.some((slug) => story.claims!.includes(slug))) return { score: 0, text: 0 };
  const text = storySimilarity(c.signature, story.signature);
  if (text >= o.nearDuplicate) return { score: text, text };
  const origins =
    c.origin && story.origin
      ? c.origin === story.origin
        ? 'same'
        : 'different'
      : c.origin && c.ownReporting && story.publishedAt.getTime() < c.publishedAt
        ? 'different'
        : 'unknown';
  if (origins === 'different' && o.separateOrigins) return { score: 0, text };
  const sharedFigures = countShared(c.figures, story.figures);
  const storyFigures = distinctCount(story.figures);
  const storyEntities = distinctCount(story.entities);
  const entityJaccard = jaccard(c.entities.size, storyEntities, sharedEntities);
  const figureJaccard = jaccard(c.figures.size, storyFigures, sharedFigures);
  // The same tracked claim with a figure, a second claim or the source in common is the same report retold,
  // in any language and however the rewrite reordered, rounded or padded it (a market newsletter adds share
  // moves, an explainer adds background figures): a different report of the same fact carries a source of
  // its own (named, or its own reporting), which the origin check above keeps apart.
  const overlap = sharedEntities / Math.max(1, Math.min(c.entities.size, storyEntities));
  // Claims in common, over the smaller claim set: a long page asserts many claims as background, so one claim
  // shared with it says little; a rewrite repeats most of what the shorter of the two asserts.
  const claimOverlap = story.claims && story.claims.length > 0 && c.claims.size > 0 ? sharedClaims / Math.min(c.claims.size, distinctCount(story.claims)) : 0;
  if (sharedClaims > 0 && claimOverlap >= MIN_CLAIM_OVERLAP && sharedEntities > 0 && (sharedFigures > 0 || sharedClaims >= 2 || origins === 'same' || (sharedEntities >= 2 && overlap >= o.sameOriginOverlap))) {
    const claimJaccard = jaccard(c.claims.size, story.claims ? distinctCount(story.claims) : 0, sharedClaims);
    return { score: Math.max(text, (entityJaccard + figureJaccard + 2 * claimJaccard) / 4 + 0.01 * sharedClaims), text };
  }
  // Both assert tracked claims and share few: two reports, even from one outlet on one day (a newsroom breaks
  // several stories about the same companies).
  if (c.claims.size > 0 && story.claims && story.claims.length > 0 && claimOverlap < MIN_CLAIM_OVERLAP) return { score: 0, text };
  // Otherwise a rewrite repeats its story's figures; a different story about the same companies brings its own.
  const coverage = c.figures.size === 0 ? 1 : sharedFigures / c.figures.size;
  if (c.figures.size > 0 && storyFigures > 0 && coverage < o.minFigureCoverage) return { score: 0, text };
  if (sharedEntities > 0 && sharedFigures > 0 && sharedEntities + sharedFigures >= o.minSharedFeatures) {
    return { score: Math.max(text, (entityJaccard + figureJaccard) / 2), text };
  }
  // One source, the same companies: a rewrite that kept no figure (or a translation) of that report.
  if (origins === 'same' && sharedEntities > 0 && overlap >= o.sameOriginOverlap) {
    return { score: Math.max(text, entityJaccard), text };
  }
  if (sharedEntities > 0 && text >= o.paraphrase) return { score: text, text };
  return { score: 0, text };
}

/**
 * The recent story the candidate belongs to, or null to start a new one. `recent` may hold several
 * articles per story (say its first in each language); the highest score wins, the earliest listed on
 * a tie. `similarity` is that score (for a feature join, the mean of entity and figure Jaccard), or the
 * best text similarity seen when no story was joined, for tuning.
 */
export function assignStory(
  candidate: StoryCandidate,
  recent: readonly RecentStory[],
  options: StoryOptions = {},
): { storyId: number | null; similarity: number } {
  const o = { ...STORY_DEFAULTS, ...options };
  const c: CandidateFeatures = {
    origin: candidate.origin ?? null,
    signature: candidate.signature,
    entities: new Set(candidate.entities),
    figures: new Set(candidate.figures),
    claims: new Set(candidate.claims ?? []),
    disputes: candidate.disputes ?? [],
    ownReporting: candidate.ownReporting ?? false,
    publishedAt: candidate.publishedAt.getTime(),
  };
  const at = candidate.publishedAt.getTime();
  const windowMs = o.windowDays * DAY_MS;
  let bestId: number | null = null;
  let bestScore = 0;
  let bestText = 0;
  for (const story of recent) {
    if (Math.abs(at - story.publishedAt.getTime()) > windowMs) continue;
    const { score, text } = scorePair(c, story, o);
    bestText = Math.max(bestText, text);
    if (score > bestScore) {
      bestScore = score;
      bestId = story.storyId;
    }
  }
  return bestId === null ? { storyId: null, similarity: bestText } : { storyId: bestId, similarity: bestScore };
}

/** The claims of a story after a member joins: every claim any member asserts, once. */
export function mergeClaims(story: readonly string[] | undefined, member: readonly string[]): string[] {
  return [...new Set([...(story ?? []), ...member])];
}

/** Recent stories, found by what a candidate shares with them; kept current as articles are placed. */
export interface StoryIndex {
  add(story: RecentStory): void;
  candidates(candidate: StoryCandidate): RecentStory[];
  /** The story with this id, if added. */
  get(storyId: number): RecentStory | undefined;
  /** A story learned its origin (see placeArticle): later candidates compare with it. */
  adoptOrigin(storyId: number, origin: string): void;
  /** A member joined: the claims it asserts become the story's too. */
  addClaims(storyId: number, claims: readonly string[]): void;
}

/**
 * Recent stories by band key and entity, to find those a candidate may join: assignStory joins only with
 * a shared entity or with text at or above nearDuplicate, which shares a band key (see bandKeys in fingerprint.ts). A story
 * or candidate without a sketch is found by its entities only. loadCandidateStories asks the database
 * the same question; this answers it for a batch in memory.
 */
export function createStoryIndex(): StoryIndex {
  const byKey = new Map<string | number, RecentStory[]>();
  // Candidates come back in the order they were added, which is what assignStory breaks ties by.
  const order = new Map<RecentStory, number>();
  const post = (key: string | number, story: RecentStory) => {
    const list = byKey.get(key);
    if (list) list.push(story);
    else byKey.set(key, [story]);
  };
  const byId = new Map<number, RecentStory>();
  return {
    get: (storyId) => byId.get(storyId),
    adoptOrigin(storyId, origin) {
      const story = byId.get(storyId);
      if (story) story.origin = origin;
    },
    addClaims(storyId, claims) {
      const story = byId.get(storyId);
      if (story) story.claims = mergeClaims(story.claims, claims);
    },
    add(story) {
      byId.set(story.storyId, story);
      order.set(story, order.size);
      for (const entity of new Set(story.entities)) post(entity, story);
      for (const key of story.sketch ?? []) post(key, story);
    },
    candidates(candidate) {
      const found = new Set<RecentStory>();
      for (const key of [...candidate.entities, ...(candidate.sketch ?? [])]) for (const story of byKey.get(key) ?? []) found.add(story);
      return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    },
  };
}
