/**
 * Reads one article the way an analyst would: which entities and topics it is about, which tracked claims
 * it bears on (with the sentence, a score, a tier and a stance), and the figures and scopes it states. Who
 * the article's facts come from is the stories stage's question (src/stories/). Pure: catalog and article in, analysis out.
 * @module
 */
import type { EvidenceTier, Stance } from '../model/index.js';
import { despin } from './reading/despin.js';
import { compileClaims, passesGates, type ArticleGateInput, type ClaimSource, type CompiledClaim } from './claims/claim-compiler.js';
import { scoreClaims } from './claims/claim-evidence.js';
import { ANCHORS } from './claims/claim-keywords.js';
import { collectWordEvidence, type Posting, type WordEvidence } from './claims/claim-scoring.js';
import { extractFigures, type ExtractedFigure } from './reading/figures/index.js';
import { findPeriods } from './reading/figures/period.js';
import { claimScopes, type ScopePhrase } from './reading/scope.js';
import { splitSentences } from './reading/sentences.js';
import type { CueKind } from './claims/stance-cues.js';
import { createStanceReader, CUE_KINDS, cuesFromHits, isQuestion, rejectsClaim, type StanceCues } from './claims/stance.js';
import { createTermScanner, foldTerm, isCjkCode, STEM_MARK, type ScanHit } from './reading/term-scanner.js';
import { relationCueKeys, type RelationCue, type RelationReading } from './claims/relations.js';
import { createRelationReader, quoteOf, type FoundAssertion } from './claims/relation-readings.js';
import { statesNewerFigure } from './claims/newer-figure.js';
import { isPageChrome } from './reading/page-chrome.js';
import { evaluateTopicQuery, parseTopicQuery, queryReferences, type TopicQuery } from './reading/topic-query.js';

/** What the matcher needs from the catalog (the database or `feeds/`). */
export interface MatcherCatalog {
  /** `kind` is company, organization or person (feeds/entities.yaml). */
  entities: { slug: string; names: string[]; kind?: string }[];
  topics: { slug: string; query: string }[];
  claims: ClaimSource[];
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
  /**
   * For a claim without a figure, the one date its evidence sentence gives ("9 July 2024"): the phrasing a
   * drift in dates compares.
   */
  date: { period: string; text: string } | null;
  /** Scope phrasings of the quote (superlative modifier, places), for drift detection. */
  scopes: ScopePhrase[];
  /** Why: the claim terms and entities found in the quote, and the figure comparison. */
  why: {
    terms: string[];
    entities: string[];
    figure: string | null;
    /** The claim's parts found in the quote: "buys-from: “has been buying” (subject carried from before)". */
    relation: string | null;
    downgraded: string | null;
  };
}

export interface ArticleAnalysis {
  /** Entity slug → the alias that matched first. */
  entities: Record<string, string>;
  topics: { slug: string; fired: string[] }[];
  claims: ClaimMatch[];
  /** Figures of the whole article, for explain and story grouping. */
  figures: ExtractedFigure[];
  /** What the article asserts between tracked companies that no tracked claim covers: candidate claims. */
  assertions: FoundAssertion[];
}

export type { FoundAssertion };

export interface Matcher {
  analyze(article: MatchInput, now: Date): ArticleAnalysis;
  /**
   * True when the article names a tracked entity, fires a topic or bears on a claim: what `analyze` would
   * find something in, for the cost of its scanner pass on most articles (only one that names no entity or
   * topic but where a claim could score is analyzed whole).
   */
  bearsOnTrackedStory(article: MatchInput, now: Date): boolean;
  /**
   * The tracked companies and organisations (not people) among the given entity slugs, with all their
   * names (display name first): the bodies whose own notices and statements an article may rest on.
   */
  organisations(slugs: readonly string[]): { name: string; aliases: readonly string[] }[];
  /** The tracked people among the given entity slugs, with all their names: whose public testimony may be a source. */
  people(slugs: readonly string[]): { name: string; aliases: readonly string[] }[];
  readonly options: MatcherOptions;
}

