/**
 * Story grouping: decides whether an article is a rewrite of a recent story, in English, Chinese or
 * across the two.
 *
 * Text similarity is a bottom-k MinHash (one 32-bit hash per shingle, keep the k smallest): English
 * word 3-shingles without stopwords, Chinese character 2- and 3-shingles over Han runs (traditional
 * folded to simplified), both for mixed text. A translation shares no shingles with its source, so
 * entities and figures carry cross-language rewrites; a rewrite repeats its story's figures while a
 * different story about the same companies brings figures of its own, which keeps them apart.
 * @module
 */
import { foldHan, isHan, STOPWORD_HASHES } from './story-text.js';

/** Sorted ascending 32-bit shingle hashes (at most SIGNATURE_SIZE); plain numbers, so it stores as jsonb. */
export type StorySignature = number[];

/** What an article offers for story matching. */
export interface StoryCandidate {
  signature: StorySignature;
  /** Entity slugs found in the article ("bytedance", "microsoft"). */
  entities: string[];
  /** Normalised figure keys ("1e9USD", "x3"). */
  figures: string[];
  publishedAt: Date;
}

/** A recent story to compare against: its id and the same features. */
export interface RecentStory extends StoryCandidate {
  storyId: number;
}

/** Thresholds for assignStory; every field is optional and defaults to STORY_DEFAULTS. */
export interface StoryOptions {
  /** Stories older or newer than this many days are never joined. */
  windowDays?: number;
  /** Text similarity that joins on its own, whatever the entities and figures say. */
  nearDuplicate?: number;
  /** Text similarity that joins when at least one entity is shared and the figures do not conflict. */
  paraphrase?: number;
  /** Entities that must be shared for a join on entities and figures alone (cross-language). */
  minSharedEntities?: number;
  /** Share of the candidate's figures the story must have (for the figure join, and to avoid a conflict). */
  minFigureCoverage?: number;
}

/** Default thresholds; the test corpus in tests/match/stories.test.ts explains each. */
export const STORY_DEFAULTS: Required<StoryOptions> = {
  windowDays: 7,
  nearDuplicate: 0.5,
  paraphrase: 0.2,
  minSharedEntities: 2,
  minFigureCoverage: 0.5,
};

/** Hashes kept per signature: the estimate's error is about sqrt(J(1-J)/64), under 0.07. */
export const SIGNATURE_SIZE = 64;
/** Rewrites condense the lead: comparing the first 2,000 characters is fairer and faster than all. */
const SIGNATURE_CHARS = 2_000;
const DAY_MS = 86_400_000;

/** Murmur3's 32-bit finalizer: spreads every input bit over the output, so the k smallest are a fair sample. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function combine(a: number, b: number): number {
  return mix(Math.imul(a, 0x9e3779b1) ^ b);
}

/** Word characters for English shingles: ASCII letters and digits, Latin-1 and Latin Extended letters. */
function wordCode(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code;
  if (code >= 0x41 && code <= 0x5a) return code + 32;
  if (code >= 0x30 && code <= 0x39) return code;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return code;
  return -1;
}

/** Every shingle hash of the text: one pass, no strings built, words hashed with FNV-1a as they go. */
function shingleHashes(text: string): Uint32Array {
  const out: number[] = [];
  let w1 = 0, w2 = 0, words = 0; // the two previous kept words
  let word = 0x811c9dc5, wordLength = 0;
  let h1 = 0, h2 = 0, hanRun = 0; // the two previous Han characters
  const endWord = (): void => {
    if (wordLength === 0) return;
    const h = word >>> 0;
    word = 0x811c9dc5;
    wordLength = 0;
    if (STOPWORD_HASHES.has(h)) return;
    if (words >= 2) out.push(combine(combine(w1, w2), h));
    w1 = w2;
    w2 = h;
    words++;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const lower = wordCode(code);
    if (lower !== -1) {
      word = Math.imul(word ^ lower, 0x01000193);
      wordLength++;
      continue;
    }
    // An apostrophe inside a word ("ByteDance's") drops the possessive rather than splitting it off.
    if ((code === 0x27 || code === 0x2019) && wordLength > 0) {
      endWord();
      if (wordCode(text.charCodeAt(i + 1)) === 0x73 && wordCode(text.charCodeAt(i + 2)) === -1) i++;
      continue;
    }
    endWord();
    if (isHan(code)) {
      const han = foldHan(code);
      // Words never shingle across Chinese text, nor Han characters across Latin words or punctuation.
      words = 0;
      if (hanRun >= 1) out.push(combine(h2, han) ^ 0x2);
      if (hanRun >= 2) out.push(combine(combine(h1, h2), han) ^ 0x3);
      h1 = h2;
      h2 = han;
      hanRun++;
    } else if (code !== 0x20 || hanRun > 0) {
      // Spaces separate English words; anything else other than a word character ends a Han run.
      hanRun = 0;
      if (code !== 0x20 && code !== 0x2d && code !== 0x2c && code !== 0x2e && code !== 0x24 && code !== 0x25) words = 0;
    }
  }
  endWord();
  return Uint32Array.from(out);
}

