/**
 * What matching reads and writes, declared here by the stage that needs it; src/db/matching-store.ts implements
 * it on PGlite and PostgreSQL. Matching reaches storage through nothing else.
 * @module
 */
import type { ClaimStatus, DriftPhrasing, DriftVariant, EvidenceTier, Figure, OriginBasis, Stance } from '../model/index.js';
import type { RecentStory } from '../stories/index.js';
import type { MatcherCatalog } from './matcher.js';

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

/** What an article offers for finding the stories it may join (see createStoryIndex). */
export interface StoryLookup {
  /** Band keys from createStoryFingerprint. */
  sketch: number[];
  entities: string[];
  publishedAt: Date;
}

/** A story started by an article of the batch; `ref` is the negative number its articles refer to it by. */
export interface NewStory {
  ref: number;
  title: string;
  firstSeenAt: Date;
  signature: number[];
  sketch: number[];
  entities: string[];
  figureKeys: string[];
  claims: string[];
  /** Every member's facts (see stories.details). */
  details: string[];
  /** Claims a member credits to a source of its own sentence (see stories.claimSources). */
  claimSources: Record<string, string>;
  /** Null while nobody knows who reported it. */
  origin: string | null;
}

/** What members that joined a stored story add to it: merged with what is stored (see saveMatchBatch). */
export interface StoryFacts {
  claims: string[];
  details: string[];
  /** Credits for claims the story had none for; a credit already stored stays. */
  claimSources: Record<string, string>;
}

/** One piece of evidence as matching produced it. */
export interface EvidenceToStore {
  claimSlug: string;
  /** When it differs from the article's (an answering article restating the report it answers). */
  origin?: string;
  stance: Stance;
  tier: EvidenceTier;
  quote: string;
  score: number;
  figure: Figure | null;
  phrasings: { kind: string; value: string; text: string }[];
}

/**
 * An article's match: its origin and story (an id, a NewStory's negative ref, or null for an article that
 * bears on no tracked story), topics and evidence.
 */
export interface ArticleMatchToSave {
  articleId: number;
  origin: string;
  originBasis: OriginBasis;
  originReason: string;
  storyRef: number | null;
  topics: { slug: string; fired: string[] }[];
  evidence: EvidenceToStore[];
  /** What the article asserts that no tracked claim covers (candidate claims). */
  assertions: AssertionToStore[];
}

/** Something an article asserts that no tracked claim covers (candidate claims). */
export interface AssertionToStore {
  relation: string;
  /** Entity slugs: who does it, and the other party when named. */
  subject: string;
  counterpart?: string | null;
  /** Normalized place ("china", "singapore") for relations about where. */
  place?: string | null;
  negated?: boolean;
  sentence: string;
  /** The sentence's first figure, as written. */
  figure?: string | null;
}

/** A batch of matches, written in one transaction. */
export interface MatchBatch {
  newStories: NewStory[];
  matches: ArticleMatchToSave[];
  /** Stories (id or ref) that learned their origin from an article of the batch. */
  storyOrigins: { storyRef: number; origin: string; reason: (storyId: number) => string }[];
  /** Stored stories (by id) that members joined: their claims and details are merged into the story's. */
  storyFacts?: Map<number, StoryFacts>;
  matchedAt: Date;
}

/** A claim's evidence phrasings and automatic origins, for drift and status. */
export interface ClaimEvidenceSummary {
  claimId: number;
  slug: string;
  headline: string | null;
  status: ClaimStatus;
  figure: Figure | null;
  terms: string[];
  phrasings: { kind: string; value: string; text: string; of?: string; articleUrl: string | null; outlet: string | null; origin: string; articleId: number }[];
  /** Automatic evidence that asserts, denies or updates the claim, oldest article first. */
  stances: {
    stance: 'supports' | 'contradicts' | 'updates';
    origin: string;
    figureText: string | null;
    quote: string;
    createdAt: Date;
    /** From an article stored as backlog: never news. */
    backlog: boolean;
    url: string | null;
    title: string;
  }[];
}

/** A drift as detected, to store. */
export interface DriftToStore {
  kind: string;
  key: string;
  phrasings: DriftPhrasing[];
  variants: DriftVariant[];
}

export interface MatchingStore {
  /** The active catalog as the matcher takes it. */
  matcherCatalog(): Promise<MatcherCatalog>;
  /** Articles by id, in id order. */
  articles(ids: number[]): Promise<ArticleForMatching[]>;
  /** Stories some article may join (an entity or band key in common within `windowMs`), and `alsoIds` whatever their age. */
  candidateStories(lookups: StoryLookup[], windowMs: number, alsoIds?: number[]): Promise<RecentStory[]>;
  /**
   * Writes a batch (new stories, origins, topics, evidence) atomically. Returns the new stories' ids by ref and,
   * by article id, the ids of the claims whose evidence changed.
   */
  saveBatch(batch: MatchBatch): Promise<{ storyIds: Map<number, number>; touchedClaims: Map<number, number[]> }>;
  /** What drift and status need for the given claims. */
  claimEvidence(claimIds: number[]): Promise<ClaimEvidenceSummary[]>;
  /** Stores a claim's drifts; returns those new or with a new variant, with the variants they had before. */
  saveDrifts(claimId: number, drifts: DriftToStore[], now: Date): Promise<{ kind: string; key: string; before: string[] }[]>;
  /** Changes a claim's status and keeps the change in its history; false when it was already changed. */
  setClaimStatus(claimId: number, change: { from: ClaimStatus; to: ClaimStatus; cause: string; actor: string; at: Date }): Promise<boolean>;
}
