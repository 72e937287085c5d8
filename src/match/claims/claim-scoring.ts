/**
 * How strongly one sentence bears on one claim, from three kinds of evidence:
 *
 * - words: the claim's key terms and its statement's content words found in the sentence;
 * - actors: the claim's entities named in the sentence, in a neighbouring one ("The TikTok owner", "后者"
 *   refer back) or only somewhere in the article;
 * - figure: a number (or, for a rank claim, a superlative) that matches the claim's.
 *
 * Words and figure add up as independent evidence, saturating towards 1; actors then scale the result,
 * so a sentence needs both what the claim says and whom it is about. A sentence counts at all only with a
 * claim-specific signal and two pieces of evidence (see `qualifies`), and loses half its score when
 * everything it has for a claim is also evidence for another claim that it matches much better: "outside
 * China" next to Ant Group, Meituan and Tencent is about their overseas business, not about where OpenAI
 * models are hosted. Which articles may bear on a claim at all is decided before, in claim-compiler.ts.
 * @module
 */

/** A claim's words in one sentence. */
export interface WordEvidence {
  /** Folded keys of the claim terms found (a term inside a longer one found is not counted again). */
  terms: string[];
  /** Statement stems found outside those terms. */
  stems: string[];
  termWeight: number;
  stemWeight: number;
  /** A specific term listed for this claim only was found, or two single-word ones were. */
  specific: boolean;
  /** Single-word (or two-character) terms found that only this claim lists. */
  weakUnique: number;
  /** End of the furthest term hit taken. */
  coveredEnd: number;
  /** Spans of the terms taken, as start and end offsets one after the other. */
  spans: number[];
}

/** A term or stem key → the claims whose vocabulary holds it, with its weight there. */
export type Postings = Map<string, Posting[]>;

/** One claim's entry in the postings of a term or stem: its weight there, and whether only it lists the term. */
export interface Posting {
  claim: number;
  weight: number;
  stem: boolean;
  unique: 'strong' | 'weak' | null;
}

/** Each claim's word evidence in one sentence's hits (sorted by start, longest first at one start). */
export function collectWordEvidence<H extends { term: string; start: number; end: number }>(
  hits: readonly H[],
  postingsOf: (hit: H) => readonly Posting[] | undefined,
): Map<number, WordEvidence> {
  const evidence = new Map<number, WordEvidence>();
  for (const hit of hits) {
    const entries = postingsOf(hit);
    if (!entries) continue;
    for (const entry of entries) {
      let found = evidence.get(entry.claim);
      if (!found) {
        found = { terms: [], stems: [], termWeight: 0, stemWeight: 0, specific: false, weakUnique: 0, coveredEnd: -1, spans: [] };
        evidence.set(entry.claim, found);
      }
      if (entry.stem) {
        // A stem inside a term already counted ("individual" in "individual developers") adds nothing.
        if (hit.start < found.coveredEnd || found.stems.includes(hit.term)) continue;
        found.stems.push(hit.term);
        found.stemWeight += entry.weight;
      } else {
        if (hit.end <= found.coveredEnd || found.terms.includes(hit.term)) continue;
        found.terms.push(hit.term);
        found.termWeight += entry.weight;
        if (entry.unique === 'weak') found.weakUnique++;
        found.specific ||= entry.unique === 'strong' || found.weakUnique >= 2;
        found.coveredEnd = hit.end;
        found.spans.push(hit.start, hit.end);
      }
    }
  }
  return evidence;
}

/** Scoring constants, named so a change to one is a change to one line. */
export const SCORING = {
  /** Evidence rate of one full-weight term: one alone gives 1 − e^−0.8 ≈ 0.55 of the word evidence. */
  termRate: 0.8,
  /** Term weight of the claim's relation stated with its parties in their roles (relations.ts). */
  relationWeight: 1.5,
  /** Evidence rate of one unit of statement-word weight (an inverse document frequency of 1). */
  stemRate: 0.22,
  /** Evidence rate of a matching figure (scaled by how well it matches). */
  figureRate: 1.1,
  /** Statement-word weight that counts as a claim-specific signal without any specific term. */
  stemSignal: 2.5,
  /** Figure score that counts as a claim-specific signal on its own (the same value, or another base). */
  figureSignal: 0.85,
  /** Figure score that counts as one with any term of the claim's own: a drifted value ("quadrupled"). */
  figureWithTerm: 0.6,
  /** Actors: value of an entity named in the sentence, a neighbouring sentence, or only the article. */
  inSentence: 1,
  inWindow: 0.8,
  inArticle: 0.45,
  /** Actors floor: what a sentence naming none of the claim's entities still keeps. */
  actorFloor: 0.25,
  /** Actors of a claim whose statement names none of its entities: who is involved is not what it asserts. */
  unnamedActors: 0.5,
  /** How much of the score the word-and-figure evidence carries, against the actors. */
  evidenceShare: 0.6,
  /** Factor on a sentence whose evidence for a claim is all shared with a claim it matches much better. */
  outmatched: 0.5,
  /** "Much better": the other claim's score over this one's. */
  outmatchedRatio: 1.25,
} as const;

