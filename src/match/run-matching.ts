/**
 * Matching over stored articles, read top to bottom: analyze → attach to a story → save topics and
 * evidence → find drifts → update claim status. Runs on each poll's new articles and on `claimwatch rematch`.
 * @module
 */
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import {
  loadArticles,
  loadCandidateStories,
  loadClaimEvidence,
  loadMatcherCatalog,
  saveDrifts,
  saveMatchBatch,
  setClaimStatus,
  storyHasOrigin,
  type ArticleForMatching,
  type ArticleMatchToSave,
  type NewStory,
} from '../db/match-store.js';
import type { Figure } from '../db/schema.js';
import { deriveClaimStatus } from './claim-status.js';
import { claimPhrasings, detectDrifts, phrasingsOf } from './drift.js';
import { analysisBearsOnTrackedStory, createMatcher, type Matcher, type MatcherOptions } from './matcher.js';
import { normalizeDeclaredScope } from './scope.js';
import { figureKeys } from './story-keys.js';
import { matchInputOf } from './screen.js';
import { assignStory, createStoryFingerprint, createStoryIndex, STORY_DEFAULTS, type StoryCandidate } from './stories.js';
import type { ExtractedFigure } from './figures/index.js';

export interface MatchingDeps {
  db: Db;
  now(): Date;
  log: Logger;
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
  kind: 'status' | 'drift' | 'new-origin';
  text: string;
  url: string | null;
}

const BATCH = 200;

/** Builds a matcher from the database's active catalog. */
export async function loadMatcher(db: Db, options?: Partial<MatcherOptions>): Promise<Matcher> {
  return createMatcher(await loadMatcherCatalog(db), options);
}

