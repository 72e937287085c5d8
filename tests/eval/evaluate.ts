/**
 * Scores the matcher on the labelled set in tests/fixtures/eval/: claim precision and recall, stance
 * accuracy, drift recall, story grouping and origin accuracy. Used by `npm run eval` and by the test that
 * holds the thresholds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCatalog } from '../../src/catalog/index.js';
import { createMatcher, type ArticleAnalysis, type MatcherCatalog } from '../../src/match/matcher.js';
import { claimPhrasings, detectDrifts, phrasingsOf, type DetectedDrift, type SourcedPhrasing } from '../../src/match/drift.js';
import { normalizeDeclaredScope } from '../../src/match/scope.js';
import { assignStory, createStorySignature, type RecentStory } from '../../src/match/stories.js';
import { canonicalOutlet } from '../../src/match/origins.js';
import { figureKeys } from '../../src/match/story-keys.js';

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
  claims: { slug: string; stance: string }[];
  drifts?: { claim: string; kind: string; phrase: string }[];
}

export interface EvalReport {
  articles: number;
  claimPrecision: number;
  claimRecall: number;
  autoPrecision: number;
  stanceAccuracy: number;
  driftRecall: number;
  briefDriftsFound: Record<string, boolean>;
  storyPrecision: number;
  storyRecall: number;
  originAccuracy: number;
  rewriteGroupsAsOneOrigin: number;
  rewriteGroups: number;
  falsePositives: string[];
  falseNegatives: string[];
  stanceErrors: string[];
  missedDrifts: string[];
  originErrors: string[];
  storyErrors: string[];
}

const root = join(import.meta.dirname, '../..');

/** The catalog in the shape the matcher takes, read from `feeds/`. */
export async function loadMatcherCatalog(): Promise<MatcherCatalog> {
  const catalog = await loadCatalog({ dataDir: join(root, 'feeds') });
  return {
    entities: catalog.entities.map((e) => ({ slug: e.slug, names: e.names })),
    topics: catalog.topics.map((t) => ({ slug: t.slug, query: t.query })),
    claims: catalog.claims.map((c) => ({ slug: c.slug, statement: c.statement, entities: c.entities, terms: c.terms, figure: c.figure ?? null })),
  };
}