/** What a found key means: an entity's name, an anchor, a stance cue, topic terms, claim evidence. */
interface KeyMeaning {
  entity?: string;
  anchor?: string;
  cue?: CueKind;
  /** The topic terms, as written in queries, that fold to this key. */
  topicTerms?: string[];
  postings?: readonly Posting[];
  /** The relations a cue word states (relations.ts). */
  relations?: readonly RelationCue[];
}

type Hit = ScanHit<KeyMeaning>;

/** A sentence of the article: the title first, then the body's. */
interface Sentence {
  text: string;
  start: number;
}

/** Builds a matcher for a catalog; throws when a topic query does not parse. */
export function createMatcher(catalog: MatcherCatalog, options: Partial<MatcherOptions> = {}): Matcher {
  const opts = { ...MATCHER_DEFAULTS, ...options };
  const topics = catalog.topics.map((topic) => {
    const parsed = parseTopicQuery(topic.query);
    if (!parsed.ok) throw new Error(`match: topic ${topic.slug}: ${parsed.error}`);
    return { slug: topic.slug, query: parsed.query as TopicQuery };
  });
  const { claims, postings } = compileClaims(catalog.claims, catalog.entities);
  const entityBySlug = new Map(catalog.entities.map((entity) => [entity.slug, entity]));
  /** The tracked people (or everything else) among the slugs, with all their names, display name first. */
  const namedEntities = (slugs: readonly string[], people: boolean) =>
    slugs.flatMap((slug) => {
      const entity = entityBySlug.get(slug);
      return entity && (entity.kind === 'person') === people ? [{ name: entity.names[0]!, aliases: entity.names }] : [];
    });

  // Everything a found key means, attached to the key in the scanner, so reading a hit needs no lookup.
  const meanings = new Map<string, KeyMeaning>();
  const meaningOf = (key: string): KeyMeaning => {
    let meaning = meanings.get(key);
    if (!meaning) meanings.set(key, (meaning = {}));
    return meaning;
  };
  for (const entity of catalog.entities) for (const name of entity.names) meaningOf(foldTerm(name)).entity = entity.slug;
  for (const [anchor, { names }] of Object.entries(ANCHORS)) for (const name of names) meaningOf(foldTerm(name)).anchor = anchor;
  for (const [key, kind] of CUE_KINDS) meaningOf(key).cue = kind;
  for (const topic of topics) {
    for (const term of queryReferences(topic.query).terms) (meaningOf(foldTerm(term)).topicTerms ??= []).push(term);
  }
  for (const [key, entries] of postings) meaningOf(key).postings = entries;
  // Every relation cue, not only the relations claims use: what no claim asserts yet is a candidate claim.
  const relationCues = relationCueKeys(foldTerm);
  for (const [key, cues] of relationCues.terms) meaningOf(key).relations = cues;
  for (const [stem, cues] of relationCues.stems) meaningOf(`${STEM_MARK}${stem}`).relations = cues;
  const stems = [...meanings.keys()].filter((key) => key.startsWith(STEM_MARK)).map((key) => key.slice(STEM_MARK.length));
  const companies = new Set(catalog.entities.filter((entity) => entity.kind === undefined || entity.kind === 'company').map((entity) => entity.slug));
  const scanner = createTermScanner(
    [...meanings.keys()].filter((key) => !key.startsWith(STEM_MARK)),
    stems,
    (key) => meanings.get(key) ?? {},
  );

  /** One pass of the scanner: the entities, anchors and topics an article names. */
  function readTerms(article: MatchInput) {
    const fullText = article.title ? `${article.title}\n${article.text}` : article.text;
    // Spun copies are scanned as the plain English they were spun from; hits keep the article's own offsets.
    const despun = despin(fullText);
    const hits =
      despun.text === fullText
        ? scanner.scan(fullText)
        : scanner.scan(despun.text).map((hit) => ({ ...hit, start: despun.originalStart(hit.start), end: despun.originalEnd(hit.end) }));
    const entities: Record<string, string> = {};
    const topicTermsFound = new Map<string, string>();
    const anchors = new Set<string>();
    for (const { data: meaning, start, end } of hits) {
      if (meaning.entity !== undefined && !(meaning.entity in entities)) entities[meaning.entity] = fullText.slice(start, end);
      if (meaning.anchor !== undefined) anchors.add(meaning.anchor);
      const topicTerms = meaning.topicTerms;
      if (topicTerms && !topicTermsFound.has(topicTerms[0]!)) {
        for (const term of topicTerms) topicTermsFound.set(term, fullText.slice(start, end));
      }
    }
    const entityMap = new Map(Object.entries(entities));
    const hasTerm = (term: string): string | undefined => topicTermsFound.get(term);
    const topicMatches = topics
      .map((topic) => ({ slug: topic.slug, ...evaluateTopicQuery(topic.query, { entities: entityMap, hasTerm }) }))
      .filter((topic) => topic.matched)
      .map(({ slug, fired }) => ({ slug, fired }));
    return { fullText, hits, entities, anchors, topicMatches };
  }

  return {
    options: opts,
    organisations: (slugs) => namedEntities(slugs, false),
    people: (slugs) => namedEntities(slugs, true),
    bearsOnTrackedStory(article, now) {
      const { hits, entities, anchors, topicMatches } = readTerms(article);
      // What analysisBearsOnTrackedStory reads, from the scanner pass alone when it settles the question.
      if (Object.keys(entities).length > 0 || topicMatches.length > 0) return true;
      return claimsCanScore(claims, { entities, anchors }, hits) && analysisBearsOnTrackedStory(this.analyze(article, now));
    },
    analyze(article, now) {
      const { fullText, hits, entities, anchors, topicMatches } = readTerms(article);
      // Most feed items name no entity and bear on no claim: with no claim able to score (none passes its
      // gates with a figure to look for or words found for it), sentences, figures and stance are not read.
      if (Object.keys(entities).length === 0 && !claimsCanScore(claims, { entities, anchors }, hits)) {
        return { entities, topics: topicMatches, claims: [], figures: [], assertions: [] };
      }
      const sentences: Sentence[] = [
        ...(article.title ? [{ text: article.title, start: 0 }] : []),
        ...splitSentences(article.text)
          // Page chrome (breadcrumbs, share and sign-up prompts, app adverts) reports nothing.
          .filter((s) => !isPageChrome(s.text))
          .map((s) => ({ text: s.text, start: s.start + (article.title ? article.title.length + 1 : 0) })),
      ];
      const hitsBySentence = groupHits(hits, sentences);
      const figuresBySentence = sentences.map((sentence) => extractFigures(sentence.text));
      const entitiesBySentence = hitsBySentence.map((sentenceHits) => {
        const named = new Set<string>();
        for (const hit of sentenceHits) if (hit.data.entity !== undefined) named.add(hit.data.entity);
        return named;
      });
      const wordsBySentence = hitsBySentence.map((sentenceHits) => collectWordEvidence(sentenceHits, (hit) => hit.data.postings));
      const relationReader = createRelationReader({ text: fullText, sentences, hitsBySentence, entitiesBySentence, companies });
      const relations = relationReader.readings(claims);
      const { scores, related, figures } = scoreClaims(claims, {
        relations,
        sentences,
        entities,
        anchors,
        entitiesBySentence,
        wordsBySentence,
        figuresBySentence,
      });

      const cuesOf: (StanceCues | undefined)[] = [];
      const stanceReader = createStanceReader(
        (i) => (cuesOf[i] ??= cuesFromHits(hitsBySentence[i]!, (hit) => hit.data.cue, fullText, sentences[i]!.text)),
      );
      const old = now.getTime() - article.publishedAt.getTime() > opts.maxAgeMs;
      const claimMatches: ClaimMatch[] = [];
      const matchedWithParts: boolean[] = [];
      for (const [c, claim] of claims.entries()) {
        const best = bestSentence(scores[c]!, (i) => isQuestion(sentences[i]!.text), opts.lowThreshold);
        if (best === null || scores[c]![best]! < opts.lowThreshold) continue;
        const score = scores[c]![best]!;
        const sentence = sentences[best]!.text;
        let tier: EvidenceTier = score >= opts.highThreshold ? 'auto' : 'suggestion';
        let downgraded: string | null = null;
        if (tier === 'auto' && visibleLength(sentence) < opts.minSentenceChars) {
          tier = 'suggestion';
          downgraded = 'short sentence';
        } else if (tier === 'auto' && old) {
          tier = 'suggestion';
          downgraded = 'old article';
        }
        const figure = figures[c]![best] ?? { figure: null, comparison: null, score: 0 };
        const words = wordsBySentence[best]!.get(c);
        // Stance reads every sentence that bears on the claim, not only the best: a denial is often
        // the sentence after the one that restates what was reported.
        const bearing: number[] = [];
        for (const [i, value] of related[c]!.entries()) if (value !== undefined && value >= BEARING_SCORE) bearing.push(i);
        const own = bearing.filter((i) => related.every((other, o) => o === c || (other[i] ?? 0) <= related[c]![i]!));
        const readStance = stanceReader.stance(
            best,
            bearing,
            (figure.figure?.qualifier === 'less than' && claim.figure?.qualifier === 'more than') ||
              (!claim.statesExclusion &&
                rejectsClaim(hitsBySentence[best]!, (hit) => hit.data.cue, (hit) => hit.data.postings?.some((posting) => posting.claim === c && !posting.stem) ?? false, fullText)),
            own,
            { statesFigure: claim.preparedFigure !== null && !claim.rank },
          );
        const relation = relations[c]?.[best];
        let stance: Stance = readStance === 'supports' && statesNewerFigure(claim, claims, best, sentences, figuresBySentence) ? 'updates' : readStance;
        if (relation && readStance === 'supports') stance = stanceOfRelation(claim, relation);
        // A Q&A heading and the answer under it ("Q: Who is Microsoft's biggest AI buyer?" "A: The TikTok
        // owner."): the answer asserts what the question asks, as its own cues say.
        const answer = isQuestion(sentence) ? answerTo(claim, best, sentences, entitiesBySentence) : null;
        if (answer !== null) {
          const cues = (cuesOf[answer] ??= cuesFromHits(hitsBySentence[answer]!, (hit) => hit.data.cue, fullText, sentences[answer]!.text));
          stance = NEGATIVE_ANSWER.test(sentences[answer]!.text) || cues.denial ? 'contradicts' : cues.hedge ? 'mentions' : 'supports';
        }
        const quoted = answer === null ? sentence : `${sentence} ${sentences[answer]!.text}`;
        // A question with no answer under it ("People also ask: Is ByteDance Microsoft's biggest customer?")
        // asserts nothing: at most a suggestion for review.
        if (answer === null && isQuestion(sentence) && tier === 'auto') {
          tier = 'suggestion';
          downgraded = 'a question, unanswered';
        }
        matchedWithParts.push(claim.roles !== null);
        claimMatches.push({
          slug: claim.slug,
          score: round(score),
          tier,
          stance,
          quote: quoteOf(quoted),
          figure: figure.figure,
          date: claim.figure === null ? (dateOf(sentences[best]!.text) ?? continuing(sentences, best, dateOf)) : null,
          scopes: scopesOf(claim, sentence, sentences, best),
          why: {
            terms: whyWords(words, hitsBySentence[best]!, fullText),
            entities: claim.entities.filter((entity) => entitiesBySentence[best]!.has(entity)),
            figure: figure.comparison,
            relation: relation ? describeReading(claim, relation) : null,
            downgraded,
          },
        });
      }
      // An article that denies one claim and relays the rest of the report it answers ("彭博社的报道还称…",
      // "the report also said…") asserts none of them: it mentions what the report says.
      if (claimMatches.some((match) => match.stance === 'contradicts')) {
        for (const match of claimMatches) if (match.stance === 'supports' && RELAYS_A_REPORT.test(match.quote)) match.stance = 'mentions';
      }
      return {
        entities,
        topics: topicMatches,
        claims: claimMatches,
        figures: figuresBySentence.flat(),
        // A claim with parts says itself which assertions it covers; one without is known by its evidence.
        assertions: relationReader.assertions(claims, figuresBySentence, new Set(claimMatches.filter((_, m) => !matchedWithParts[m]).map((match) => match.quote))),
      };
    },
  };
}

