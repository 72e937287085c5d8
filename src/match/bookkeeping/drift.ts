/**
 * Drift: coverage of one claim that states its figure, its base or its scope differently from the claim or
 * from other coverage ("tripled" vs "nearly tripled", "grew 400%" vs "quadrupled", "largest AI customer" vs
 * "largest Chinese customer"). Found by comparing normalized phrasings, never by matching known strings.
 * @module
 */
import type { ExtractedFigure } from '../reading/figures/index.js';
import type { ScopePhrase } from '../reading/scope.js';

export type DriftKind = 'qualifier' | 'figure' | 'base' | 'scope';

/** One way a source phrases one aspect of a claim. */
export interface Phrasing {
  kind: DriftKind;
  /** For a date: the figure it dates, if any; dates are compared only for one figure. */
  of?: string;
  /** Normalized value compared across sources ("x3 nearly", "x5", "azure revenue", "ai customer"). */
  value: string;
  /** The words as written. */
  text: string;
}

/** A phrasing with where it came from; `articleUrl: null` with origin `claim` is the claim's own wording. */
export interface SourcedPhrasing extends Phrasing {
  articleUrl: string | null;
  origin: string;
  /** The publishing outlet, when known. */
  outlet?: string | null;
  /** Identity of the article, so one article counts once per variant. */
  articleId?: number;
}

/** One wording of a drifting claim with every phrasing that used it. */
export interface DriftVariantFound {
  value: string;
  phrasings: SourcedPhrasing[];
}

export interface DetectedDrift {
  kind: DriftKind;
  /** Stable identity: the claim, the kind and what is compared (the number of a qualifier, the scope type). */
  key: string;
  /** Every variant wording, most used first, each with its phrasings. */
  variants: DriftVariantFound[];
  /** The first phrasing of each variant. */
  phrasings: SourcedPhrasing[];
}

/** The factor a figure states: growth percentages become multipliers (grew 400% → ×5). */
function factorOf(figure: { kind?: string; value: number; growthFactor?: number }): number | null {
  if (figure.growthFactor !== undefined) return figure.growthFactor;
  if (figure.kind === 'multiplier') return figure.value;
  return null;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3).replace(/\.?0+$/, '');
}

