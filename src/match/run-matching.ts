/**
 * Matching over stored articles, read top to bottom: analyze → place in a story with its origin
 * (src/stories/place-article.ts) → save topics and evidence → find drifts → update claim status. Runs on
 * each poll's new articles and on `claimwatch rematch`.
 * @module
 */
import type { Logger } from 'pino';
import type { ArticleMatchToSave, MatchingStore, NewStory } from './store.js';
import type { DriftVariant, Figure } from '../model/index.js';
import { claimOriginsOf, deriveClaimStatus } from './bookkeeping/claim-status.js';
import { detectDrifts, phrasingsOf, type DriftKind, type DriftVariantFound } from './bookkeeping/drift.js';
import { analysisBearsOnTrackedStory, createMatcher, type ArticleAnalysis, type Matcher, type MatcherOptions } from './matcher.js';
import { matchInputOf } from './reading/screen.js';
import {
  createStoryFingerprint,
  detailsOf,
  createStoryIndex,
  evidenceOrigin,
  figureKeys,
  inheritedReason,
  isKnownOrigin,
  originWithoutStory,
  placeInStories,
  storyOriginOf,
  quotedPeople,
  quoteSource,
  readAttribution,
  STORY_DEFAULTS,
  UNKNOWN_ORIGIN,
  type Attribution,
  type StoryCandidate,
} from '../stories/index.js';
import type { ExtractedFigure } from './reading/figures/index.js';

export interface MatchingDeps {
  store: MatchingStore;
  now(): Date;
  log: Logger;
  /** Hears how many of the articles are matched after each batch (progress of a rematch). */
  onProgress?(matched: number, total: number): void;
  matcherOptions?: Partial<MatcherOptions>;
}

/** What a matching run found, for logs and alerts. */
export interface MatchingSummary {
  articles: number;
  evidence: number;
  newStories: number;
  newDrifts: { claimSlug: string; kind: string; key: string }[];
  statusChanges: { claimSlug: string; from: string; to: string; cause: string }[];
  /** High-signal events from fresh (not backlog) articles, for alerts. */
  alerts: AlertEvent[];
}

/** Something an alert-subscribed channel hears about shortly after the poll that found it. */
export interface AlertEvent {
  /** Stable identity, so the same event never alerts twice. */
  key: string;
  claimSlug: string;
  /** The claim's headline, shown instead of the slug when the claims file gives one. */
  claimHeadline?: string | null;
  kind: 'status' | 'drift' | 'new-origin';
  text: string;
  url: string | null;
}

const BATCH = 200;

/** Builds a matcher from the stored active catalog. */
export async function loadMatcher(store: Pick<MatchingStore, 'matcherCatalog'>, options?: Partial<MatcherOptions>): Promise<Matcher> {
  return createMatcher(await store.matcherCatalog(), options);
}