/** An answer that says no: "No.", "A: No,", "不是", "否". */
const NEGATIVE_ANSWER = /^(?:A[:：.]\s*|Answer[:：]\s*|答[:：]\s*)?(?:No\b|Not\b|不是|否|并不|並不)/iu;
const ANSWER_START = /^(?:A[:：.]|Answer[:：]|答[:：]|Yes\b|No\b|是的|不是)/iu;

/**
 * The sentence answering a question that bears on a claim: the one right after it, when it is marked as an
 * answer ("A:", "Yes", "答：") or short and names the claim's subject ("The TikTok owner.").
 */
function answerTo(claim: CompiledClaim, question: number, sentences: readonly Sentence[], entitiesBySentence: readonly ReadonlySet<string>[]): number | null {
  const next = question + 1;
  const text = sentences[next]?.text;
  if (text === undefined || isQuestion(text)) return null;
  const subjects = claim.roles?.subject ?? (claim.subject ? [claim.subject] : []);
  const namesSubject = subjects.some((entity) => entitiesBySentence[next]!.has(entity));
  if (ANSWER_START.test(text) && (namesSubject || text.length < 40)) return next;
  return namesSubject && visibleLength(text) < 80 ? next : null;
}

/** A sentence relaying what a report says, as an article answering it does. */
const RELAYS_A_REPORT = /(?:报道|報道|報導)(?:还|還|中|亦)?(?:称|稱|指|提到|表示)|\b(?:the|that|this) (?:report|story|article) (?:also |further )?(?:said|says|claimed|claims|stated|asserted)\b/i;

