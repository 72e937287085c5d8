/**
 * Scores claimwatch on a labelled set in tests/fixtures/eval/ the way an analyst would check it: claim
 * precision and recall, stance accuracy, story pairwise precision and recall (all pairs and cross-language
 * pairs), origin accuracy, claim status accuracy, and drifts recovered with their sides. Articles are read
 * in publication order through the same placeInStories that matching runs. Used by `npm run eval` and by the
 * test that holds the thresholds.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/index.js';
import type { ClaimStatus } from '../../src/model/index.js';
import { claimOriginsOf, deriveClaimStatus } from '../../src/match/bookkeeping/claim-status.js';
import { detectDrifts, phrasingsOf, type SourcedPhrasing } from '../../src/match/bookkeeping/drift.js';
import { groupCandidates, type AssertionRow, type Candidate } from '../../src/match/bookkeeping/candidates.js';
import { createMatcher, type ArticleAnalysis, type MatcherCatalog } from '../../src/match/matcher.js';
import { attributionOf, storyCandidateOf } from '../../src/match/run-matching.js';
import {
  canonicalOutlet,
  createStoryIndex,
  evidenceOrigin,
  inheritedReason,
  isKnownOrigin,
  placeInStories,
  storyOriginOf,
  yieldsToStoryOrigin,
  UNKNOWN_ORIGIN,
  type OriginBasis,
} from '../../src/stories/index.js';

interface GoldClaim {
  slug: string;
  stance: string;
  /** This claim rests on another source than the article as a whole. */
  origin?: string;
}

interface GoldArticle {
  id: string;
  outlet: string;
  url: string;
  language: 'en' | 'zh';
  published: string;
  origin: string;
  story: string;
  title: string;
  text: string;
  claims: GoldClaim[];
  drifts?: { claim: string; kind: string; phrase: string; variant?: string }[];
}

export interface EvalReport {
  articles: number;
  claimPrecision: number;
  claimRecall: number;
  autoPrecision: number;
  /** Labelled pairs found as automatic evidence: only those count for status. */
  autoRecall: number;
  stanceAccuracy: number;
  storyPrecision: number;
  storyRecall: number;
  crossLanguageStoryPrecision: number;
  crossLanguageStoryRecall: number;
  originAccuracy: number;
  /** Over the articles that bear a labelled claim: the ones whose origin can change a status. */
  claimOriginAccuracy: number;
  statusAccuracy: number;
  statusesCompared: number;
  /** Labelled drifts (claim and kind with two or more variants) found with every side right. */
  driftsWithSides: number;
  driftsLabelled: number;
  rewriteGroupsAsOneOrigin: number;
  rewriteGroups: number;
  falsePositives: string[];
  falseNegatives: string[];
  stanceErrors: string[];
  missedDrifts: string[];
  unlabelledDrifts: string[];
  originErrors: string[];
  storyErrors: string[];
  statusErrors: string[];
  /** Every article as placed, in publication order: story, origin and why. */
  placements: string[];
}

const root = join(import.meta.dirname, '../..');

/**
 * The catalog in the shape the matcher takes, read from `feeds/`; `extraClaims` (a claims file under
 * tests/, such as the generalization test's) adds its claims, validated with the rest as the bot would.
 */
export async function loadMatcherCatalog(extraClaims?: string): Promise<MatcherCatalog> {
  const dataDir = extraClaims ? await catalogWith(extraClaims) : join(root, 'feeds');
  const catalog = await loadCatalog({ dataDir }).finally(() => (extraClaims ? rm(dataDir, { recursive: true, force: true }) : undefined));
  return {
    entities: catalog.entities.map((e) => ({ slug: e.slug, kind: e.kind, names: e.names })),
    topics: catalog.topics.map((t) => ({ slug: t.slug, query: t.query })),
    claims: catalog.claims.map((c) => ({ slug: c.slug, statement: c.statement, entities: c.entities, terms: c.terms, figure: c.figure ?? null, parts: c.parts ?? null })),
  };
}

/** A throwaway copy of `feeds/` whose claims file also lists the claims of `extraClaims`. */
async function catalogWith(extraClaims: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'claimwatch-eval-'));
  for (const file of ['entities.yaml', 'topics.yaml', 'feeds.yaml']) await copyFile(join(root, 'feeds', file), join(dir, file));
  const own = await readFile(join(root, 'feeds/claims.yaml'), 'utf8');
  const extra = (await readFile(join(root, extraClaims), 'utf8')).replace(/^[\s\S]*?^claims:\s*$/m, '');
  await writeFile(join(dir, 'claims.yaml'), `${own.trimEnd()}\n${extra}`);
  return dir;
}

