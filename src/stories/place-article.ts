/**
 * From an article's facts and its words about sources to its story and origin: the one function a reader
 * follows to see who an article's facts really come from.
 *
 * Origin, in order:
 *   1. a source the article names as the basis of its report ("according to Bloomberg", "据彭博社报道");
 *   2. else, when it joins an earlier story (repeats that report's distinctive facts: the same tracked
 *      claims, figures, companies and people, within the window) and shows no reporting of its own that
 *      names it, that story's origin: an unattributed rewrite;
 *   3. else its own outlet, when it shows reporting of its own that names it ("told Harbor Street Tech",
 *      "本报记者获悉"), or it is a known newsroom (which names the outlet when it rewrites one);
 *   4. else, for the article that starts a story and cites only unnamed sources ("people familiar with the
 *      matter"), its outlet provisionally (`unnamed-sources`): the story records no origin, and when a later
 *      member names the source every such member becomes a rewrite of it;
 *   5. else unknown, which never counts as an independent origin.
 * Stated sources come first, in this order: a news organisation it names; the outlet's own reporting that
 * names it; a tracked company's or body's own notice, statement or filing, or a person's public testimony.
 * Only a source the article states (1, or 3 when it names the outlet) keeps it out of a story with a
 * different origin; unknown never blocks a join, so a rewrite that credits nobody still finds its report.
 * @module
 */
import type { OriginBasis } from '../model/index.js';
import type { Attribution } from './attribution.js';
import { quoteSource, UNKNOWN_ORIGIN } from './attribution.js';
import { statementSource, type NamedOrganisation } from './first-party.js';
import { assignStory, type RecentStory, type StoryCandidate, type StoryIndex, type StoryOptions } from './grouping.js';

export type { OriginBasis };

/** Bases whose origin gives way to the one its story learns later (see adoptStoryOrigin). */
export const YIELDING_BASES: readonly OriginBasis[] = ['unknown', 'unnamed-sources'];

/** Where an article goes and who its facts come from, with the reason `explain` shows. */
export interface Placement {
  /** The story it joins, or null to start a new one. */
  storyId: number | null;
  /** A canonical source name, or `unknown`. */
  origin: string;
  basis: OriginBasis;
  reason: string;
  /**
   * Set when the article joins a story whose origin was unknown and brings one: the story takes it, and
   * its members that had no origin of their own become rewrites of it.
   */
  storyOrigin: string | null;
  /**
   * Set when the article answers a report it names (a denial): the source of that report. What the article
   * restates of the report ("Bloomberg said ByteDance is the largest customer; ByteDance denied it") rests on
   * that source, not on the answering article.
   */
  answers?: string;
  /**
   * The story's credits for its claims (see StoryCandidate.claimSources), when the article's facts are the
   * story's (it joined one and shows no reporting of its own): a claim it repeats without the credit rests on
   * the credited source.
   */
  claimSources?: Record<string, string>;
}

/** True for a story origin that names someone. */
export function isKnownOrigin(origin: string | null | undefined): origin is string {
  return origin !== null && origin !== undefined && origin !== '' && origin !== UNKNOWN_ORIGIN;
}

/** The article's facts in common with a story, as a reader would list them ("claim bytedance-azure-spend-1b"). */
function sharedFacts(candidate: StoryCandidate, story: StoryCandidate): string[] {
  const shared = (a: readonly string[] | undefined, b: readonly string[] | undefined) => [...new Set(a ?? [])].filter((item) => (b ?? []).includes(item));
  return [
    ...shared(candidate.claims, story.claims).map((slug) => `claim ${slug}`),
    ...shared(candidate.figures, story.figures).map((key) => `figure ${key}`),
    ...shared(candidate.entities, story.entities),
  ];
}

/**
 * Places one article: the story it joins among `recent` (those within reach: see createStoryIndex) and the
 * origin it rests on, by the order in the module doc.
 */