/** The labelled articles of a set: `articles` (the tuning set) or `holdout` (written blind to the matcher). */
export async function loadGold(set = 'articles'): Promise<GoldArticle[]> {
  const text = await readFile(join(root, `tests/fixtures/eval/${set}.yaml`), 'utf8');
  return (parse(text) as { articles: GoldArticle[] }).articles;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Runs the matcher over the labelled set and scores it. */
export async function evaluate(set = 'articles'): Promise<EvalReport> {
  const catalog = await loadMatcherCatalog();
  const gold = await loadGold(set);
  const matcher = createMatcher(catalog);
  const now = new Date('2026-11-23T00:00:00Z');
  const analyses = new Map<string, ArticleAnalysis>();
  for (const article of gold) {
    analyses.set(article.id, matcher.analyze({ title: article.title, text: article.text, outlet: article.outlet, publishedAt: new Date(article.published) }, now));
  }

  // Claims: (article, claim) pairs, any tier.
  let tp = 0, fp = 0, fn = 0, autoTp = 0, autoAll = 0, stanceRight = 0;
  const falsePositives: string[] = [], falseNegatives: string[] = [], stanceErrors: string[] = [];
  for (const article of gold) {
    const analysis = analyses.get(article.id)!;
    const expected = new Map(article.claims.map((c) => [c.slug, c.stance]));
    for (const match of analysis.claims) {
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

  // Drifts: every labelled side must be part of a detected drift of its kind for that claim.
  const phrasingsByClaim = new Map<string, SourcedPhrasing[]>();
  for (const claim of catalog.claims) {
    const own = claimPhrasings(claim.figure, claim.figure?.scope ? normalizeDeclaredScope(claim.figure.scope) : null);
    phrasingsByClaim.set(claim.slug, own.map((p) => ({ ...p, articleUrl: null, origin: 'claim' })));
  }
  for (const article of gold) {
    for (const match of analyses.get(article.id)!.claims) {
      const list = phrasingsByClaim.get(match.slug)!;
      for (const p of phrasingsOf(match.figure, match.scopes)) list.push({ ...p, articleUrl: article.url, origin: article.origin });
    }
  }
  const driftsByClaim = new Map<string, DetectedDrift[]>();
  for (const [slug, list] of phrasingsByClaim) driftsByClaim.set(slug, detectDrifts(slug, list));
  let driftHits = 0, driftTotal = 0;
  const missedDrifts: string[] = [];
  const briefDriftsFound: Record<string, boolean> = {};
  for (const article of gold) {
    for (const label of article.drifts ?? []) {
      driftTotal++;
      const kind = label.kind;
      const drifts = driftsByClaim.get(label.claim) ?? [];
      const match = analyses.get(article.id)!.claims.find((m) => m.slug === label.claim);
      const mine = match ? phrasingsOf(match.figure, match.scopes).filter((p) => p.kind === kind).map((p) => p.value) : [];
      const found = drifts.some((d) => d.kind === kind && d.phrasings.some((p) => mine.includes(p.value)));
      if (found) driftHits++;
      else missedDrifts.push(`${article.id} ${label.claim} ${kind} "${label.phrase}" (phrasings: ${mine.join(', ') || 'none'})`);
      const briefKey = `${label.claim}/${kind}`;
      briefDriftsFound[briefKey] = (briefDriftsFound[briefKey] ?? true) && found;
    }
  }

  // Stories: pairwise precision and recall over articles, in publication order.
  const ordered = [...gold].sort((a, b) => a.published.localeCompare(b.published));
  const recent: RecentStory[] = [];
  const storyOf = new Map<string, number>();
  let nextStory = 1;
  for (const article of ordered) {
    const analysis = analyses.get(article.id)!;
    const candidate = {
      signature: createStorySignature({ title: article.title, text: article.text, language: article.language }),
      entities: Object.keys(analysis.entities),
      figures: figureKeys(analysis.figures),
      origin: analysis.origin,
      publishedAt: new Date(article.published),
    };
    const { storyId } = assignStory(candidate, recent);
    const id = storyId ?? nextStory++;
    if (storyId === null) recent.push({ ...candidate, storyId: id });
    storyOf.set(article.id, id);
  }
  let pairTp = 0, pairFp = 0, pairFn = 0;
  const storyErrors: string[] = [];
  for (const [i, a] of gold.entries()) {
    for (const b of gold.slice(i + 1)) {
      const same = a.story === b.story;
      const grouped = storyOf.get(a.id) === storyOf.get(b.id);
      if (same && grouped) pairTp++;
      else if (grouped) {
        pairFp++;
        storyErrors.push(`merged ${a.id} + ${b.id}`);
      } else if (same) {
        pairFn++;
        storyErrors.push(`split ${a.id} / ${b.id}`);
      }
    }
  }

  // Origins.
  let originRight = 0;
  const originErrors: string[] = [];
  for (const article of gold) {
    const got = analyses.get(article.id)!.origin;
    if (canonicalOutlet(got) === canonicalOutlet(article.origin)) originRight++;
    else originErrors.push(`${article.id}: expected ${article.origin}, got ${got}`);
  }
  const groups = new Map<string, GoldArticle[]>();
  for (const article of gold) groups.set(article.story, [...(groups.get(article.story) ?? []), article]);
  const rewriteGroups = [...groups.values()].filter((g) => g.length > 1);
  const oneOrigin = rewriteGroups.filter((g) => new Set(g.map((a) => canonicalOutlet(analyses.get(a.id)!.origin))).size === 1).length;

  return {
    articles: gold.length,
    claimPrecision: ratio(tp, tp + fp),
    claimRecall: ratio(tp, tp + fn),
    autoPrecision: ratio(autoTp, autoAll),
    stanceAccuracy: ratio(stanceRight, tp),
    driftRecall: ratio(driftHits, driftTotal),
    briefDriftsFound,
    storyPrecision: ratio(pairTp, pairTp + pairFp),
    storyRecall: ratio(pairTp, pairTp + pairFn),
    originAccuracy: ratio(originRight, gold.length),
    rewriteGroupsAsOneOrigin: oneOrigin,
    rewriteGroups: rewriteGroups.length,
    falsePositives,
    falseNegatives,
    stanceErrors,
    missedDrifts,
    originErrors,
    storyErrors,
  };
}