/** The labelled articles of a set: `articles` (the tuning set), `holdout`, `holdout2`, `messy-dev`, `holdout3`. */
export async function loadGold(set = 'articles'): Promise<GoldArticle[]> {
  // A set is named (tests/fixtures/eval/NAME.yaml) or given as a path from the project root.
  const text = await readFile(join(root, set.endsWith('.yaml') ? set : `tests/fixtures/eval/${set}.yaml`), 'utf8');
  return (parse(text) as { articles: GoldArticle[] }).articles.map((a) => ({ ...a, published: String((a.published as unknown) instanceof Date ? (a.published as unknown as Date).toISOString() : a.published) }));
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const sameOrigin = (a: string, b: string) => canonicalOutlet(a).toLowerCase() === canonicalOutlet(b).toLowerCase();

/** What the pipeline decided for one article. */
interface Decided {
  analysis: ArticleAnalysis;
  storyId: number;
  origin: string;
  basis: OriginBasis;
  reason: string;
  answers?: string;
  claimSources?: Record<string, string>;
}

export interface EvaluateOptions {
  /** A claims file under tests/ whose claims join the catalog (the generalization test's). */
  extraClaims?: string;
  /** Score claims, stances and statuses on these claims only (the others' matches are neither right nor wrong). */
  onlyClaims?: ReadonlySet<string>;
}

/**
 * One spelling per variant label: writers of one set spelled one wording several ways ("$1bn", "$1 billion",
 * "US$1 billion"; "as much as" and "up to" for one ceiling). Currencies other than the dollar stay apart.
 */
function sameVariantLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/\bus\$/g, '$')
    .replace(/(\d)\s*bn\b/g, '$1 billion')
    .replace(/^(?:as much as|as high as)\b/, 'up to')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Runs matching and story placement over the labelled set, in publication order, and scores it. */