export function placeArticle(
  candidate: Omit<StoryCandidate, 'origin'>,
  attribution: Attribution,
  recent: readonly RecentStory[],
  options: StoryOptions & {
    /** The story the article already belongs to (a rematch): it stays there, and only its origin is decided again. */
    current?: RecentStory;
  } = {},
): Placement {
  // An article that denies a claim, names a report and shows its own reporting ("ByteDance disputed a
  // Bloomberg report, a spokesperson told Lingyun") answers that report: the denial rests on its own reporting.
  let answers: string | undefined;
  if (attribution.basis === 'own-reporting' && attribution.disputedReport && (candidate.denies ?? []).length > 0) answers = attribution.disputedReport;
  if (attribution.basis === 'named' && attribution.own && (candidate.denies ?? []).length > 0) {
    answers = attribution.origin;
    attribution = { basis: 'own-reporting', origin: attribution.own.origin, phrase: `${attribution.own.phrase}", answering "${attribution.phrase}`, strength: 'strong' };
  }
  // Only a stated source separates: weak own reporting ("people familiar") is what rewrites copy.
  const stated = attribution.basis === 'named' || (attribution.basis === 'own-reporting' && attribution.strength === 'strong') ? attribution.origin : null;
  const { current, ...thresholds } = options;
  const ownReporting = attribution.basis === 'own-reporting';
  const sourced = stated !== null || (attribution.basis === 'none' && attribution.speaker !== undefined);
  const storyId = current ? current.storyId : assignStory({ ...candidate, origin: stated, ownReporting, sourced }, recent, thresholds).storyId;
  const story = current ?? (storyId === null ? undefined : recent.find((s) => s.storyId === storyId));
  const decided = decideOrigin(attribution, story && { story, candidate, isCurrent: current !== undefined });
  const credits = story?.claimSources && decided.basis !== 'own-reporting' && Object.keys(story.claimSources).length > 0 ? { claimSources: story.claimSources } : {};
  return { storyId, ...decided, ...(answers ? { answers } : {}), ...credits };
}

/**
 * The origin an article rests on given what its words say and the story it is in (none: it starts one, or
 * bears on nothing tracked), by the order in the module doc.
 */
function decideOrigin(
  attribution: Attribution,
  placed?: { story: RecentStory; candidate: Omit<StoryCandidate, 'origin'>; isCurrent: boolean },
): Omit<Placement, 'storyId' | 'answers'> {
  const story = placed?.story;
  const storyOrigin = isKnownOrigin(story?.origin) ? story.origin : null;
  // A story found for the first time learns a stated origin from its new member.
  const teaches = (origin: string) => (story && !storyOrigin ? origin : null);
  if (attribution.basis === 'named') {
    return { origin: attribution.origin, basis: 'named', reason: `names its source: "${attribution.phrase}"`, storyOrigin: teaches(attribution.origin) };
  }
  if (attribution.basis === 'own-reporting' && attribution.strength === 'strong') {
    return { origin: attribution.origin, basis: 'own-reporting', reason: `own reporting: "${attribution.phrase}"`, storyOrigin: teaches(attribution.origin) };
  }
  const publishedAt = placed?.candidate.publishedAt.getTime() ?? 0;
  // The article that started the story: a new one, or on a rematch the member the story is dated by.
  const startsStory = !placed || (placed.isCurrent && placed.story.publishedAt.getTime() === publishedAt);
  // Its own outlet is the story's origin: its own report (a newsroom's first article, placed again on a rematch).
  const ownStory = attribution.basis === 'own-reporting' && attribution.origin === storyOrigin;
  if (placed && storyOrigin && !ownStory) {
    const facts = sharedFacts(placed.candidate, placed.story);
    return {
      origin: storyOrigin,
      basis: 'rewrite',
      reason: `repeats ${facts.length} ${facts.length === 1 ? 'fact' : 'facts'} of story #${placed.story.storyId} (${facts.slice(0, 6).join(', ')}), names no source`,
      storyOrigin: null,
    };
  }
  // A newsroom's piece that names no source and retells no earlier story is its own report.
  if (attribution.basis === 'own-reporting' && attribution.strength === 'newsroom' && !(story && story.publishedAt.getTime() < publishedAt)) {
    return { origin: attribution.origin, basis: 'own-reporting', reason: attribution.phrase, storyOrigin: teaches(attribution.origin) };
  }
  if (ownStory) return { origin: storyOrigin!, basis: 'own-reporting', reason: `own reporting: "${attribution.phrase}"`, storyOrigin: null };
  // Unnamed sources alone ("people familiar with the matter") are also what an aggregator copies from the
  // scoop. In the article that starts a story they are its outlet's, provisionally: the story keeps no origin,
  // so a later article that names the source joins it and the story takes that origin, members like this one
  // with it. In any other member they were copied (whatever the publication times say: feeds are polled
  // late), so it is unknown: two aggregators copying one scoop are never two origins.
  if (attribution.basis === 'own-reporting' && attribution.strength === 'weak' && startsStory) {
    return { origin: attribution.origin, basis: 'unnamed-sources', reason: `cites unnamed sources: "${attribution.phrase}"; provisional until the story's source is named`, storyOrigin: null };
  }
  // An organisation speaking about its own news ("Microsoft said on Tuesday it has joined…") is the source of
  // a piece that starts a story; in any other member it is the story's quote, copied.
  if (attribution.basis === 'none' && attribution.speaker && startsStory) {
    return { origin: attribution.speaker.origin, basis: 'named', reason: `the organisation's own words: "${attribution.speaker.phrase}"`, storyOrigin: null };
  }
  const unnamed = attribution.basis === 'own-reporting' ? ` (its unnamed sources, "${attribution.phrase}", are the story's)` : '';
  return {
    origin: UNKNOWN_ORIGIN,
    basis: 'unknown',
    reason: placed
      ? `repeats facts of story #${placed.story.storyId} (${sharedFacts(placed.candidate, placed.story).slice(0, 4).join(', ')}), whose origin is not known yet; names no source of its own${unnamed}`
      : `names no source and shows no reporting of its own${unnamed}`,
    storyOrigin: null,
  };
}

