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
  /**
   * Optional: the article rests on a source of its own (names one, shows reporting, or is an organisation
   * speaking about its own news). A newer figure with a source is an update; without one, a copy that got
   * the figure wrong.
   */
  sourced?: boolean;
  /** Optional: people the article quotes by name (see quotedPeople): a detail that tells two reports apart. */
  people?: string[];
  /** Optional: band keys from createStoryFingerprint, for createStoryIndex. */
  sketch?: number[];
  /**
   * Optional, for a story: every fact any member carries (figure keys, claim slugs, people quoted: see
   * detailsOf; companies are named in passing too often to tell reports apart). Two reports of the same facts
   * on the same day differ in their details (a second figure, a person quoted); a rewrite that could join
   * either goes to the one whose details it repeats.
   */
  details?: string[];
  /**
   * Optional: claim slug → the source a sentence of the article credits for it ("The Information reported in
   * 2024 that…"); for a story, the first member's credit for each claim. A rewrite that repeats the claim and
   * drops the credit still rests on that source, not on the story's.
   */
  claimSources?: Record<string, string>;
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

/** Details only one story carries that a candidate must repeat for them to pick that story over a likelier one. */
const MIN_DISTINCTIVE = 2;

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

/** Amounts of money of a million or more the candidate shares with the story: two are one report's details. */
function sharedAmounts(figures: ReadonlySet<string>, storyFigures: readonly string[]): number {
  let n = 0;
  for (const key of figures) if (isTellingAmount(key) && storyFigures.includes(key)) n++;
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
  denies: readonly string[];
  ownReporting: boolean;
  sourced: boolean;
  publishedAt: number;
}