/** The stance a relation stated in the claim's roles takes: negated against a claim that it holds, and so on. */
function stanceOfRelation(claim: CompiledClaim, reading: RelationReading): Stance {
  if (reading.negated === claim.negated) return 'supports';
  return reading.ended && !claim.negated ? 'updates' : 'contradicts';
}

/** The parts of a claim a reading found, as `explain` shows them. */
function describeReading(claim: CompiledClaim, reading: RelationReading): string {
  const roles = claim.roles!;
  const who = `${roles.subject.join(', ')} (${reading.subject === 'named' ? 'named' : 'carried from an earlier sentence'})`;
  const negation = reading.negated ? (reading.ended ? ', stated as ended' : ', stated as not holding') : '';
  const counterpart = roles.counterpart.length > 0 ? `; counterpart ${roles.counterpart.join(', ')}` : '';
  return `subject ${who}; ${roles.relation} “${reading.cue}”${negation}${counterpart}`;
}

/** True when an analysis found a tracked entity, a topic or a claim: the articles matching has work for. */
export function analysisBearsOnTrackedStory(analysis: ArticleAnalysis): boolean {
  return analysis.claims.length > 0 || analysis.topics.length > 0 || Object.keys(analysis.entities).length > 0;
}

/** Whether some claim passes its gates and has something to score on: a figure to look for or words found. */
function claimsCanScore(claims: readonly CompiledClaim[], gateInput: ArticleGateInput, hits: readonly Hit[]): boolean {
  const withWords = new Set<number>();
  for (const hit of hits) for (const posting of hit.data.postings ?? []) withWords.add(posting.claim);
  return claims.some((claim, c) => (claim.figure !== null || withWords.has(c)) && passesGates(claim, gateInput));
}

