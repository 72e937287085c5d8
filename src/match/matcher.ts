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
import { isCjkTerm } from './term-index.js';
import { compileVocabularies, type ClaimVocabulary } from './claim-keywords.js';
import { createTermScanner, foldTerm as termKey, STEM_MARK, type ScanHit as TermHit } from './term-scanner.js';
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
  vocabulary: ClaimVocabulary;
  figure: ClaimFigure | null;
  /** A rank claim ("largest AI customer"): a superlative phrase in a sentence plays the part of its figure. */
  rank: boolean;
  declaredScope: ScopePhrase | null;
  places: Set<string>;
}

export interface Matcher {
  analyze(article: MatchInput, now: Date): ArticleAnalysis;
  readonly options: MatcherOptions;
}

/** One claim's evidence in one sentence. */
interface Evidence {
  termWeight: number;
  stemWeight: number;
  terms: string[];
  stems: string[];
  /** End of the furthest term hit taken: a hit inside it ("$1 billion" in "more than $1 billion") adds nothing. */
  coveredEnd: number;
}

/** A term or stem key → the claims whose vocabulary holds it, with its weight there. */
type Postings = Map<string, { claim: number; weight: number; stem: boolean }[]>;

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
  const vocabularies = compileVocabularies(catalog.claims, catalog.entities.flatMap((entity) => entity.names));
  const claims: CompiledClaim[] = catalog.claims.map((claim, i) => ({
    slug: claim.slug,
    statement: claim.statement,
    entities: claim.entities,
    vocabulary: vocabularies[i]!,
    figure: claim.figure ?? null,
    rank: claim.figure?.unit === 'rank',
    declaredScope: claim.figure?.scope ? normalizeDeclaredScope(claim.figure.scope) : null,
    places: placesNamedIn(claim.terms),
  }));

  const postings: Postings = new Map();
  const post = (key: string, entry: { claim: number; weight: number; stem: boolean }): void => {
    const list = postings.get(key);
    if (list) list.push(entry);
    else postings.set(key, [entry]);
  };
  const stems = new Set<string>();
  for (const [i, claim] of claims.entries()) {
    for (const [key, weight] of claim.vocabulary.terms) post(key, { claim: i, weight, stem: false });
    for (const [stem, weight] of claim.vocabulary.stems) {
      stems.add(stem);
      post(`${STEM_MARK}${stem}`, { claim: i, weight, stem: true });
    }
  }

  const allTerms = new Set<string>(aliasToEntity.keys());
  for (const topic of topics) for (const term of queryReferences(topic.query).terms) allTerms.add(term);
  for (const claim of claims) for (const term of claim.vocabulary.terms.keys()) allTerms.add(term);
  const index = createTermScanner(allTerms, stems);

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

      // Per sentence: the entities named and each claim's term and statement-word evidence.
      const entitiesBySentence: Set<string>[] = [];
      const evidenceBySentence: Map<number, Evidence>[] = [];
      for (const sentenceHits of hitsBySentence) {
        const named = new Set<string>();
        const evidence = new Map<number, Evidence>();
        for (const hit of sentenceHits) {
          const entity = aliasToEntity.get(hit.term);
          if (entity) named.add(entity);
          for (const posting of postings.get(hit.term) ?? []) {
            let found = evidence.get(posting.claim);
            if (!found) evidence.set(posting.claim, (found = { termWeight: 0, stemWeight: 0, terms: [], stems: [], coveredEnd: -1 }));
            if (posting.stem) {
              if (hit.start < found.coveredEnd || found.stems.includes(hit.term)) continue;
              found.stems.push(hit.term);
              found.stemWeight += posting.weight;
            } else {
              if (hit.end <= found.coveredEnd || found.terms.includes(hit.term)) continue;
              found.terms.push(hit.term);
              found.termWeight += posting.weight;
              found.coveredEnd = hit.end;
            }
          }
        }
        entitiesBySentence.push(named);
        evidenceBySentence.push(evidence);
      }
      const superlatives: (ScopePhrase[] | undefined)[] = [];
      const superlativesOf = (i: number): ScopePhrase[] =>
        (superlatives[i] ??= SUPERLATIVE_HINT.test(sentences[i]!.text) ? extractScopes(sentences[i]!.text).filter((scope) => scope.kind === 'superlative') : []);

      const claimMatches: ClaimMatch[] = [];
      for (const [c, claim] of claims.entries()) {
        if (!claim.entities.some((entity) => entity in entities)) continue;
        let best: { dbg: string; score: number; index: number; terms: string[]; entities: string[]; figure: ExtractedFigure | null; comparison: string | null } | null = null;
        for (const [i, sentence] of sentences.entries()) {
          const evidence = evidenceBySentence[i]!.get(c);
          const { figure, comparison, figureScore } = claim.rank ? rankFigure(claim, superlativesOf(i)) : bestFigure(claim, figuresBySentence[i] ?? []);
          if (!evidence && figureScore < 0.7) continue;
          const termWeight = evidence?.termWeight ?? 0;
          const stemCoverage = evidence && claim.vocabulary.stemTotal > 0 ? evidence.stemWeight / claim.vocabulary.stemTotal : 0;
          const lexical = Math.min(1, (termWeight + STEM_FACTOR * stemCoverage) / 1.5);
          const entityScore = entityCoverage(claim.entities, i, entitiesBySentence, entities);
          const score = claim.figure
            ? 0.4 * lexical + 0.35 * entityScore.score + 0.25 * figureScore
            : 0.55 * lexical + 0.45 * entityScore.score;
          if (!best || score > best.score) {
            best = {
              dbg: `t=${termWeight.toFixed(2)} s=${stemCoverage.toFixed(2)} e=${entityScore.score.toFixed(2)} f=${figureScore.toFixed(2)}`,
              score,
              index: i,
              terms: [...(evidence?.terms ?? []), ...(evidence?.stems ?? [])],
              entities: entityScore.inSentence,
              figure,
              comparison,
            };
          }
          void sentence;
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
          why: { terms: best.terms, entities: best.entities, figure: best.comparison, downgraded: process.env.MDBG ? best.dbg : downgraded },
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

/** How much statement-word coverage counts against one full-weight term. */
const STEM_FACTOR = 1.5;
const SUPERLATIVE_HINT = /largest|biggest|\btop\b|最大/i;

/**
 * How well a sentence names a claim's entities: each counts fully in the sentence, mostly in a neighbouring
 * sentence ("The TikTok owner", "后者" refer back), and a little anywhere in the article. The best two count.
 */
function entityCoverage(
  claimEntities: readonly string[],
  i: number,
  bySentence: readonly Set<string>[],
  inArticle: Record<string, string>,
): { score: number; inSentence: string[] } {
  const values: number[] = [];
  const inSentence: string[] = [];
  for (const entity of claimEntities) {
    if (bySentence[i]!.has(entity)) {
      values.push(1);
      inSentence.push(entity);
    } else if (bySentence[i - 1]?.has(entity) || bySentence[i + 1]?.has(entity)) values.push(0.8);
    else if (entity in inArticle) values.push(0.5);
  }
  const wanted = Math.min(2, claimEntities.length);
  const score = values.sort((a, b) => b - a).slice(0, wanted).reduce((sum, v) => sum + v, 0) / wanted;
  return { score, inSentence };
}

/** A rank claim's "figure": the superlative of the sentence, same scope as declared or not. */
function rankFigure(claim: CompiledClaim, scopes: ScopePhrase[]): { figure: ExtractedFigure | null; comparison: string | null; figureScore: number } {
  if (scopes.length === 0) return { figure: null, comparison: null, figureScore: 0 };
  const same = claim.declaredScope ? scopes.some((scope) => scope.value === claim.declaredScope!.value) : true;
  return same ? { figure: null, comparison: 'same scope', figureScore: 1 } : { figure: null, comparison: 'different scope', figureScore: 0.85 };
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
    while (s < sentences.length && hit.start >= sentences[s]!.start + sentences[s]!.text.length) s++;
    if (s >= sentences.length) break;
    // The title is sentence 0 and also the start of the full text; body offsets follow it.
    if (hit.start >= sentences[s]!.start) grouped[s]!.push(hit);
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