export async function evaluate(set = 'articles', options: EvaluateOptions = {}): Promise<EvalReport> {
  const catalog = await loadMatcherCatalog(options.extraClaims);
  const scored = (slug: string) => !options.onlyClaims || options.onlyClaims.has(slug);
  const gold = (await loadGold(set)).map((article) => ({ ...article, claims: article.claims.filter((claim) => scored(claim.slug)) }));
  const matcher = createMatcher(catalog);

  // Stories and origins, as matchArticles decides them (every labelled article bears on the story or is a
  // distractor that would be screened out: a distractor with no entity gets a story of its own).
  const ordered = [...gold].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  const index = createStoryIndex();
  const decided = new Map<string, Decided>();
  let nextStory = 1;
  for (const article of ordered) {
    // Read as a poll would, the day it was published: age never downgrades a labelled article.
    const publishedAt = new Date(article.published);
    const analysis = matcher.analyze({ title: article.title, text: article.text, outlet: article.outlet, publishedAt }, new Date(publishedAt.getTime() + 86_400_000));
    const placed = placeInStories(
      index,
      storyCandidateOf(analysis, { title: article.title, text: article.text, language: article.language, publishedAt, outlet: article.outlet }),
      attributionOf(matcher, analysis, article),
      () => nextStory++,
    );
    decided.set(article.id, {
      analysis,
      storyId: placed.storyId,
      origin: placed.origin,
      basis: placed.basis,
      reason: placed.reason,
      ...(placed.answers ? { answers: placed.answers } : {}),
      ...(placed.claimSources ? { claimSources: placed.claimSources } : {}),
    });
  }
  // A story that learned its origin after some members joined: they are rewrites of it (adoptStoryOrigin).
  const storyOrigin = new Map<number, string>();
  for (const d of ordered.map((a) => decided.get(a.id)!)) {
    const stated = storyOriginOf(d);
    if (stated !== null && !storyOrigin.has(d.storyId)) storyOrigin.set(d.storyId, stated);
  }
  for (const d of decided.values()) {
    const learned = storyOrigin.get(d.storyId);
    if (yieldsToStoryOrigin(d.basis) && learned) Object.assign(d, { origin: learned, basis: 'rewrite', reason: inheritedReason(d.storyId, learned) });
  }

  // Claims: (article, claim) pairs, any tier.
  let tp = 0, fp = 0, fn = 0, autoTp = 0, autoAll = 0, stanceRight = 0;
  const falsePositives: string[] = [], falseNegatives: string[] = [], stanceErrors: string[] = [];
  for (const article of gold) {
    const { analysis } = decided.get(article.id)!;
    const expected = new Map(article.claims.map((c) => [c.slug, c.stance]));
    for (const match of analysis.claims.filter((m) => scored(m.slug))) {
      if (match.tier === 'auto') autoAll++;
      if (expected.has(match.slug)) {
        tp++;
        if (match.tier === 'auto') autoTp++;
        if (expected.get(match.slug) === match.stance) stanceRight++;
        else stanceErrors.push(`${article.id} ${match.slug}: expected ${expected.get(match.slug)}, got ${match.stance} — "${match.quote.slice(0, 120)}"`);
      } else {
        fp++;
        falsePositives.push(`${article.id} ${match.slug} (${match.score}, ${match.tier}) — "${match.quote.slice(0, 120)}"`);
      }
    }
    for (const slug of expected.keys()) {
      if (!analysis.claims.some((m) => m.slug === slug)) {
        fn++;
        falseNegatives.push(`${article.id} ${slug}`);
      }
    }
  }

  // Stories: pairwise precision and recall, over all pairs and over pairs in different languages.
  const pairs = { all: { tp: 0, fp: 0, fn: 0 }, cross: { tp: 0, fp: 0, fn: 0 } };
  const storyErrors: string[] = [];
  for (const [i, a] of gold.entries()) {
    for (const b of gold.slice(i + 1)) {
      const same = a.story === b.story;
      const grouped = decided.get(a.id)!.storyId === decided.get(b.id)!.storyId;
      const counts = a.language === b.language ? [pairs.all] : [pairs.all, pairs.cross];
      for (const c of counts) {
        if (same && grouped) c.tp++;
        else if (grouped) c.fp++;
        else if (same) c.fn++;
      }
      if (grouped && !same) storyErrors.push(`merged ${a.id} + ${b.id}`);
      else if (same && !grouped) storyErrors.push(`split ${a.id} / ${b.id}`);
    }
  }

  // Origins.
  let originRight = 0, claimOriginRight = 0;
  const originErrors: string[] = [];
  for (const article of gold) {
    const d = decided.get(article.id)!;
    if (sameOrigin(d.origin, article.origin)) {
      originRight++;
      if (article.claims.length > 0) claimOriginRight++;
    } else originErrors.push(`${article.id}: expected ${article.origin}, got ${d.origin} [${d.basis}: ${d.reason}]`);
  }
  const groups = new Map<string, GoldArticle[]>();
  for (const article of gold) groups.set(article.story, [...(groups.get(article.story) ?? []), article]);
  const rewriteGroups = [...groups.values()].filter((g) => g.length > 1);
  const oneOrigin = rewriteGroups.filter((g) => new Set(g.map((a) => canonicalOutlet(decided.get(a.id)!.origin))).size === 1).length;

  // Status: what the labels call for against what the automatic evidence and decided origins call for.
  const goldStances = new Map<string, { stance: string; origin: string; value: string }[]>();
  const foundStances = new Map<string, { stance: string; origin: string; value: string; article?: string }[]>();
  for (const article of gold) {
    for (const c of article.claims) {
      goldStances.set(c.slug, [...(goldStances.get(c.slug) ?? []), { stance: c.stance, origin: canonicalOutlet(c.origin ?? article.origin), value: article.id }]);
    }
    const d = decided.get(article.id)!;
    const organisations = matcher.organisations(Object.keys(d.analysis.entities));
    for (const m of d.analysis.claims) {
      if (m.tier !== 'auto') continue;
      foundStances.set(m.slug, [...(foundStances.get(m.slug) ?? []), { stance: m.stance, origin: evidenceOrigin(d, m.stance, m.quote, article.outlet, m.slug, organisations), value: m.figure?.text ?? m.quote, article: article.id }]);
    }
  }
  const statusOf = (list: { stance: string; origin: string; value: string }[] | undefined): ClaimStatus => {
    const own = (list ?? []).map((s) => ({ ...s, origin: s.origin.toLowerCase() === UNKNOWN_ORIGIN ? UNKNOWN_ORIGIN : s.origin }));
    return deriveClaimStatus('reported', claimOriginsOf(own))?.status ?? 'reported';
  };
  let statusRight = 0;
  const statusErrors: string[] = [];
  const claimsSeen = [...new Set([...goldStances.keys(), ...foundStances.keys()])].filter(scored).sort();
  for (const slug of claimsSeen) {
    const expected = statusOf(goldStances.get(slug));
    const got = statusOf(foundStances.get(slug));
    if (expected === got) statusRight++;
    else {
      const byStance = new Map<string, string[]>();
      for (const s of foundStances.get(slug) ?? []) byStance.set(`${s.stance}:${s.origin}`, [...(byStance.get(`${s.stance}:${s.origin}`) ?? []), s.article ?? '']);
      const found = [...byStance].map(([key, ids]) => `${key} [${ids.join(' ')}]`).join(', ');
      statusErrors.push(`${slug}: expected ${expected}, got ${got} (found ${found || 'nothing'})`);
    }
  }

  // Drifts: every labelled disagreement (a claim and kind whose labels carry two or more variants) must be
  // one detected drift whose variants split the labelled articles exactly as the labels do.
  const phrasingsByClaim = new Map<string, SourcedPhrasing[]>();
  const articleNumber = new Map(gold.map((a, i) => [a.id, i + 1]));
  for (const article of gold) {
    const d = decided.get(article.id)!;
    for (const m of d.analysis.claims) {
      if (m.stance === 'contradicts' || m.stance === 'updates' || !scored(m.slug)) continue;
      const list = phrasingsByClaim.get(m.slug) ?? [];
      phrasingsByClaim.set(m.slug, list);
      for (const p of phrasingsOf(m.figure, m.scopes, d.analysis.figures, m.date)) {
        list.push({ ...p, articleUrl: article.url, outlet: article.outlet, origin: d.origin, articleId: articleNumber.get(article.id)! });
      }
    }
  }
  const labelled = new Map<string, Map<string, string>>(); // claim|kind → article id → variant
  // Older sets label the phrase only: there, a drift counts when it holds every labelled article in two or
  // more variants; with `variant` labels the split itself must match.
  const unnamedVariants = new Set<string>();
  for (const article of gold) {
    for (const label of article.drifts ?? []) {
      const key = `${label.claim}|${label.kind}`;
      const byArticle = labelled.get(key) ?? new Map<string, string>();
      labelled.set(key, byArticle);
      byArticle.set(article.id, sameVariantLabel(label.variant ?? label.phrase));
      if (label.variant === undefined) unnamedVariants.add(key);
    }
  }
  let driftsWithSides = 0, driftsLabelled = 0;
  const missedDrifts: string[] = [];
  const detected = new Map([...phrasingsByClaim].map(([slug, list]) => [slug, detectDrifts(slug, list)]));
  const explained = new Set<string>();
  for (const [key, byArticle] of labelled) {
    if (new Set(byArticle.values()).size < 2) continue;
    driftsLabelled++;
    const [claim, kind] = key.split('|') as [string, string];
    const drifts = (detected.get(claim) ?? []).filter((d) => d.kind === kind);
    const variantOf = (drift: (typeof drifts)[number], id: string) => drift.variants.find((v) => v.phrasings.some((p) => p.articleId === articleNumber.get(id)))?.value;
    const ids = [...byArticle.keys()];
    const right = drifts.find((drift) =>
      unnamedVariants.has(key)
        ? ids.every((a) => variantOf(drift, a) !== undefined) && new Set(ids.map((a) => variantOf(drift, a))).size >= 2
        : ids.every((a) => variantOf(drift, a) !== undefined && ids.every((b) => (byArticle.get(a) === byArticle.get(b)) === (variantOf(drift, a) === variantOf(drift, b)))),
    );
    if (right) {
      driftsWithSides++;
      explained.add(right.key);
    } else {
      const best = drifts[0];
      const sides = ids.map((id) => `${id}=${byArticle.get(id)}→${best ? (variantOf(best, id) ?? 'absent') : 'no drift'}`);
      missedDrifts.push(`${key}: ${sides.join('; ')}`);
    }
  }
  const unlabelledDrifts = [...detected.values()]
    .flat()
    .filter((d) => !explained.has(d.key) && !labelled.has(`${d.key.split('|')[0]}|${d.kind}`))
    .map((d) => `${d.key}: ${d.variants.map((v) => `${v.value} [${v.phrasings.map((p) => p.text).slice(0, 3).join(' / ')}]`).join(' vs ')}`);

  return {
    articles: gold.length,
    claimPrecision: ratio(tp, tp + fp),
    claimRecall: ratio(tp, tp + fn),
    autoPrecision: ratio(autoTp, autoAll),
    autoRecall: ratio(autoTp, tp + fn),
    stanceAccuracy: ratio(stanceRight, tp),
    storyPrecision: ratio(pairs.all.tp, pairs.all.tp + pairs.all.fp),
    storyRecall: ratio(pairs.all.tp, pairs.all.tp + pairs.all.fn),
    crossLanguageStoryPrecision: ratio(pairs.cross.tp, pairs.cross.tp + pairs.cross.fp),
    crossLanguageStoryRecall: ratio(pairs.cross.tp, pairs.cross.tp + pairs.cross.fn),
    originAccuracy: ratio(originRight, gold.length),
    claimOriginAccuracy: ratio(claimOriginRight, gold.filter((a) => a.claims.length > 0).length),
    statusAccuracy: ratio(statusRight, claimsSeen.length),
    statusesCompared: claimsSeen.length,
    driftsWithSides,
    driftsLabelled,
    rewriteGroupsAsOneOrigin: oneOrigin,
    rewriteGroups: rewriteGroups.length,
    falsePositives,
    falseNegatives,
    stanceErrors,
    missedDrifts,
    unlabelledDrifts,
    originErrors,
    storyErrors,
    statusErrors,
    placements: ordered.map((a) => {
      const d = decided.get(a.id)!;
      return `${a.published.slice(0, 16)} ${a.id} → story #${d.storyId} (gold ${a.story}), ${d.origin} [${d.basis}: ${d.reason}]`;
    }),
  };
}