/**
 * Sentences with at least this score for a claim, qualifying or not, are read for its stance: a title
 * "…, disputing report" bears on the claim though it restates too little of it to count as evidence.
 */
const BEARING_SCORE = 0.33;

/**
 * Index of the highest score (the first on a tie), or null when there is none. A question ("Is ByteDance
 * Microsoft's biggest AI customer?", a Q&A heading) asserts nothing: a sentence that answers it, scoring at
 * least `floor`, is the evidence instead.
 */
function bestSentence(scores: readonly (number | undefined)[], question: (i: number) => boolean, floor: number): number | null {
  let best: number | null = null;
  let bestStatement: number | null = null;
  for (const [i, value] of scores.entries()) {
    if (value === undefined) continue;
    if (best === null || value > scores[best]!) best = i;
    if (value >= floor && !question(i) && (bestStatement === null || value > scores[bestStatement]!)) bestStatement = i;
  }
  return bestStatement ?? best;
}

/**
 * A sentence that goes on about what the one before it said ("The exchanges, which started in April 2026,
 * …", "Instead they reach them from Singapore", "报道称，这一机制…"): its date and places are the same fact's.
 */
const CONTINUES = /^(?:(?:The|This|These|Those)\s+(?!company\b|firm\b)|It\b|Its\b|They\b|Their\b|Instead\b|Rather\b)|^(?:报道称|報道稱|报道指|報道指)?[，,]?(?:该|該|这一|這一|此|其|而是|相反)/u;