/** Normalizes what a share is a share of: "the company's total revenue" and "微软总营收" are both "revenue". */
export function normalizeBase(base: string): string {
  const words = base
    .toLowerCase()
    .replace(/总营收|總營收|总收入|總收入|营收|營收|收入|销售额|銷售額|销售|銷售|sales|revenues?|turnover/g, ' revenue ')
    .replace(/微软|微軟|microsoft'?s?|the company'?s|company|its|total|overall|all|of|the|总|總|整体|整體/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const unique = [...new Set(words.split(' '))].filter(Boolean);
  return unique.join(' ') || 'revenue';
}

/**
 * Phrasings of an extracted figure and the scopes of its sentence. `articleFigures` are the article's other
 * figures: a bare figure ("$1 billion" in a headline) whose value the article also states with a hedge
 * ("more than $1 billion" in the body) takes that hedge, since it is the same statement cut short, not
 * a different wording.
 */
export function phrasingsOf(
  figure: ExtractedFigure | null,
  scopes: readonly ScopePhrase[],
  articleFigures: readonly ExtractedFigure[] = [],
  /** For a claim with no figure, the date its evidence gives ("9 July 2024"). */
  date: { period: string; text: string } | null = null,
): Phrasing[] {
  const phrasings: Phrasing[] = [];
  if (!figure && date) phrasings.push({ kind: 'figure', value: `${PERIOD_MARK}${date.period}`, text: date.text });
  if (figure) {
    const factor = factorOf(figure);
    // The rate is left out: a figure reaches a claim only when its rate agrees or is unstated ("$20 million"
    // for "$20 million a month"), and an unstated rate is not a different figure.
    const value = factor !== null ? `x${formatNumber(factor)}` : `${formatNumber(figure.value)}${figure.kind === 'money' ? ` ${figure.currency ?? ''}` : '%'}`;
    const qualifier = figure.qualifier ?? articleFigures.find((other) => other.qualifier !== undefined && sameStatement(figure, other))?.qualifier;
    // Likewise a date the article gives the same figure elsewhere ("about $20 million a month … as of March 2023").
    const period = figure.period ?? articleFigures.find((other) => other.period !== undefined && sameStatement(figure, other))?.period;
    phrasings.push({ kind: 'figure', value, text: figure.text });
    phrasings.push({ kind: 'qualifier', value: `${value} ${qualifierSense(qualifier)}`, text: figure.text });
    if (figure.base) phrasings.push({ kind: 'base', value: normalizeBase(figure.base), text: figure.text });
    // The year or month a figure is dated to: a copy that moves it ("March 2023" for "March 2024") drifts.
    // The figure's value rides along, so the dates of a claim's different figures (2025's plan, 2026's) never compare.
    if (period) phrasings.push({ kind: 'figure', value: `${PERIOD_MARK}${period}`, text: `${figure.text} (${period})`, of: value });
  }
  for (const scope of scopes) phrasings.push({ kind: 'scope', value: `${scope.kind}:${scope.value}`, text: scope.text });
  return phrasings;
}

/** Marks a figure phrasing that states the figure's date, compared only with other dates. */
const PERIOD_MARK = 'period ';

/** Two figures of one article that state the same number, hedges aside (a headline often drops the rate too). */
function sameStatement(a: ExtractedFigure, b: ExtractedFigure): boolean {
  return a.kind === b.kind && a.value === b.value && a.growthFactor === b.growthFactor && a.currency === b.currency && (a.per === b.per || a.per === undefined || b.per === undefined);
}

/**
 * What a hedge says about the true number: "about 1.5%" and "1.5%" say the same, but "nearly tripled" says
 * below three times and "more than $1 billion" says above, so those differ from the bare figure.
 */
function qualifierSense(qualifier: string | undefined): 'about' | 'below' | 'above' {
  switch (qualifier) {
    case 'nearly':
    case 'less than':
    case 'up to':
      return 'below';
    case 'more than':
    case 'at least':
      return 'above';
    default:
      return 'about';
  }
}

/**
 * Drifts among the phrasings of a claim in coverage: for each thing compared (the figure; the hedge on one
 * number; the base of a share; one type of scope), the distinct values articles used, when there are two or
 * more. Each variant lists every phrasing with it, so a drift reads "tripled: A, B, 增长了两倍 C; nearly
 * tripled: D, E". The claim's own wording (origin `claim`, no article) is not coverage and is left out. The
 * key names the claim, the kind and what is compared, so one disagreement is one drift however many
 * variants it gathers.
 */
export function detectDrifts(claimSlug: string, phrasings: readonly SourcedPhrasing[]): DetectedDrift[] {
  const groups = new Map<string, { kind: DriftKind; variants: Map<string, SourcedPhrasing[]> }>();
  for (const phrasing of phrasings) {
    if (phrasing.articleUrl === null && phrasing.origin === 'claim') continue;
    const compared = comparedPart(phrasing);
    const id = `${phrasing.kind}|${compared}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { kind: phrasing.kind, variants: new Map() }));
    const list = group.variants.get(phrasing.value) ?? [];
    group.variants.set(phrasing.value, list);
    const article = phrasing.articleId ?? phrasing.articleUrl;
    if (article === undefined || article === null || !list.some((p) => (p.articleId ?? p.articleUrl) === article)) list.push(phrasing);
  }
  const drifts: DetectedDrift[] = [];
  for (const [id, group] of groups) {
    if (group.variants.size < 2) continue;
    const variants = [...group.variants.entries()]
      .map(([value, list]) => ({ value, phrasings: list }))
      .sort((a, b) => b.phrasings.length - a.phrasings.length || (a.value < b.value ? -1 : 1));
    drifts.push({ kind: group.kind, key: `${claimSlug}|${id}`, variants, phrasings: variants.map((v) => v.phrasings[0]!) });
  }
  return drifts;
}

function granularity(period: string): string {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^FY\d{4}$/i.test(period)) return 'fiscal year';
  if (/^(?:Q\d|H\d)|-(?:Q|H)\d$/i.test(period)) return 'part of year';
  if (/^\d{1,2}\s+\p{L}+\s+\d{4}$/u.test(period)) return 'day';
  if (/^\p{L}+\s+\d{4}$/u.test(period)) return 'month';
  return 'other';
}

/** What a phrasing's value is compared on: qualifiers for one number, scopes within one scope type. */
function comparedPart(phrasing: Phrasing): string {
  if (phrasing.kind === 'qualifier') return phrasing.value.split(' ')[0]!;
  if (phrasing.kind === 'scope') return phrasing.value.split(':')[0]!;
  // Dates compare at one granularity: "April 2026" and "2026" do not disagree, "April 2025" and "April 2026" do.
  if (phrasing.value.startsWith(PERIOD_MARK)) return `period ${granularity(phrasing.value.slice(PERIOD_MARK.length))}${phrasing.of ? ` of ${phrasing.of}` : ''}`;
  return '';
}
