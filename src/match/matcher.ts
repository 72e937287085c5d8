/**
 * Reads one article the way an analyst would: which entities and topics it is about, which tracked claims
 * it bears on (with the sentence, a score, a tier and a stance), the figures and scopes it states, and the
 * source it rests on. Pure: catalog and article in, analysis out.
 * @module
 */
import type { EvidenceTier, Stance } from '../db/schema.js';
import { compareFigures, extractFigures, type ClaimFigure, type ExtractedFigure } from './figures/index.js';
import { attributeOrigin } from './origins.js';
import { extractScopes, normalizeDeclaredScope, placesNamedIn, type ScopePhrase } from './scope.js';
import { splitSentences } from './sentences.js';
import { detectStance } from './stance.js';
import { createTermIndex, isCjkTerm, termKey, type TermHit } from './term-index.js';
import { evaluateTopicQuery, parseTopicQuery, queryReferences, type TopicQuery } from './topic-query.js';

/** What the matcher needs from the catalog (the database or `feeds/`). */
export interface MatcherCatalog {
  entities: { slug: string; names: string[] }[];
  topics: { slug: string; query: string }[];
  claims: {
    slug: string;
    statement: string;
    entities: string[];
    terms: string[];
    figure?: ClaimFigure | null;
  }[];
}

export interface MatcherOptions {
  /** At or above: evidence is recorded automatically. */
  highThreshold: number;
  /** At or above (and below high): a suggestion kept for review. */
  lowThreshold: number;
  /** Sentences shorter than this (characters; CJK count double) are downgraded to suggestions. */
  minSentenceChars: number;
  /** Articles older than this are downgraded to suggestions. */
  maxAgeMs: number;
}

export const MATCHER_DEFAULTS: MatcherOptions = {
  highThreshold: 0.6,
  lowThreshold: 0.42,
  minSentenceChars: 40,
  maxAgeMs: 365 * 86_400_000,
};

/** The article as the matcher reads it. */
export interface MatchInput {
  title: string;
  text: string;
  outlet: string | null;
  publishedAt: Date;
}

/** Evidence that an article bears on a claim. */
export interface ClaimMatch {
  slug: string;
  score: number;
  tier: EvidenceTier;
  stance: Stance;
  quote: string;
  /** The figure of the quote that compares to the claim's figure, if any. */
  figure: ExtractedFigure | null;
  /** Scope phrasings of the quote (superlative modifier, places), for drift detection. */
  scopes: ScopePhrase[];
  /** Why: the claim terms and entities found in the quote, and the figure comparison. */
  why: { terms: string[]; entities: string[]; figure: string | null; downgraded: string | null };
}

export interface ArticleAnalysis {
  /** Entity slug → the alias that matched first. */
  entities: Record<string, string>;
  topics: { slug: string; fired: string[] }[];
  origin: string;
  originPhrase: string | null;
  claims: ClaimMatch[];
  /** Figures of the whole article, for explain and story grouping. */
  figures: ExtractedFigure[];
}

interface CompiledClaim {
  slug: string;
  statement: string;
  entities: string[];
  subject: string;
  terms: Map<string, number>;
  figure: ClaimFigure | null;
  declaredScope: ScopePhrase | null;
  places: Set<string>;
}

export interface Matcher {
  analyze(article: MatchInput, now: Date): ArticleAnalysis;
  readonly options: MatcherOptions;
}

/** A term's weight: long, multi-word, numeric or CJK terms are specific; a lone common word is not. */
function termWeight(term: string): number {
  if (/\d/.test(term)) return 1;
  if (isCjkTerm(term)) return term.length >= 3 ? 1 : 0.6;
  return term.includes(' ') || term.includes('-') ? 1 : 0.5;
}