/** Matches the given articles (in batches) and updates drifts and claim status. */
export async function matchArticles(articleIds: number[], deps: MatchingDeps, matcher?: Matcher): Promise<MatchingSummary> {
  const summary: MatchingSummary = { articles: 0, evidence: 0, newStories: 0, newDrifts: [], statusChanges: [], alerts: [] };
  if (articleIds.length === 0) return summary;
  const activeMatcher = matcher ?? (await loadMatcher(deps.store, deps.matcherOptions));
  const touchedClaims = new Set<number>();
  // Claims whose evidence changed because of a fresh article: only those may alert.
  const freshClaims = new Set<number>();
  const windowMs = STORY_DEFAULTS.windowDays * 86_400_000;
  const startedAt = deps.now();

  for (let start = 0; start < articleIds.length; start += BATCH) {
    const batch = await deps.store.articles(articleIds.slice(start, start + BATCH));
    if (batch.length === 0) continue;
    const now = deps.now();
    const analyzed = batch.map((article) => {
      const input = matchInputOf(article);
      const analysis = activeMatcher.analyze(input, now);
      const attribution = attributionOf(activeMatcher, analysis, { title: article.title, text: input.text, outlet: article.outlet });
      // Only an article that bears on the tracked story is grouped: the others stay storyless.
      if (!analysisBearsOnTrackedStory(analysis)) return { article, analysis, attribution, candidate: null };
      const candidate = storyCandidateOf(analysis, { title: article.title, text: input.text, language: article.language, publishedAt: article.publishedAt, outlet: article.outlet });
      return { article, analysis, attribution, candidate };
    });

    const known = await deps.store.candidateStories(
      analyzed.flatMap(({ candidate }) =>
        candidate ? [{ sketch: candidate.sketch ?? [], entities: candidate.entities, publishedAt: candidate.publishedAt }] : [],
      ),
      windowMs,
      // A rematched article stays in its story: that story is needed whatever the window says.
      analyzed.flatMap(({ article, candidate }) => (candidate && article.storyId !== null ? [article.storyId] : [])),
    );
    // Stories this batch starts are compared too; they are saved with the batch under negative refs.
    const index = createStoryIndex();
    known.forEach((story) => index.add(story));
    const newStories: NewStory[] = [];
    const matches: ArticleMatchToSave[] = [];
    const storyOrigins: { storyRef: number; origin: string; reason: (storyId: number) => string }[] = [];
    // Stored stories that members of this batch joined: their claims grow (see StoryCandidate.claims).
    const joinedStored = new Set<number>();
    for (const { article, analysis, attribution, candidate } of analyzed) {
      let storyRef: number | null = null;
      let { origin, basis: originBasis, reason: originReason } = originWithoutStory(attribution);
      let answers: string | undefined;
      let claimSources: Record<string, string> | undefined;
      const organisations = activeMatcher.organisations(Object.keys(analysis.entities));
      if (candidate) {
        const current = article.storyId === null ? undefined : index.get(article.storyId);
        const placement = placeInStories(index, candidate, attribution, () => -(newStories.length + 1), current ? { current } : {});
        ({ origin, basis: originBasis, reason: originReason, storyId: storyRef, answers, claimSources } = placement);
        if (placement.isNew) {
          newStories.push({
            ref: placement.storyId,
            title: article.title,
            firstSeenAt: article.publishedAt,
            signature: candidate.signature,
            sketch: candidate.sketch ?? [],
            entities: candidate.entities,
            figureKeys: candidate.figures,
            claims: candidate.claims ?? [],
            details: detailsOf(candidate),
            claimSources: candidate.claimSources ?? {},
            origin: storyOriginOf(placement),
          });
          summary.newStories++;
        } else {
          if (placement.storyOrigin !== null) {
            const learned = placement.storyOrigin;
            storyOrigins.push({ storyRef: placement.storyId, origin: learned, reason: (storyId) => inheritedReason(storyId, learned) });
          }
          if (placement.storyId > 0) joinedStored.add(placement.storyId);
        }
      }
      matches.push({
        articleId: article.id,
        origin,
        originBasis,
        originReason,
        storyRef,
        topics: analysis.topics,
        evidence: analysis.claims.map((match) => ({
          claimSlug: match.slug,
          ...evidenceOriginOf(
            evidenceOrigin({ origin, ...(answers ? { answers } : {}), ...(claimSources ? { claimSources } : {}) }, match.stance, match.quote, article.outlet, match.slug, organisations),
            origin,
          ),
          stance: match.stance,
          tier: match.tier,
          quote: match.quote,
          score: match.score,
          figure: match.figure ? toStoredFigure(match.figure) : null,
          phrasings: phrasingsOf(match.figure, match.scopes, analysis.figures, match.date),
        })),
        assertions: analysis.assertions.map(({ relation, subject, counterpart, place, negated, sentence, figure }) => ({
          relation,
          subject,
          counterpart,
          place,
          negated,
          sentence,
          figure,
        })),
      });
      summary.articles++;
      summary.evidence += analysis.claims.length;
    }

    // The index merged each member's claims and details into its story (placeInStories): that is what is saved.
    for (const story of newStories) {
      const placed = index.get(story.ref);
      story.claims = placed?.claims ?? story.claims;
      story.details = placed?.details ?? story.details;
      story.claimSources = placed?.claimSources ?? story.claimSources;
    }
    const storyFacts = new Map(
      [...joinedStored].map((id) => {
        const story = index.get(id);
        return [id, { claims: story?.claims ?? [], details: story?.details ?? [], claimSources: story?.claimSources ?? {} }];
      }),
    );
    const saved = await deps.store.saveBatch({ newStories, matches, storyOrigins, storyFacts, matchedAt: now });
    const inBatch = new Map(batch.map((article) => [article.id, article]));
    for (const [articleId, claimIds] of saved.touchedClaims) {
      // Earlier members whose origin their story just learned change their claims too, but are no news.
      const article = inBatch.get(articleId);
      for (const id of claimIds) {
        touchedClaims.add(id);
        if (article && !article.backlog) freshClaims.add(id);
      }
    }
    deps.onProgress?.(Math.min(start + BATCH, articleIds.length), articleIds.length);
  }
  await updateClaims([...touchedClaims], freshClaims, startedAt, deps, summary);
  deps.log.info(
    {
      articles: summary.articles,
      evidence: summary.evidence,
      newStories: summary.newStories,
      newDrifts: summary.newDrifts.length,
      statusChanges: summary.statusChanges.length,
    },
    `match: ${summary.articles} articles, ${summary.evidence} evidence, ${summary.newDrifts.length} new drifts, ${summary.statusChanges.length} status changes`,
  );
  return summary;
}