/** The parts of one sentence's score for one claim. */
export interface ScoreParts {
  words: WordEvidence | undefined;
  /** 0–1: how well the sentence's figure (or superlative) matches the claim's. */
  figure: number;
  /** 0–1: the claim's entities around the sentence (see `actorCoverage`). */
  actors: number;
  /** The sentence names an entity that no other claim involves (DeepSeek for the claim about DeepSeek). */
  ownActor: boolean;
  /** One of the claim's entities is named in the sentence or a neighbouring one. */
  actorsNear: boolean;
}

/**
 * True when a sentence may count as evidence for the claim at all. It needs something only this claim
 * explains: a specific term of its own, its figure, much of its wording, or (with some word evidence) an
 * actor no other claim involves; a single common word ("outputs", "monitoring") is shared with too much
 * unrelated text. And it needs two pieces of evidence, so one topical phrase ("export controls" in a
 * story about chips) never carries a claim alone: terms, statement words, a figure and the claim's actors
 * nearby each count as one.
 */
export function qualifies(parts: ScoreParts): boolean {
  const words = parts.words;
  const signal =
    (words?.specific ?? false) ||
    parts.figure >= SCORING.figureSignal ||
    (parts.figure >= SCORING.figureWithTerm && (words?.weakUnique ?? 0) > 0) ||
    (words?.stemWeight ?? 0) >= SCORING.stemSignal ||
    (parts.ownActor && words !== undefined && words.termWeight + words.stemWeight > 0);
  if (!signal) return false;
  const pieces =
    (words?.terms.length ?? 0) + ((words?.stems.length ?? 0) > 0 ? 1 : 0) + (parts.figure > 0 ? 1 : 0) + (parts.actorsNear ? 1 : 0);
  return pieces >= 2;
}

/** The score of one sentence for one claim, 0–1 (see the module doc). */
export function scoreSentence(parts: ScoreParts): number {
  const rate =
    SCORING.termRate * (parts.words?.termWeight ?? 0) +
    SCORING.stemRate * (parts.words?.stemWeight ?? 0) +
    SCORING.figureRate * parts.figure;
  const evidence = 1 - Math.exp(-rate);
  const actors = SCORING.actorFloor + (1 - SCORING.actorFloor) * parts.actors;
  return evidence ** SCORING.evidenceShare * actors ** (1 - SCORING.evidenceShare);
}

/**
 * How well a sentence names a claim's entities: each counts fully in the sentence, mostly in a neighbouring
 * sentence, a little anywhere in the article; the best two count (most claims have one or two actors).
 * `near`: one of them is in the sentence or a neighbouring one.
 */
export function actorCoverage(
  claimEntities: readonly string[],
  i: number,
  bySentence: readonly ReadonlySet<string>[],
  inArticle: Readonly<Record<string, string>>,
): { score: number; near: boolean } {
  // The two best values, kept without sorting: this runs for every claim in every sentence.
  let first = 0;
  let second = 0;
  let near = false;
  for (const entity of claimEntities) {
    let value = 0;
    if (bySentence[i]!.has(entity)) value = SCORING.inSentence;
    else if (bySentence[i - 1]?.has(entity) || bySentence[i + 1]?.has(entity)) value = SCORING.inWindow;
    else if (entity in inArticle) value = SCORING.inArticle;
    if (value >= SCORING.inWindow) near = true;
    if (value > first) {
      second = first;
      first = value;
    } else if (value > second) second = value;
  }
  const wanted = Math.min(2, claimEntities.length);
  return { score: wanted === 0 ? 0 : (wanted === 1 ? first : first + second) / wanted, near };
}

/**
 * Damps, in each sentence, a claim whose whole word evidence is also evidence for another claim scoring
 * much higher there. `scores[c][i]` is claim c's score in sentence i (undefined: no evidence); changed in place.
 */
export function dampOutmatched(scores: (number | undefined)[][], words: readonly Map<number, WordEvidence>[]): void {
  for (const [i, evidence] of words.entries()) {
    if (evidence.size < 2) continue;
    const damped: number[] = [];
    for (const [c, mine] of evidence) {
      const own = scores[c]?.[i];
      if (own === undefined) continue;
      const keys = [...mine.terms, ...mine.stems];
      if (keys.length === 0) continue;
      for (const [other, theirs] of evidence) {
        if (other === c) continue;
        const better = scores[other]?.[i];
        if (better === undefined || better < own * SCORING.outmatchedRatio) continue;
        if (keys.every((key) => theirs.terms.includes(key) || theirs.stems.includes(key))) {
          damped.push(c);
          break;
        }
      }
    }
    // Applied after the pass, so the order claims are visited in never matters.
    for (const c of damped) scores[c]![i] = scores[c]![i]! * SCORING.outmatched;
  }
}