/** Matches the given articles (in batches) and updates drifts and claim status. */
export async function matchArticles(articleIds: number[], deps: MatchingDeps, matcher?: Matcher): Promise<MatchingSummary> {
  const summary: MatchingSummary = { articles: 0, evidence: 0, newStories: 0, newDrifts: [], statusChanges: [], alerts: [] };
  if (articleIds.length === 0) return summary;
  const activeMatcher = matcher ?? (await loadMatcher(deps.db, deps.matcherOptions));
  const touchedClaims = new Set<number>();
  // Claims whose evidence changed because of a fresh article: only those may alert.
  const freshClaims = new Set<number>();
  const windowMs = STORY_DEFAULTS.windowDays * 86_400_000;

  for (let start = 0; start < articleIds.length; start += BATCH) {
    const batch = await loadArticles(deps.db, articleIds.slice(start, start + BATCH));
    if (batch.length === 0) continue;
    const now = deps.now();
    const analyzed = batch.map((article) => {
      const input = matchInputOf(article);
      const analysis = activeMatcher.analyze(input, now);
      // Only an article that bears on the tracked story and has none yet is grouped: the others stay storyless.
      if (article.storyId !== null || !analysisBearsOnTrackedStory(analysis)) return { article, analysis, candidate: null };
      const { signature, sketch } = createStoryFingerprint({ title: article.title, text: input.text, language: article.language });
      const candidate: StoryCandidate = {
        signature,
        sketch,
        entities: Object.keys(analysis.entities),
        figures: figureKeys(analysis.figures),
        origin: analysis.origin,
        publishedAt: article.publishedAt,
      };
      return { article, analysis, candidate };
    });

    const known = await loadCandidateStories(
      deps.db,
      analyzed.flatMap(({ candidate }) =>
        candidate ? [{ sketch: candidate.sketch ?? [], entities: candidate.entities, publishedAt: candidate.publishedAt }] : [],
      ),
      windowMs,
    );
    // Stories this batch starts are compared too; they are saved with the batch under negative refs.
    const index = createStoryIndex();
    known.forEach((story) => index.add(story));
    const newStories: NewStory[] = [];
    const matches: ArticleMatchToSave[] = [];
    const originsByStory = new Map<number, Set<string>>();
    const newOrigins: { storyRef: number; origin: string; claimSlug: string; article: ArticleForMatching }[] = [];
    for (const { article, analysis, candidate } of analyzed) {
      let storyRef = article.storyId;
      let joinedStory = false;
      if (candidate) {
        storyRef = assignStory(candidate, index.candidates(candidate)).storyId;
        joinedStory = storyRef !== null;
        if (storyRef === null) {
          storyRef = -(newStories.length + 1);
          newStories.push({
            ref: storyRef,
            title: article.title,
            firstSeenAt: article.publishedAt,
            signature: candidate.signature,
            sketch: candidate.sketch ?? [],
            entities: candidate.entities,
            figureKeys: candidate.figures,
            origin: analysis.origin,
          });
          index.add({ ...candidate, storyId: storyRef });
          summary.newStories++;
        }
      }
      matches.push({
        articleId: article.id,
        origin: analysis.origin,
        storyRef,
        topics: analysis.topics,
        evidence: analysis.claims.map((match) => ({
          claimSlug: match.slug,
          stance: match.stance,
          tier: match.tier,
          quote: match.quote,
          score: match.score,
          figure: match.figure ? toStoredFigure(match.figure) : null,
          phrasings: phrasingsOf(match.figure, match.scopes),
        })),
      });
      if (storyRef !== null) {
        const autoClaim = analysis.claims.find((m) => m.tier === 'auto');
        const seen = originsByStory.get(storyRef) ?? new Set<string>();
        originsByStory.set(storyRef, seen);
        if (!article.backlog && joinedStory && autoClaim) {
          // A new origin for a story: neither an earlier article of this batch nor a stored one rests on it.
          if (!seen.has(analysis.origin) && (storyRef < 0 || !(await storyHasOrigin(deps.db, storyRef, analysis.origin, article.id)))) {
            newOrigins.push({ storyRef, origin: analysis.origin, claimSlug: autoClaim.slug, article });
          }
        }
        seen.add(analysis.origin);
      }
      summary.articles++;
      summary.evidence += analysis.claims.length;
    }

    const saved = await saveMatchBatch(deps.db, { newStories, matches, matchedAt: now });
    for (const article of batch) {
      for (const id of saved.touchedClaims.get(article.id) ?? []) {
        touchedClaims.add(id);
        if (!article.backlog) freshClaims.add(id);
      }
    }
    for (const found of newOrigins) {
      const storyId = found.storyRef > 0 ? found.storyRef : saved.storyIds.get(found.storyRef)!;
      summary.alerts.push({
        key: `new-origin:${storyId}:${found.origin}`,
        claimSlug: found.claimSlug,
        kind: 'new-origin',
        text: `${found.origin} now reports "${found.article.title}" (a new independent origin for this story)`,
        url: found.article.url,
      });
    }
  }
  await updateClaims([...touchedClaims], freshClaims, deps, summary);
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

/** Re-derives drifts and status for the claims whose evidence changed. */
async function updateClaims(claimIds: number[], freshClaims: Set<number>, deps: MatchingDeps, summary: MatchingSummary): Promise<void> {
  for (const claim of await loadClaimEvidence(deps.db, claimIds)) {
    const own = claimPhrasings(claim.figure, claim.figure?.scope ? normalizeDeclaredScope(claim.figure.scope) : null).map((p) => ({
      ...p,
      articleUrl: null,
      origin: 'claim',
    }));
    const found = detectDrifts(claim.slug, [...own, ...claim.phrasings.map((p) => ({ ...p, kind: p.kind as 'figure' }))]);
    const fresh = await saveDrifts(
      deps.db,
      claim.claimId,
      found.map((drift) => ({
        kind: drift.kind,
        key: drift.key,
        phrasings: drift.phrasings.map((p) => ({ text: p.text, articleUrl: p.articleUrl, origin: p.origin })),
      })),
      deps.now(),
    );
    summary.newDrifts.push(...fresh.map((drift) => ({ claimSlug: claim.slug, ...drift })));
    if (freshClaims.has(claim.claimId)) {
      for (const drift of fresh) {
        const detail = found.find((d) => d.key === drift.key);
        summary.alerts.push({
          key: `drift:${drift.key}`,
          claimSlug: claim.slug,
          kind: 'drift',
          text: `${drift.kind} drift: ${detail?.phrasings.map((p) => `'${p.text}' (${p.origin})`).join(' vs ') ?? drift.key}`,
          url: detail?.phrasings.find((p) => p.articleUrl)?.articleUrl ?? null,
        });
      }
    }

    const next = deriveClaimStatus(claim.status, { supporting: claim.supporting, contradicting: claim.contradicting });
    if (next) {
      const changed = await setClaimStatus(deps.db, claim.claimId, {
        from: claim.status,
        to: next.status,
        cause: next.cause,
        actor: 'claimwatch',
        at: deps.now(),
      });
      if (changed) {
        summary.statusChanges.push({ claimSlug: claim.slug, from: claim.status, to: next.status, cause: next.cause });
        if (freshClaims.has(claim.claimId) && (next.status === 'disputed' || next.status === 'corroborated')) {
          summary.alerts.push({
            key: `status:${claim.slug}:${claim.status}->${next.status}:${next.cause}`,
            claimSlug: claim.slug,
            kind: 'status',
            text: `now ${next.status}: ${next.cause}`,
            url: null,
          });
        }
      }
    }
  }
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