/**
 * What story placement reads of an analysed article: its text fingerprint, its facts, and its claims by
 * stance. Those it asserts are what a rewrite of it repeats; a denial or an update of a claim is a report of
 * its own, never a rewrite of the report it answers.
 */
export function storyCandidateOf(
  analysis: ArticleAnalysis,
  article: { title: string; text: string; language: 'zh' | 'en' | 'und'; publishedAt: Date; outlet: string | null },
): StoryCandidate {
  const withStance = (...stances: string[]) => analysis.claims.filter((m) => m.tier === 'auto' && stances.includes(m.stance)).map((m) => m.slug);
  // Claims a sentence credits to a news organisation ("The Information reported in 2024 that…").
  const claimSources: Record<string, string> = {};
  for (const match of analysis.claims) {
    if (match.tier !== 'auto' || match.stance !== 'supports') continue;
    const source = quoteSource(match.quote, article.outlet);
    if (source !== null && source !== UNKNOWN_ORIGIN) claimSources[match.slug] ??= source;
  }
  const known = new Set(Object.values(analysis.entities).map((name) => name.toLowerCase()));
  const people = quotedPeople(`${article.title}\n${article.text}`, known, article.outlet);
  return {
    ...(Object.keys(claimSources).length > 0 ? { claimSources } : {}),
    ...(people.length > 0 ? { people } : {}),
    ...createStoryFingerprint(article),
    entities: Object.keys(analysis.entities),
    figures: figureKeys(analysis.figures),
    claims: withStance('supports'),
    disputes: withStance('contradicts', 'updates'),
    denies: withStance('contradicts'),
    publishedAt: article.publishedAt,
  };
}

/** What an article's words say about its sources, reading the tracked organisations and people it names. */
export function attributionOf(matcher: Matcher, analysis: ArticleAnalysis, article: { title: string; text: string; outlet: string | null }): Attribution {
  const slugs = Object.keys(analysis.entities);
  return readAttribution(`${article.title}\n${article.text}`, article.outlet, matcher.organisations(slugs), matcher.people(slugs));
}

/** The evidence's own origin, stored only when it differs from its article's. */
function evidenceOriginOf(evidenceOrigin: string, articleOrigin: string): { origin?: string } {
  return evidenceOrigin === articleOrigin ? {} : { origin: evidenceOrigin };
}

