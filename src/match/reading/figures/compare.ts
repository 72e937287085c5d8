/**
 * Compares two figures: the claim's and an article's, or two articles'. The answer names the drift an analyst
 * wants flagged: a hedge changed ("nearly tripled" → "tripled"), a value changed ("grew 400%" → "quadrupled"),
 * or a base changed ("1.5% of total revenue" → "1.5% of Azure sales").
 * @module
 */
import { comparableClaimFigure, comparableExtractedFigure, isClaimFigure, type ClaimFigure, type ComparableFigure } from './claim-figure.js';
import { periodYear } from './period.js';
import type { ExtractedFigure, FigureComparison } from './types.js';

/** Relative tolerance under which two values are one value (rounding in rewrites: $1.1bn vs $1.12bn). */
const TOLERANCE = 0.02;

/** True when two numbers are within 2% of each other. */
export function sameNumber(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

function sameRange(a: ComparableFigure, b: ComparableFigure): boolean {
  if ((a.valueMax === undefined) !== (b.valueMax === undefined)) return false;
  return sameNumber(a.value, b.value) && (a.valueMax === undefined || b.valueMax === undefined || sameNumber(a.valueMax, b.valueMax));
}

// Bases compare on their content words: "total revenue", "revenue" and "sales" are one base, while
// "azure sales" (= "azure revenue") is another.
const GENERIC = new Set(['total', 'overall', 'entire', 'whole', 'global', 'group', 'company', 'annual', 'worldwide']);
const SYNONYMS: ReadonlyMap<string, string> = new Map([['sales', 'revenue'], ['revenues', 'revenue'], ['turnover', 'revenue']]);

/** Canonical key of a base: 'total revenue' → 'revenue', 'Azure sales' → 'azure revenue'. */
export function baseKey(base: string): string {
  return base
    .toLowerCase()
    .split(/\s+/)
    .map((word) => SYNONYMS.get(word) ?? word)
    .filter((word) => word !== '' && !GENERIC.has(word))
    .join(' ');
}

/** A growth multiplier, when the figure states one: a multiplier itself, or a growth percentage's factor. */
function factorOf(figure: ComparableFigure): number | undefined {
  if (figure.kind === 'multiplier') return figure.value;
  return figure.kind === 'percent' ? figure.growthFactor : undefined;
}

/** Periods conflict when both name a year and the years differ ('FY2024' vs 'FY2025'). */
function periodsConflict(a: ComparableFigure, b: ComparableFigure): boolean {
  const ya = a.period === undefined ? undefined : periodYear(a.period);
  const yb = b.period === undefined ? undefined : periodYear(b.period);
  return ya !== undefined && yb !== undefined && ya !== yb;
}

type Measure = 'same' | 'different-value' | 'different-base' | 'different-currency' | 'different-kind' | 'unrelated';

function compareMeasure(a: ComparableFigure, b: ComparableFigure): Measure {
  const value = (): Measure => (sameRange(a, b) ? 'same' : 'different-value');
  if (a.kind === 'money' || b.kind === 'money') {
    if (a.kind !== b.kind) return 'different-kind';
    // Amounts in different currencies, or at different rates, are different facts: "$1bn a year" and "$20m a
    // month" are two claims (ByteDance's spend now and in March 2024), and converting one into the other
    // would invent agreement or drift. A rate on one side only is read as unstated, not as different.
    if (a.per !== undefined && b.per !== undefined && a.per !== b.per) return 'unrelated';
    // The same number in another currency is a copy that got the currency wrong ("EUR 1 billion" for
    // "US$1 billion"): a drift. Other amounts in other currencies are other facts (or conversions).
    if (a.currency !== b.currency) return sameRange(a, b) ? 'different-currency' : 'unrelated';
    return value();
  }
  const fa = factorOf(a);
  const fb = factorOf(b);
  if (a.kind === 'multiplier' || b.kind === 'multiplier') {
    // A growth percentage meets a multiplier through its factor: grew 400% is ×5, not "quadrupled".
    if (fa === undefined || fb === undefined) return 'different-kind';
    return sameNumber(fa, fb) ? 'same' : 'different-value';
  }
  if (a.kind === 'share' || b.kind === 'share') {
    if (a.growthFactor !== undefined || b.growthFactor !== undefined) return 'different-kind';
    const bases = a.base !== undefined && b.base !== undefined && baseKey(a.base) !== baseKey(b.base);
    const values = sameRange(a, b);
    if (bases) return values ? 'different-base' : 'unrelated';
    return values ? 'same' : 'different-value';
  }
  if (a.kind === 'percent' && b.kind === 'percent') return value();
  return a.kind === b.kind && a.unit === b.unit ? value() : 'different-kind';
}

/**
 * How figure `b` (from an article) relates to `a` (a claim's figure, or another article's). Values within
 * 2% are one value; then hedges are compared ("tripled" vs "nearly tripled" is
 * 'same-value-different-qualifier'). Figures about different currencies or rates, or different values in different
 * years, are 'unrelated'; the same value in another year is 'same-value-different-period'.
 */
export function compareFigures(a: ExtractedFigure | ClaimFigure, b: ExtractedFigure): FigureComparison {
  const x = toComparable(a);
  const y = comparableExtractedFigure(b);
  const measure = compareMeasure(x, y);
  if (measure === 'different-kind') return measure;
  // The same amount or share dated to another year is a copy that moved it ("$20 million a month as of March
  // 2023" for March 2024); a different amount in another year is another fact (2025's plan beside 2026's), and
  // so is the same growth in another year ("doubled in 2024, and again in 2025").
  if (periodsConflict(x, y)) return measure === 'same' && factorOf(x) === undefined && factorOf(y) === undefined ? 'same-value-different-period' : 'unrelated';
  if (measure !== 'same') return measure;
  return x.qualifier === y.qualifier ? 'same' : 'same-value-different-qualifier';
}

function toComparable(figure: ExtractedFigure | ClaimFigure): ComparableFigure {
  return isClaimFigure(figure) ? comparableClaimFigure(figure) : comparableExtractedFigure(figure);
}