/** Builds a matcher for a catalog; throws when a topic query does not parse. */
export function createMatcher(catalog: MatcherCatalog, options: Partial<MatcherOptions> = {}): Matcher {
  const opts = { ...MATCHER_DEFAULTS, ...options };
  const aliasToEntity = new Map<string, string>();
  for (const entity of catalog.entities) for (const name of entity.names) aliasToEntity.set(termKey(name), entity.slug);

  const topics = catalog.topics.map((topic) => {
    const parsed = parseTopicQuery(topic.query);
    if (!parsed.ok) throw new Error(`match: topic ${topic.slug}: ${parsed.error}`);
    return { slug: topic.slug, query: parsed.query as TopicQuery };
  });
  const claims: CompiledClaim[] = catalog.claims.map((claim) => ({
    slug: claim.slug,
    statement: claim.statement,
    entities: claim.entities,
    subject: claim.entities[0] ?? '',
    terms: new Map(claim.terms.map((term) => [termKey(term), termWeight(term)])),
    figure: claim.figure ?? null,
    declaredScope: claim.figure?.scope ? normalizeDeclaredScope(claim.figure.scope) : null,
    places: placesNamedIn(claim.terms),
  }));

  const allTerms = new Set<string>(aliasToEntity.keys());
  for (const topic of topics) for (const term of queryReferences(topic.query).terms) allTerms.add(term);
  for (const claim of claims) for (const term of claim.terms.keys()) allTerms.add(term);
  const index = createTermIndex(allTerms);

  return {
    options: opts,
    analyze(article, now) {
      const fullText = article.title ? `${article.title}\n${article.text}` : article.text;
      const hits = index.scan(fullText);
      const entities: Record<string, string> = {};
      const termsFound = new Map<string, string>();
      for (const hit of hits) {
        const entity = aliasToEntity.get(hit.term);
        if (entity && !(entity in entities)) entities[entity] = hit.matched;
        if (!termsFound.has(hit.term)) termsFound.set(hit.term, hit.matched);
      }
      const entityMap = new Map(Object.entries(entities));
      const topicMatches = topics
        .map((topic) => ({
          slug: topic.slug,
          ...evaluateTopicQuery(topic.query, { entities: entityMap, hasTerm: (term) => termsFound.get(termKey(term)) }),
        }))
        .filter((topic) => topic.matched)
        .map(({ slug, fired }) => ({ slug, fired }));

      const { origin, phrase } = attributeOrigin(fullText, article.outlet);
      const sentences = [
        ...(article.title ? [{ text: article.title, start: 0 }] : []),
        ...splitSentences(article.text).map((s) => ({ text: s.text, start: s.start + (article.title ? article.title.length + 1 : 0) })),
      ];
      const hitsBySentence = groupHits(hits, sentences);
      const figuresBySentence = sentences.map((sentence) => extractFigures(sentence.text));
      const old = now.getTime() - article.publishedAt.getTime() > opts.maxAgeMs;

      const claimMatches: ClaimMatch[] = [];
      for (const claim of claims) {
        if (!(claim.subject in entities)) continue;
        let best: { score: number; index: number; terms: string[]; entities: string[]; figure: ExtractedFigure | null; comparison: string | null } | null = null;
        for (const [i, sentence] of sentences.entries()) {
          const sentenceHits = hitsBySentence[i] ?? [];
          const termsHit = new Set<string>();
          const entitiesHit = new Set<string>();
          for (const hit of sentenceHits) {
            if (claim.terms.has(hit.term)) termsHit.add(hit.term);
            const entity = aliasToEntity.get(hit.term);
            if (entity && claim.entities.includes(entity)) entitiesHit.add(entity);
          }
          const { figure, comparison, figureScore } = bestFigure(claim, figuresBySentence[i] ?? []);
          if (termsHit.size === 0 && figureScore < 0.7) continue;
          const termScore = Math.min(1, [...termsHit].reduce((sum, term) => sum + (claim.terms.get(term) ?? 0), 0) / 1.5);
          const wanted = Math.min(2, claim.entities.length);
          const inArticle = claim.entities.filter((e) => e in entities && !entitiesHit.has(e)).length;
          const entityScore = Math.min(1, (entitiesHit.size + 0.6 * inArticle) / wanted);
          const score = claim.figure
            ? 0.4 * termScore + 0.35 * entityScore + 0.25 * figureScore
            : 0.55 * termScore + 0.45 * entityScore;
          if (!best || score > best.score) {
            best = { score, index: i, terms: [...termsHit], entities: [...entitiesHit], figure, comparison };
          }
        }
        if (!best || best.score < opts.lowThreshold) continue;
        const sentence = sentences[best.index]!.text;
        let tier: EvidenceTier = best.score >= opts.highThreshold ? 'auto' : 'suggestion';
        let downgraded: string | null = null;
        if (tier === 'auto' && visibleLength(sentence) < opts.minSentenceChars) {
          tier = 'suggestion';
          downgraded = 'short sentence';
        } else if (tier === 'auto' && old) {
          tier = 'suggestion';
          downgraded = 'old article';
        }
        const figureContradicts = best.figure?.qualifier === 'less than' && claim.figure?.qualifier === 'more than';
        claimMatches.push({
          slug: claim.slug,
          score: round(best.score),
          tier,
          stance: detectStance(sentence, claim.statement, { figureContradicts }),
          quote: sentence.length > 500 ? `${sentence.slice(0, 499)}…` : sentence,
          figure: best.figure,
          scopes: extractScopes(sentence, claim.places.size > 0 ? (place) => claim.places.has(place) : undefined),
          why: { terms: best.terms, entities: best.entities, figure: best.comparison, downgraded },
        });
      }
      return {
        entities,
        topics: topicMatches,
        origin,
        originPhrase: phrase,
        claims: claimMatches,
        figures: figuresBySentence.flat(),
      };
    },
  };
}

function bestFigure(
  claim: CompiledClaim,
  figures: ExtractedFigure[],
): { figure: ExtractedFigure | null; comparison: string | null; figureScore: number } {
  if (!claim.figure || figures.length === 0) return { figure: null, comparison: null, figureScore: 0 };
  let best: { figure: ExtractedFigure | null; comparison: string | null; figureScore: number } = {
    figure: null,
    comparison: null,
    figureScore: 0,
  };
  for (const figure of figures) {
    const comparison = compareFigures(claim.figure, figure);
    const figureScore =
      comparison === 'same' || comparison === 'same-value-different-qualifier'
        ? 1
        : comparison === 'different-base'
          ? 0.85
          : comparison === 'different-value'
            ? 0.6
            : 0;
    if (figureScore > best.figureScore) best = { figure, comparison, figureScore };
  }
  return best;
}

function groupHits(hits: TermHit[], sentences: { text: string; start: number }[]): TermHit[][] {
  const grouped: TermHit[][] = sentences.map(() => []);
  let s = 0;
  for (const hit of hits) {
    while (s < sentences.length && hit.index >= sentences[s]!.start + sentences[s]!.text.length) s++;
    if (s >= sentences.length) break;
    // The title is sentence 0 and also the start of the full text; body offsets follow it.
    if (hit.index >= sentences[s]!.start) grouped[s]!.push(hit);
  }
  return grouped;
}

/** Length with CJK characters counted double, since one carries about a word. */
function visibleLength(text: string): number {
  let length = 0;
  for (const char of text) length += isCjkTerm(char) ? 2 : 1;
  return length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