/** Re-derives drifts and status for the claims whose evidence changed. */
async function updateClaims(claimIds: number[], freshClaims: Set<number>, startedAt: Date, deps: MatchingDeps, summary: MatchingSummary): Promise<void> {
  for (const claim of await deps.store.claimEvidence(claimIds)) {
    const found = detectDrifts(
      claim.slug,
      claim.phrasings.map((p) => ({ ...p, kind: p.kind as DriftKind })),
    );
    const changed = await deps.store.saveDrifts(
      claim.claimId,
      found.map((drift) => ({
        kind: drift.kind,
        key: drift.key,
        phrasings: drift.phrasings.map((p) => ({ text: p.text, articleUrl: p.articleUrl, origin: p.origin })),
        variants: drift.variants.map(storedVariant),
      })),
      deps.now(),
    );
    summary.newDrifts.push(...changed.filter((drift) => drift.before.length === 0).map(({ kind, key }) => ({ claimSlug: claim.slug, kind, key })));
    if (freshClaims.has(claim.claimId)) {
      for (const drift of changed) {
        const detail = found.find((d) => d.key === drift.key)!;
        const added = detail.variants.filter((v) => !drift.before.includes(v.value));
        summary.alerts.push({
          // One alert per variant gained: the same wording never alerts twice.
          key: `drift:${drift.key}|${added.map((v) => v.value).sort().join('+')}`,
          claimSlug: claim.slug,
          claimHeadline: claim.headline,
          kind: 'drift',
          text: `${drift.kind} drift: ${detail.variants.map(describeVariant).join(' vs ')}`,
          url: added[0]?.phrasings.find((p) => p.articleUrl)?.articleUrl ?? null,
        });
      }
      // A known origin whose first fresh support arrived in this run is a new independent source for the claim,
      // when the claim now has two or more.
      const supporters = new Set(claim.stances.filter((s) => s.stance === 'supports' && isKnownOrigin(s.origin)).map((s) => s.origin));
      const before = new Set(claim.stances.filter((s) => s.stance === 'supports' && (s.createdAt < startedAt || s.backlog)).map((s) => s.origin));
      for (const support of claim.stances) {
        if (support.stance !== 'supports' || !isKnownOrigin(support.origin) || before.has(support.origin)) continue;
        before.add(support.origin);
        if (supporters.size < 2) continue;
        summary.alerts.push({
          key: `new-origin:${claim.slug}:${support.origin}`,
          claimSlug: claim.slug,
          claimHeadline: claim.headline,
          kind: 'new-origin',
          text: `${support.origin} now reports it ("${support.title}"): a new independent origin`,
          url: support.url,
        });
      }
    }

    const next = deriveClaimStatus(claim.status, claimOriginsOf(claim.stances.map((s) => ({ ...s, value: s.figureText ?? s.quote }))));
    if (next) {
      const changed = await deps.store.setClaimStatus(claim.claimId, {
        from: claim.status,
        to: next.status,
        cause: next.cause,
        actor: 'claimwatch',
        at: deps.now(),
      });
      if (changed) {
        summary.statusChanges.push({ claimSlug: claim.slug, from: claim.status, to: next.status, cause: next.cause });
        if (freshClaims.has(claim.claimId) && (next.status === 'disputed' || next.status === 'corroborated' || next.status === 'updated')) {
          summary.alerts.push({
            key: `status:${claim.slug}:${claim.status}->${next.status}:${next.cause}`,
            claimSlug: claim.slug,
            claimHeadline: claim.headline,
            kind: 'status',
            text: `now ${next.status}: ${next.cause}`,
            url: null,
          });
        }
      }
    }
  }
}

/** "'nearly tripled' (Bloomberg: Harbor Street Tech, 科创速递)": a variant as an alert line shows it. */
function describeVariant(variant: DriftVariantFound): string {
  const texts = [...new Set(variant.phrasings.map((p) => p.text))].slice(0, 3).map((t) => `'${t}'`).join(' / ');
  const byOrigin = new Map<string, string[]>();
  for (const p of variant.phrasings) byOrigin.set(p.origin, [...(byOrigin.get(p.origin) ?? []), p.outlet ?? p.articleUrl ?? '?']);
  return `${texts} (${[...byOrigin].map(([origin, outlets]) => `${origin}: ${[...new Set(outlets)].join(', ')}`).join('; ')})`;
}

/** The stored shape of a variant. */
function storedVariant(variant: DriftVariantFound): DriftVariant {
  return {
    value: variant.value,
    texts: [...new Set(variant.phrasings.map((p) => p.text))],
    articles: variant.phrasings.map((p) => ({ url: p.articleUrl, outlet: p.outlet ?? null, origin: p.origin })),
    origins: [...new Set(variant.phrasings.map((p) => p.origin))].sort(),
  };
}

/** The stored form of an extracted figure. */
function toStoredFigure(figure: ExtractedFigure): Figure {
  return {
    value: figure.growthFactor ?? figure.value,
    ...(figure.valueMax !== undefined ? { valueMax: figure.valueMax } : {}),
    unit:
      figure.growthFactor !== undefined || figure.kind === 'multiplier'
        ? 'multiplier'
        : figure.kind === 'money'
          ? `${figure.currency ?? 'USD'}${figure.per ? `/${figure.per}` : ''}`
          : 'percent',
    ...(figure.period ? { period: figure.period } : {}),
    ...(figure.qualifier ? { qualifier: figure.qualifier } : {}),
    ...(figure.base ? { base: figure.base } : {}),
    text: figure.text,
  };
}
