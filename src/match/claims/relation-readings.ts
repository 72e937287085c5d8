/**
 * The relations an article states, sentence by sentence, read once for every claim with parts (is the claim's
 * relation there, with its parties in their roles?) and for candidate claims (what does a sentence assert
 * between tracked companies that no claim covers?). relations.ts reads one cue; this walks an article's cues.
 * @module
 */
import { isCovered } from '../bookkeeping/candidates.js';
import type { ExtractedFigure } from '../reading/figures/index.js';
import type { Sentence } from '../reading/sentences.js';
import type { CompiledClaim } from './claim-compiler.js';
import {
  assertionKey,
  OTHER_VENDORS,
  readAssertion,
  readRelation,
  type Assertion,
  type CueContext,
  type NamedParty,
  type RelationCue,
  type RelationReading,
} from './relations.js';
import { isQuestion } from './stance.js';

/** A scanner hit as this reads it: an entity's name or a relation cue, where it is in the article. */
export interface RelationHit {
  start: number;
  end: number;
  data: { entity?: string; relations?: readonly RelationCue[] };
}

/** An assertion found in a sentence, with the key candidates are grouped by. */
export interface FoundAssertion extends Assertion {
  key: string;
  /** The sentence, as a quote (see `quoteOf`). */
  sentence: string;
  /** The sentence's first figure, as written. */
  figure: string | null;
}

/** A sentence as stored and shown: cut at 500 characters, with an ellipsis. */
export function quoteOf(sentence: string): string {
  return sentence.length > 500 ? `${sentence.slice(0, 499)}…` : sentence;
}

/** One article as the relation reader needs it; index 0 of every list is the first sentence. */
export interface ArticleRelations {
  text: string;
  sentences: readonly Sentence[];
  hitsBySentence: readonly (readonly RelationHit[])[];
  entitiesBySentence: readonly ReadonlySet<string>[];
  /** Entity slugs that are companies (not people or bodies). */
  companies: ReadonlySet<string>;
}

export interface RelationReader {
  /** For each claim with parts, per sentence, how the sentence states the claim's relation, when it does. */
  readings(claims: readonly CompiledClaim[]): (RelationReading | undefined)[][];
  /**
   * What sentences assert between tracked companies that no tracked claim covers: not a claim's evidence
   * (`evidence`: quotes), not a question, and not a relation between the same parties that a claim's parts name.
   */
  assertions(claims: readonly CompiledClaim[], figuresBySentence: readonly (readonly ExtractedFigure[])[], evidence: ReadonlySet<string>): FoundAssertion[];
}

/** A reader over one article; the parties of a sentence and its neighbours are found once, when first needed. */
export function createRelationReader(article: ArticleRelations): RelationReader {
  const { text, sentences, hitsBySentence, entitiesBySentence, companies } = article;
  const partiesOf: (NamedParty[] | undefined)[] = [];
  const parties = (i: number): NamedParty[] => {
    let found = partiesOf[i];
    if (found) return found;
    const sentence = sentences[i]!;
    found = hitsBySentence[i]!.flatMap((hit) =>
      hit.data.entity !== undefined ? [{ entity: hit.data.entity, start: hit.start, end: hit.end, company: companies.has(hit.data.entity) }] : [],
    );
    for (const match of sentence.text.matchAll(OTHER_VENDORS)) {
      found.push({ entity: null, start: sentence.start + match.index, end: sentence.start + match.index + match[0].length, company: true });
    }
    found.sort((a, b) => a.start - b.start);
    return (partiesOf[i] = found);
  };
  const around: ({ before: Set<string>; neighbours: string } | undefined)[] = [];
  const contextOf = (i: number, hit: RelationHit): CueContext => {
    const sentence = sentences[i]!;
    const near = (around[i] ??= {
      before: new Set([...(entitiesBySentence[i - 1] ?? []), ...(entitiesBySentence[i - 2] ?? []), ...(entitiesBySentence[i + 1] ?? [])]),
      neighbours: `${sentences[i - 1]?.text ?? ''}\n${sentences[i + 1]?.text ?? ''}`,
    });
    return { text, sentenceStart: sentence.start, sentenceEnd: sentence.start + sentence.text.length, cueStart: hit.start, cueEnd: hit.end, parties: parties(i), ...near };
  };

  return {
    readings(claims) {
      const readings: (RelationReading | undefined)[][] = claims.map(() => []);
      for (const [i, sentenceHits] of hitsBySentence.entries()) {
        for (const hit of sentenceHits) {
          const cues = hit.data.relations;
          if (!cues) continue;
          for (const [c, claim] of claims.entries()) {
            const roles = claim.roles;
            if (!roles || readings[c]![i]) continue;
            for (const cue of cues) {
              const reading = cue.relation === roles.relation ? readRelation(roles, cue, contextOf(i, hit)) : null;
              if (reading) {
                readings[c]![i] = reading;
                break;
              }
            }
          }
        }
      }
      return readings;
    },

    assertions(claims, figuresBySentence, evidence) {
      const found: FoundAssertion[] = [];
      const covering = claims.flatMap((claim) => (claim.roles ? [claim.roles] : []));
      for (const [i, sentenceHits] of hitsBySentence.entries()) {
        // An assertion's first role is a company named in the sentence.
        if (![...entitiesBySentence[i]!].some((entity) => companies.has(entity))) continue;
        const sentence = sentences[i]!.text;
        if (evidence.has(quoteOf(sentence)) || isQuestion(sentence)) continue;
        const relations = new Set<string>();
        for (const hit of sentenceHits) {
          if (!hit.data.relations) continue;
          const assertion = readAssertion(hit.data.relations, contextOf(i, hit));
          if (!assertion || isCovered(assertion, covering)) continue;
          // One assertion of a relation per sentence, read at its first cue: a later cue of the same relation
          // ("…raised concerns with Microsoft about capacity shortages") restates it, often with the roles blurred.
          if (relations.has(assertion.relation)) continue;
          relations.add(assertion.relation);
          const figure = figuresBySentence[i]!.find((f) => f.kind === 'money' || f.kind === 'percent' || f.kind === 'multiplier' || f.kind === 'share');
          found.push({ ...assertion, key: assertionKey(assertion), sentence: quoteOf(sentence), figure: figure?.text ?? null });
        }
      }
      return found;
    },
  };
}