/** What `read` finds in the sentence after `best` when that sentence continues it, else null. */
function continuing<T>(sentences: readonly Sentence[], best: number, read: (text: string) => T | null): T | null {
  const next = sentences[best + 1];
  return next && CONTINUES.test(next.text.trimStart()) ? read(next.text) : null;
}

/** The claim's scopes in its sentence; the places of a continuing sentence when the claim has places and the sentence names none. */
function scopesOf(claim: CompiledClaim, sentence: string, sentences: readonly Sentence[], best: number): ScopePhrase[] {
  const scopes = claimScopes(sentence, claim);
  if (claim.places.size === 0 || scopes.some((scope) => scope.kind === 'places')) return scopes;
  const places = continuing(sentences, best, (text) => claimScopes(text, claim).filter((scope) => scope.kind === 'places'));
  return places && places.length > 0 ? [...scopes, ...places] : scopes;
}

/** The single date a sentence gives, else null (a neighbour's date is as often another fact's). */
function dateOf(text: string): { period: string; text: string } | null {
  const found = findPeriods(text);
  return new Set(found.map((f) => f.period)).size === 1 ? { period: found[0]!.period, text: text.slice(found[0]!.start, found[0]!.end) } : null;
}

/** The words that made a match, as a user reads them: terms by key, statement words as written. */
function whyWords(words: WordEvidence | undefined, hits: readonly Hit[], text: string): string[] {
  if (!words) return [];
  const written = words.stems.map((stem) => {
    const hit = hits.find((h) => h.term === stem);
    return hit ? text.slice(hit.start, hit.end).toLowerCase() : stem.slice(STEM_MARK.length);
  });
  return [...words.terms, ...written];
}

function groupHits(hits: readonly Hit[], sentences: readonly Sentence[]): Hit[][] {
  const grouped: Hit[][] = sentences.map(() => []);
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
  for (let i = 0; i < text.length; i++) length += isCjkCode(text.charCodeAt(i)) ? 2 : 1;
  return length;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
