/**
 * Scores every claim in every sentence of one article: the claims whose gates the article passes, in the
 * sentences with word evidence for them (and, for a claim with a figure, every sentence with a figure).
 * The result is a score per (claim, sentence) for the sentences that qualify as evidence, and one for every
 * sentence with any evidence at all, which the stance reads.
 * @module
 */
import { passesGates, type CompiledClaim } from './claim-compiler.js';
import { actorCoverage, dampOutmatched, qualifies, scoreSentence, SCORING, type WordEvidence } from './claim-scoring.js';
import { bestFigure, rankFigure, sameValue, type FigureEvidence } from './figure-evidence.js';
import type { ExtractedFigure } from '../reading/figures/index.js';
import type { RelationReading } from './relations.js';
import { extractScopes, type ScopePhrase } from '../reading/scope.js';

/** One article as the claim scorer reads it, sentence by sentence (index 0 is the title, if any). */
export interface ArticleEvidence {
  sentences: readonly { text: string; start: number }[];
  /** Entity slug → alias, for the whole article. */
  entities: Readonly<Record<string, string>>;
  /** Anchors (places) the article mentions anywhere. */
  anchors: ReadonlySet<string>;
  entitiesBySentence: readonly ReadonlySet<string>[];
  /** Claim index → its word evidence, per sentence. */
  wordsBySentence: readonly Map<number, WordEvidence>[];
  figuresBySentence: readonly (readonly ExtractedFigure[])[];
  /** Claim index → per sentence, the claim's relation stated with its parties in their roles (relations.ts). */
  relations: readonly (readonly (RelationReading | undefined)[])[];
}

/** Per claim, per sentence: scores of qualifying sentences, scores of every related sentence, figures. */
export interface ClaimScores {
  scores: (number | undefined)[][];
  related: (number | undefined)[][];
  figures: (FigureEvidence | undefined)[][];
}

/** Cheap test before the superlative pattern: most sentences have no "largest" or 最大. */
const SUPERLATIVE_HINT = /largest|biggest|\btop\b|最大/i;

/** Scores the claims in the sentences of one article (see the module doc). */
export function scoreClaims(claims: readonly CompiledClaim[], article: ArticleEvidence): ClaimScores {
  const { sentences, entitiesBySentence, wordsBySentence, figuresBySentence } = article;
  const result: ClaimScores = { scores: claims.map(() => []), related: claims.map(() => []), figures: claims.map(() => []) };

  const superlatives: (ScopePhrase[] | undefined)[] = [];
  const superlativesOf = (i: number): ScopePhrase[] =>
    (superlatives[i] ??= SUPERLATIVE_HINT.test(sentences[i]!.text)
      ? extractScopes(sentences[i]!.text).filter((scope) => scope.kind === 'superlative')
      : []);
  // The claim whose figure a figure states exactly (-1: none), asked only of figures that drift.
  const owners = new Map<ExtractedFigure, number>();
  const ownerOf = (figure: ExtractedFigure): number => {
    let owner = owners.get(figure);
    if (owner === undefined) {
      owner = claims.findIndex((other) => other.preparedFigure !== null && other.figureKinds.has(figure.kind) && sameValue(other.preparedFigure, figure));
      owners.set(figure, owner);
    }
    return owner;
  };
  const withWords: number[][] = claims.map(() => []);
  for (const [i, evidence] of wordsBySentence.entries()) for (const c of evidence.keys()) withWords[c]!.push(i);
  for (const [c, readings] of article.relations.entries()) {
    for (const [i, reading] of readings.entries()) if (reading && !wordsBySentence[i]!.has(c)) withWords[c]!.push(i);
  }
  const everySentence = sentences.map((_, i) => i);

  for (const [c, claim] of claims.entries()) {
    if (!passesGates(claim, article)) continue;
    for (const i of claim.figure === null ? withWords[c]! : everySentence) {
      const ownWords = wordsBySentence[i]!.get(c);
      const reading = article.relations[c]?.[i];
      if (!ownWords && !reading && !claim.rank && figuresBySentence[i]!.length === 0) continue;
      const figure = claim.rank
        ? rankFigure(claim.declaredScope, superlativesOf(i))
        : bestFigure(claim.preparedFigure, figuresBySentence[i]!, {
            kinds: claim.figureKinds,
            ownedElsewhere: (found) => ownerOf(found) !== c && ownerOf(found) !== -1,
            pointedAt: (found) => covers(ownWords, sentences[i]!.start + found.index, found.text.length),
          });
      // Claims about one relation between the same parties differ in their figure ("$1 billion a year", "$20
      // million a month", "largest"): for a claim with a figure the relation counts only beside that figure.
      const words = reading && (claim.figure === null || besideFigure(claim, figure)) ? withRelation(ownWords, reading) : ownWords;
      if (!words && figure.score === 0) continue;
      const actors = actorCoverage(claim.entities, i, entitiesBySentence, article.entities);
      const parts = {
        words,
        figure: figure.score,
        // A claim whose statement names none of its entities is not about who is involved.
        actors: claim.subject === null ? Math.max(actors.score, SCORING.unnamedActors) : actors.score,
        ownActor: claim.ownEntities.some((entity) => entitiesBySentence[i]!.has(entity)),
        actorsNear: actors.near,
      };
      const score = scoreSentence(parts);
      result.related[c]![i] = score;
      if (!qualifies(parts)) continue;
      // A claim with parts asserts a relation: a sentence counts only with the relation stated in the claim's
      // roles in it or next to it ("Tencent is an Azure customer. Its bill runs at about $500m a year.").
      const readings = article.relations[c];
      if (claim.roles && !(readings?.[i] || readings?.[i - 1] || readings?.[i + 1])) continue;
      result.scores[c]![i] = score;
      result.figures[c]![i] = figure;
    }
  }
  dampOutmatched(result.scores, wordsBySentence);
  return result;
}

/** Close enough to the claim's value to be a rewording or an update of it, not another figure (2.5 times). */
const NEAR_VALUE = 2.5;

/** True when the sentence's figure is the claim's, reworded, or a value near it (an update, a drift). */
function besideFigure(claim: CompiledClaim, figure: FigureEvidence): boolean {
  if (figure.score >= SCORING.figureSignal) return true;
  if (figure.score === 0 || !claim.figure || !figure.figure) return false;
  const ratio = figure.figure.value / claim.figure.value;
  return ratio > 0 && ratio <= NEAR_VALUE && ratio >= 1 / NEAR_VALUE;
}

/**
 * Word evidence with the claim's relation added as one specific term: the relation stated with the claim's
 * parties in their roles is what the claim asserts, however it is worded.
 */
function withRelation(words: WordEvidence | undefined, reading: RelationReading | undefined): WordEvidence | undefined {
  if (!reading) return words;
  const base = words ?? { terms: [], stems: [], termWeight: 0, stemWeight: 0, specific: false, weakUnique: 0, coveredEnd: -1, spans: [] };
  return { ...base, terms: [...base.terms, `relation: ${reading.cue}`], termWeight: base.termWeight + SCORING.relationWeight, specific: true };
}

/** True when one of the claim's term spans overlaps the figure at `start` (full-text offset) of `length` characters. */
function covers(words: WordEvidence | undefined, start: number, length: number): boolean {
  if (!words) return false;
  for (let k = 0; k < words.spans.length; k += 2) if (words.spans[k]! < start + length && words.spans[k + 1]! > start) return true;
  return false;
}