/** Combined score of one candidate-story pair: > 0 when the candidate may join, else 0. Also returns the text similarity. */
function scorePair(c: CandidateFeatures, story: RecentStory, o: Required<StoryOptions>, { tells, ownAmount }: Tell): { score: number; text: number } {
  const sharedEntities = countShared(c.entities, story.entities);
  // Prefilter: both name entities, none in common, so they are different stories; skip the MinHash merge.
  if (sharedEntities === 0 && c.entities.size > 0 && story.entities.length > 0) return { score: 0, text: 0 };
  const sharedClaims = story.claims ? countShared(c.claims, story.claims) : 0;
  // An answer to the story (a denial, a newer figure) that repeats none of what it asserted is a report of its
  // own; but a newer figure only this story carries is the story's own update, retold (unless the candidate
  // brings an amount of its own and a source for it: the story's figure is then the one it replaces).
  const answers = (slugs: readonly string[]) => slugs.some((slug) => story.claims!.includes(slug));
  const replaces = tells === 0 || (ownAmount && c.sourced);
  if (sharedClaims === 0 && story.claims && (answers(c.denies) || (replaces && answers(c.disputes)))) return { score: 0, text: 0 };
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
  // several stories about the same companies), unless the candidate repeats a figure only this story carries.
  if (tells === 0 && c.claims.size > 0 && story.claims && story.claims.length > 0 && claimOverlap < MIN_CLAIM_OVERLAP) return { score: 0, text };
  // A candidate that asserts tracked claims and a story that asserts none: the companies and one figure they
  // share may be background ("$1 billion" of a revenue-sharing deal beside ByteDance's bill); two figures are not.
  if (c.claims.size > 0 && (story.claims?.length ?? 0) === 0 && sharedFigures < 2 && text < o.paraphrase) return { score: 0, text };
  // The reverse: a page that asserts none of a report's claims and shares one company and round figures with
  // it ("tripled", "$1 billion" of a shopping app's sales beside ByteDance's name) is about something else.
  if (c.claims.size === 0 && (story.claims?.length ?? 0) > 0 && sharedEntities < 2 && text < o.paraphrase && sharedAmounts(c.figures, story.figures) < 2) return { score: 0, text };
  // A figure only this story carries, with the companies it is about: the story retold, whatever figures the
  // page adds around it (a market digest's index moves).
  if (tells > 0 && sharedEntities >= 2) return { score: Math.max(text, (entityJaccard + figureJaccard) / 2), text };
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

/** The facts an article carries, as one list of keys that cannot collide: what a story's `details` unite. */
export function detailsOf(candidate: Pick<StoryCandidate, 'figures' | 'claims' | 'people'>): string[] {
  return [
    ...new Set([
      ...candidate.figures.map((key) => `figure ${key}`),
      ...(candidate.claims ?? []).map((slug) => `claim ${slug}`),
      ...(candidate.people ?? []).map((name) => `person ${name}`),
    ]),
  ];
}

/** The details of a story (its members' facts; for a story stored before details were kept, its first article's). */
function storyDetails(story: StoryCandidate): readonly string[] {
  return story.details ?? detailsOf(story);
}

/**
 * Among stories the candidate may join, the one whose own details it repeats most: a detail counts for a
 * story only when no other of them carries it. Null unless one leads clearly (MIN_DISTINCTIVE details, twice
 * the next story's).
 */
function mostDistinctive(candidate: readonly string[], joinable: readonly RecentStory[]): RecentStory | null {
  const seen = new Map<string, number>();
  const detailSets = joinable.map((story) => new Set(storyDetails(story)));
  for (const set of detailSets) for (const detail of set) seen.set(detail, (seen.get(detail) ?? 0) + 1);
  const counts = joinable.map((_, i) => candidate.filter((detail) => detailSets[i]!.has(detail) && seen.get(detail) === 1).length);
  const top = Math.max(...counts);
  const runnerUp = Math.max(0, ...counts.filter((_, i) => i !== counts.indexOf(top)));
  // One detail is chance (a background figure, a company named in passing); a clear lead is a tell.
  return top >= MIN_DISTINCTIVE && top >= 2 * runnerUp ? joinable[counts.indexOf(top)]! : null;
}

/**
 * An amount of money of a million or more ("money:2.00e+9:USD"): what a report is about. Percentages and
 * multiples also come from the market moves and background a page wraps around it.
 */
function isTellingAmount(key: string): boolean {
  const match = /^money:([\d.e+]+):/.exec(key);
  return match !== null && Number(match[1]) >= 1e6;
}

/**
 * For each story, how many of the candidate's amounts it carries that no other story in reach does: an
 * amount only one report has (a second amount, a newer total) is the surest sign of copying it, in any language.
 */
function figureTells(figures: readonly string[], stories: readonly RecentStory[]): Tell[] {
  const wanted = new Set(figures.filter(isTellingAmount).map((key) => `figure ${key}`));
  if (wanted.size === 0) return stories.map(() => ({ tells: 0, ownAmount: false }));
  const carried = stories.map((story) => new Set(storyDetails(story).filter((detail) => wanted.has(detail))));
  const carriers = new Map<string, number>();
  for (const set of carried) for (const detail of set) carriers.set(detail, (carriers.get(detail) ?? 0) + 1);
  return carried.map((set) => ({ tells: [...set].filter((detail) => carriers.get(detail) === 1).length, ownAmount: set.size < wanted.size }));
}

/** What the candidate's amounts say about one story: how many only it carries, and whether the candidate has one it lacks. */
interface Tell {
  tells: number;
  /** An amount the story does not carry: an update's own newer figure ("560 billion yuan"). */
  ownAmount: boolean;
}

/**
 * The recent story the candidate belongs to, or null to start a new one. `recent` may hold several
 * articles per story (say its first in each language). When several may be joined, the one whose own
 * details the candidate repeats most wins (mostDistinctive); else the highest score, the earliest listed on
 * a tie. `similarity` is the joined story's score (for a feature join, the mean of entity and figure
 * Jaccard), or the best text similarity seen when no story was joined, for tuning.
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
    denies: candidate.denies ?? [],
    sourced: candidate.sourced ?? false,
    ownReporting: candidate.ownReporting ?? false,
    publishedAt: candidate.publishedAt.getTime(),
  };
  const at = candidate.publishedAt.getTime();
  const windowMs = o.windowDays * DAY_MS;
  const inWindow = recent.filter((story) => Math.abs(at - story.publishedAt.getTime()) <= windowMs);
  const tells = figureTells(candidate.figures, inWindow);
  let best: { story: RecentStory; score: number; text: number; tells: number } | null = null;
  let bestText = 0;
  const joinable: { story: RecentStory; score: number; text: number; tells: number }[] = [];
  for (const [i, story] of inWindow.entries()) {
    const { score, text } = scorePair(c, story, o, tells[i]!);
    bestText = Math.max(bestText, text);
    if (score <= 0) continue;
    const entry = { story, score, text, tells: tells[i]!.tells };
    joinable.push(entry);
    if (!best || score > best.score) best = entry;
  }
  if (!best) return { storyId: null, similarity: bestText };
  // A near-duplicate is its story's copy, whatever details another story shares. Otherwise the story whose
  // own figure it repeats, else the one whose details it repeats most.
  if (joinable.length > 1 && best.text < o.nearDuplicate) {
    const told = joinable.filter((j) => j.tells > 0);
    const distinctive = told.length === 1 ? told[0]!.story : mostDistinctive(detailsOf(candidate), joinable.map((j) => j.story));
    if (distinctive) best = joinable.find((j) => j.story === distinctive)!;
  }
  return { storyId: best.story.storyId, similarity: best.score };
}

/** The claims of a story after a member joins: every claim any member asserts, once. */
export function mergeClaims(story: readonly string[] | undefined, member: readonly string[]): string[] {
  return [...new Set([...(story ?? []), ...member])];
}

/** A story's credits after a member joins: the credits it had, then the member's for claims it had none for. */
function mergeClaimSources(story: Readonly<Record<string, string>> | undefined, member: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return { ...member, ...story };
}

/** Recent stories, found by what a candidate shares with them; kept current as articles are placed. */
export interface StoryIndex {
  add(story: RecentStory): void;
  candidates(candidate: StoryCandidate): RecentStory[];
  /** The story with this id, if added. */
  get(storyId: number): RecentStory | undefined;
  /** A story learned its origin (see placeArticle): later candidates compare with it. */
  adoptOrigin(storyId: number, origin: string): void;
  /** A member joined: the claims it asserts become the story's too, and its facts the story's details. */
  addMember(storyId: number, member: Pick<StoryCandidate, 'figures' | 'claims' | 'people' | 'claimSources'>): void;
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
    addMember(storyId, member) {
      const story = byId.get(storyId);
      if (!story) return;
      story.claims = mergeClaims(story.claims, member.claims ?? []);
      story.details = mergeClaims(storyDetails(story), detailsOf(member));
      story.claimSources = mergeClaimSources(story.claimSources, member.claimSources);
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