/** MinHash signature of an article's title and lead (language is advisory: each script shingles its own way). */
export function createStorySignature(article: { title: string; text: string; language: 'zh' | 'en' | 'und' }): StorySignature {
  const source = `${article.title}\n${article.text}`.slice(0, SIGNATURE_CHARS);
  const hashes = shingleHashes(source).sort();
  const signature: number[] = [];
  for (let i = 0; i < hashes.length && signature.length < SIGNATURE_SIZE; i++) {
    const h = hashes[i]!;
    if (signature.length === 0 || signature[signature.length - 1] !== h) signature.push(h);
  }
  return signature;
}

/** Estimated Jaccard similarity (0..1) of two signatures' shingle sets: shared share of the union's k smallest. */
export function storySimilarity(a: StorySignature, b: StorySignature): number {
  const k = Math.min(SIGNATURE_SIZE, Math.max(a.length, b.length));
  let i = 0, j = 0, seen = 0, shared = 0;
  // Merge the two sorted lists; stop once the union's k smallest have been seen.
  while (seen < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    seen++;
  }
  return seen === 0 ? 0 : shared / seen;
}

function countShared(candidate: ReadonlySet<string>, other: readonly string[]): number {
  let shared = 0;
  for (const item of new Set(other)) if (candidate.has(item)) shared++;
  return shared;
}

/** Jaccard of two small sets given their sizes and overlap. */
function jaccard(sizeA: number, sizeB: number, shared: number): number {
  const union = sizeA + sizeB - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * The recent story this candidate belongs to (best score wins), or null to start a new story.
 * `similarity` is the best combined score seen, also when no story was joined (useful for tuning).
 */
export function assignStory(candidate: StoryCandidate, recent: readonly RecentStory[], options: StoryOptions = {}): { storyId: number | null; similarity: number } {
  const o = { ...STORY_DEFAULTS, ...options };
  const entities = new Set(candidate.entities);
  const figures = new Set(candidate.figures);
  const windowMs = o.windowDays * DAY_MS;
  let bestId: number | null = null;
  let bestScore = 0;
  let bestSeen = 0;
  for (const story of recent) {
    if (Math.abs(candidate.publishedAt.getTime() - story.publishedAt.getTime()) > windowMs) continue;
    const sharedEntities = countShared(entities, story.entities);
    // Prefilter: articles naming entities, none in common, are different stories; skip the MinHash merge.
    if (sharedEntities === 0 && entities.size > 0 && story.entities.length > 0) continue;
    const text = storySimilarity(candidate.signature, story.signature);
    const sharedFigures = countShared(figures, story.figures);
    const storyFigures = new Set(story.figures).size;
    const coverage = figures.size === 0 ? 1 : sharedFigures / figures.size;
    // Figures on both sides that mostly differ: a different story about the same companies.
    const conflict = figures.size > 0 && storyFigures > 0 && coverage < o.minFigureCoverage;
    let score = 0;
    if (text >= o.nearDuplicate) score = text;
    else if (conflict) score = 0;
    else if (sharedEntities >= o.minSharedEntities && sharedFigures > 0 && coverage >= o.minFigureCoverage) {
      const evidence = (jaccard(entities.size, new Set(story.entities).size, sharedEntities) + jaccard(figures.size, storyFigures, sharedFigures)) / 2;
      score = Math.max(text, evidence);
    } else if (sharedEntities >= 1 && text >= o.paraphrase) score = text;
    bestSeen = Math.max(bestSeen, score > 0 ? score : text);
    if (score > bestScore) {
      bestScore = score;
      bestId = story.storyId;
    }
  }
  return bestId === null ? { storyId: null, similarity: bestSeen } : { storyId: bestId, similarity: bestScore };
}