/** How candidate claims fare on a set about claims missing from the catalog (the generalization test's). */
export interface CandidateReport {
  candidates: number;
  /** Candidates every article of which is a distractor (labelled with no claim). */
  fromDistractorsOnly: number;
  distractorArticles: number;
  /** Per missing claim: its supporting articles, and the candidate with its parts that holds most of them. */
  claims: { slug: string; supporting: number; candidate: string | null; held: number; size: number }[];
}

/**
 * Candidates as `claimwatch candidates` would offer them after matching the set with the shipped catalog
 * only: the claims of `missingClaims` (a claims file with parts) are not tracked, so each should surface.
 */
export async function evaluateCandidates(set: string, missingClaims: string): Promise<CandidateReport> {
  const matcher = createMatcher(await loadMatcherCatalog());
  const gold = await loadGold(set);
  const missing = (parse(await readFile(join(root, missingClaims), 'utf8')) as { claims: { slug: string; parts: { subject: string[]; relation: string; counterpart?: string[] } }[] }).claims;
  const rows: AssertionRow[] = [];
  gold.forEach((article, n) => {
    const publishedAt = new Date(article.published);
    const analysis = matcher.analyze({ title: article.title, text: article.text, outlet: article.outlet, publishedAt }, publishedAt);
    for (const found of analysis.assertions) rows.push({ ...found, article: { id: n, url: article.url, title: article.title, outlet: article.outlet, origin: article.origin, publishedAt } });
  });
  const candidates = groupCandidates(rows, isKnownOrigin);
  const idByUrl = new Map(gold.map((a) => [a.url, a.id]));
  const membersOf = (candidate: Candidate) => candidate.articles.map((a) => idByUrl.get(a.url ?? '') ?? '');
  const distractors = new Set(gold.filter((a) => a.claims.length === 0).map((a) => a.id));
  const trade = (relation: string) => (relation === 'sells-to' || relation === 'spends-on' ? 'buys-from' : relation);
  return {
    candidates: candidates.length,
    fromDistractorsOnly: candidates.filter((c) => membersOf(c).every((id) => distractors.has(id))).length,
    distractorArticles: distractors.size,
    claims: missing.map((claim) => {
      const supporting = new Set(gold.filter((a) => a.claims.some((c) => c.slug === claim.slug && c.stance === 'supports')).map((a) => a.id));
      // Its parties in either role: a sale is read from the buyer's side.
      const parties = new Set([...claim.parts.subject, ...(claim.parts.counterpart ?? [])]);
      const own = candidates
        .filter((c) => trade(c.relation) === trade(claim.parts.relation) && parties.has(c.subject) && (c.counterpart === null || parties.has(c.counterpart)))
        .map((c) => ({ c, held: membersOf(c).filter((id) => supporting.has(id)).length }))
        .sort((a, b) => b.held - a.held)[0];
      return { slug: claim.slug, supporting: supporting.size, candidate: own ? `${own.c.id} ${own.c.relation} ${own.c.subject}>${own.c.counterpart ?? '-'}` : null, held: own?.held ?? 0, size: own?.c.articles.length ?? 0 };
    }),
  };
}
