/**
 * Drift: coverage of one claim that states its figure, its base or its scope differently from the claim or
 * from other coverage ("tripled" vs "nearly tripled", "grew 400%" vs "quadrupled", "largest AI customer" vs
 * "largest Chinese customer"). Found by comparing normalized phrasings, never by matching known strings.
 * @module
 */
import type { ClaimFigure, ExtractedFigure } from './figures/index.js';
import type { ScopePhrase } from './scope.js';

export type DriftKind = 'qualifier' | 'figure' | 'base' | 'scope';

/** One way a source phrases one aspect of a claim. */
export interface Phrasing {
  kind: DriftKind;
  /** Normalized value compared across sources ("x3 nearly", "x5", "azure revenue", "ai customer"). */
  value: string;
  /** The words as written. */
  text: string;
}

/** A phrasing with where it came from; `source: null` is the claim's own wording. */
export interface SourcedPhrasing extends Phrasing {
  articleUrl: string | null;
  origin: string;
}

export interface DetectedDrift {
  kind: DriftKind;
  /** Stable identity: the claim and the sorted distinct values. */
  key: string;
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

/** Phrasings of an extracted figure and the scopes of its sentence. */
export function phrasingsOf(figure: ExtractedFigure | null, scopes: readonly ScopePhrase[]): Phrasing[] {
  const phrasings: Phrasing[] = [];
  if (figure) {
    const factor = factorOf(figure);
    // The rate is left out: a figure reaches a claim only when its rate agrees or is unstated ("$20 million"
    // for "$20 million a month"), and an unstated rate is not a different figure.
    const value = factor !== null ? `x${formatNumber(factor)}` : `${formatNumber(figure.value)}${figure.kind === 'money' ? ` ${figure.currency ?? ''}` : '%'}`;
    phrasings.push({ kind: 'figure', value, text: figure.text });
    phrasings.push({ kind: 'qualifier', value: `${value} ${qualifierSense(figure.qualifier)}`, text: figure.text });
    if (figure.base) phrasings.push({ kind: 'base', value: normalizeBase(figure.base), text: figure.text });
  }
  for (const scope of scopes) phrasings.push({ kind: 'scope', value: `${scope.kind}:${scope.value}`, text: scope.text });
  return phrasings;
}

/** Phrasings of the claim's own figure and declared scope. */
export function claimPhrasings(figure: ClaimFigure | null | undefined, declaredScope: ScopePhrase | null): Phrasing[] {
  const phrasings: Phrasing[] = [];
  if (figure) {
    const text = figure.text ?? String(figure.value);
    const factor = figure.unit === 'multiplier' ? figure.value : figure.unit === 'percent' && !figure.base ? 1 + figure.value / 100 : null;
    if (factor !== null) {
      const value = `x${formatNumber(factor)}`;
      phrasings.push({ kind: 'figure', value, text });
      phrasings.push({ kind: 'qualifier', value: `${value} ${qualifierSense(figure.qualifier)}`, text });
    }
    if (figure.base) phrasings.push({ kind: 'base', value: normalizeBase(figure.base), text });
  }
  if (declaredScope) phrasings.push({ kind: 'scope', value: `${declaredScope.kind}:${declaredScope.value}`, text: declaredScope.text });
  return phrasings;
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
 * Drifts among a claim's phrasings, one per pair of differing values: a qualifier drift needs the same
 * number with hedges of different sense; a figure, base or scope drift needs two different values. The key
 * names the claim and the pair, so finding the same disagreement again never records it twice.
 */
export function detectDrifts(claimSlug: string, phrasings: readonly SourcedPhrasing[]): DetectedDrift[] {
  const drifts: DetectedDrift[] = [];
  const firstByValue = new Map<string, SourcedPhrasing>();
  for (const phrasing of phrasings) {
    const id = `${phrasing.kind}\u0000${phrasing.value}`;
    if (!firstByValue.has(id)) firstByValue.set(id, phrasing);
  }
  const distinct = [...firstByValue.values()];
  for (const [i, a] of distinct.entries()) {
    for (const b of distinct.slice(i + 1)) {
      if (a.kind !== b.kind || !comparable(a, b)) continue;
      const [first, second] = a.value < b.value ? [a, b] : [b, a];
      drifts.push({ kind: a.kind, key: `${claimSlug}|${a.kind}|${first.value}|${second.value}`, phrasings: [first, second] });
    }
  }
  return drifts;
}

/** Qualifiers compare only for one number; scopes only within one scope type (superlative, places). */
function comparable(a: Phrasing, b: Phrasing): boolean {
  if (a.kind === 'qualifier') return a.value.split(' ')[0] === b.value.split(' ')[0];
  if (a.kind === 'scope') return a.value.split(':')[0] === b.value.split(':')[0];
  return true;
}