/**
 * The origin one piece of an article's evidence rests on: the source its own sentence names, or unknown for
 * background it credits to someone unnamed ("a Chinese outlet reported…": not this article's reporting,
 * though it may be the source of the article's other facts); else the source its story credits for that
 * claim (a rewrite dropped the credit); else what an answering article restates is the report's; else the
 * article's origin.
 */
export function evidenceOrigin(
  placement: Pick<Placement, 'origin' | 'answers' | 'claimSources'>,
  stance: string,
  quote: string,
  outlet: string | null,
  claimSlug?: string,
  /** The tracked organisations the article names: one whose earlier statement the sentence restates is its source. */
  organisations: readonly NamedOrganisation[] = [],
): string {
  // A denial or an update is the article's own answer, whatever report its sentence restates ("The Bloomberg
  // report said…; OpenAI denied it"): only what a sentence asserts is credited elsewhere.
  if (stance !== 'supports' && stance !== 'mentions') return placement.origin;
  const own = quoteSource(quote, outlet);
  if (own !== null && own !== placement.origin) return own;
  // "OpenAI said in January that it had seen evidence…": the organisation's statement, in every restatement.
  const statement = own === null ? statementSource(quote, organisations) : null;
  if (statement !== null) return statement;
  // A rewrite that repeats a claim its story credits to someone else, without the credit, rests on them too.
  const credited = own === null && claimSlug !== undefined ? placement.claimSources?.[claimSlug] : undefined;
  if (credited !== undefined) return credited;
  // An answering article's restatement of the report it answers ("the report said…") is the report's; its
  // other sentences are its own.
  return placement.answers && RESTATES_A_REPORT.test(quote) ? placement.answers : placement.origin;
}

/** A sentence that restates a report: "the report said", "according to the report", 报道称. */
const RESTATES_A_REPORT = /\breport(?:s|ed)?\b|\bstory\b|报道|報導|报告|報告/i;

/** The origin a story started by this placement records: only a stated one (named or the outlet's own reporting). */
export function storyOriginOf(placement: Pick<Placement, 'origin' | 'basis'>): string | null {
  return placement.basis === 'named' || placement.basis === 'own-reporting' ? placement.origin : null;
}

/** True for an article whose origin gives way to the one its story learns later (see adoptStoryOrigin). */
export function yieldsToStoryOrigin(basis: OriginBasis): boolean {
  return YIELDING_BASES.includes(basis);
}

/** The origin of an article that joins no story (it bears on nothing tracked): what its words alone say. */
export function originWithoutStory(attribution: Attribution): Pick<Placement, 'origin' | 'basis' | 'reason'> {
  const { origin, basis, reason } = decideOrigin(attribution);
  return { origin, basis, reason };
}

/** The reason a member of a story that just learned its origin now gives for it. */
export function inheritedReason(storyId: number, origin: string): string {
  return `rewrite in story #${storyId}, whose origin ${origin} was learned from a later article; names no source`;
}

/**
 * Places an article among the stories of an index and keeps the index current: a new story is added under
 * `newStoryId()`, and a story that learns its origin from this article is told. Matching runs it per
 * stored article; the evaluation runs it over a labelled set.
 */
export function placeInStories(
  index: StoryIndex,
  candidate: Omit<StoryCandidate, 'origin'>,
  attribution: Attribution,
  newStoryId: () => number,
  context: { current?: RecentStory } = {},
): Placement & { storyId: number; isNew: boolean } {
  const placement = placeArticle(candidate, attribution, index.candidates(candidate), context);
  if (placement.storyId === null) {
    const storyId = newStoryId();
    index.add({ ...candidate, origin: storyOriginOf(placement), storyId });
    return { ...placement, storyId, isNew: true };
  }
  if (placement.storyOrigin !== null) index.adoptOrigin(placement.storyId, placement.storyOrigin);
  index.addMember(placement.storyId, candidate);
  return { ...placement, storyId: placement.storyId, isNew: false };
}
