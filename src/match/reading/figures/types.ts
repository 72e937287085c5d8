/**
 * Shapes shared by the figure extractors and the comparer.
 * @module
 */

/** What a figure measures. A share is a percentage of a named base ("1.5% of total revenue"). */
export type FigureKind = 'money' | 'percent' | 'multiplier' | 'share';

/** Currencies we recognise; "$" alone is read as USD. */
export type Currency = 'USD' | 'CNY' | 'EUR' | 'GBP' | 'HKD' | 'JPY';

/** The time unit of a rate ("a year", "每月"). */
export type Per = 'year' | 'month' | 'quarter' | 'day';

/** Normalized hedges: the drift between "tripled" and "nearly tripled" is exactly what we flag. */
export type Qualifier = 'more than' | 'nearly' | 'about' | 'at least' | 'up to' | 'less than';

/** One figure found in a sentence. */
export interface ExtractedFigure {
  kind: FigureKind;
  /** Money in units of currency (1e9 for "$1 billion"), percent as the number (400 for 400%), multiplier as the factor. */
  value: number;
  /** Upper bound of a range ("US$20–22 billion"). */
  valueMax?: number;
  currency?: Currency;
  per?: Per;
  /** For growth percentages, the implied multiplier: grew 400% → 5, rose 25% → 1.25, fell 25% → 0.75. */
  growthFactor?: number;
  qualifier?: Qualifier;
  /** Normalized period: 'FY2025', '2026', '2025-H1', 'Q3 2025', 'March 2024'. */
  period?: string;
  /** What a share is a share of, lower-case: 'total revenue', 'azure sales'. */
  base?: string;
  /** Exact substring of the input that carries the figure, with its qualifier, growth verb, rate and base. */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
}

/** How two figures relate. */
export type FigureComparison =
  | 'same'
  | 'same-value-different-qualifier'
  | 'same-value-different-period'
  | 'different-value'
  | 'different-base'
  | 'different-currency'
  | 'different-kind'
  | 'unrelated';

/** A figure while it is being built: its span in the (width-folded) sentence, no text yet. */
export type DraftFigure = Omit<ExtractedFigure, 'text' | 'index' | 'period'> & { start: number; end: number };
