/**
 * A claim's figure against a sentence's: how well they match (0–1) and how they differ, for scoring and
 * for the "why" of a match. For a rank claim ("ByteDance is Microsoft's largest AI customer") the figure
 * is the superlative itself, and a superlative of another scope ("largest Chinese customer") is a near
 * match worth flagging as drift.
 * @module
 */
import { comparableClaimFigure } from '../reading/figures/claim-figure.js';
import { compareFigures, type ClaimFigure, type ExtractedFigure, type FigureKind } from '../reading/figures/index.js';
import type { ScopePhrase } from '../reading/scope.js';

/** The best figure of a sentence for a claim. */
export interface FigureEvidence {
  figure: ExtractedFigure | null;
  /** How it compares ("same", "different-value", "same scope", …), or null without a figure. */
  comparison: string | null;
  score: number;
}

const NONE: FigureEvidence = { figure: null, comparison: null, score: 0 };

/** Score of a comparison: the same value counts fully, a drifted one still points at the claim. */
const COMPARISON_SCORE: Readonly<Record<string, number>> = {
  same: 1,
  'same-value-different-qualifier': 1,
  'different-base': 0.85,
  'same-value-different-period': 0.85,
  'different-value': 0.6,
  'different-currency': 0.6,
};

/**
 * The kinds of extracted figure that can compare to a claim figure of this unit: money only with money, a
 * growth percentage also with a multiplier ("grew 400%" against "quadrupled"). Checked before comparing,
 * since most figures of an article are of another kind and a comparison is not free.
 */
export function comparableKinds(claimFigure: ClaimFigure): ReadonlySet<FigureKind> {
  const unit = (claimFigure.unit.split('/')[0] ?? '').trim().toLowerCase();
  if (unit === 'percent' || unit === '%' || unit === 'share') return new Set<FigureKind>(['percent', 'share', 'multiplier']);
  if (unit === 'multiplier' || unit === 'x' || unit === 'factor') return new Set<FigureKind>(['multiplier', 'percent']);
  if (/^[a-z]{3}$/.test(unit)) return new Set<FigureKind>(['money']);
  return new Set<FigureKind>();
}

/**
 * A claim figure made ready for many comparisons: its comparable form, computed once and shaped as an
 * extracted figure, compares exactly as the claim figure does. (Turning a claim figure into that form
 * re-reads its wording, which would otherwise happen for every figure of every article.) Figures with no
 * extracted counterpart (a rank) stay as they are.
 */
export function prepareClaimFigure(claimFigure: ClaimFigure): ClaimFigure | ExtractedFigure {
  const comparable = comparableClaimFigure(claimFigure);
  if (comparable.kind === 'other' || comparable.unit !== undefined) return claimFigure;
  const { kind, unit: _unit, ...rest } = comparable;
  return { kind, ...rest, text: claimFigure.text ?? '', index: 0 };
}

/**
 * The sentence figure that best matches the claim's figure (`kinds`: from `comparableKinds`). A figure
 * that only drifts from this claim's but is exactly another claim's (`ownedElsewhere`) is left to that
 * claim: in "revenue nearly tripled, and quadrupled the year before", "nearly tripled" is not a drifted
 * "grew 400%".
 */
export function bestFigure(
  claimFigure: ClaimFigure | ExtractedFigure | null,
  figures: readonly ExtractedFigure[],
  options: {
    kinds?: ReadonlySet<FigureKind>;
    ownedElsewhere?: (figure: ExtractedFigure) => boolean;
    /** True when one of the claim's own terms covers the figure ("翻了两番"): it wins a tie. */
    pointedAt?: (figure: ExtractedFigure) => boolean;
  } = {},
): FigureEvidence {
  if (!claimFigure || figures.length === 0) return NONE;
  let best = NONE;
  let bestPointed = false;
  for (const figure of figures) {
    if (options.kinds && !options.kinds.has(figure.kind)) continue;
    const comparison = compareFigures(claimFigure, figure);
    const score = COMPARISON_SCORE[comparison] ?? 0;
    if (score === 0 || score < best.score) continue;
    const pointed = options.pointedAt?.(figure) ?? false;
    if (score === best.score && (bestPointed || !pointed)) continue;
    if (score < 1 && options.ownedElsewhere?.(figure)) continue;
    best = { figure, comparison, score };
    bestPointed = pointed;
  }
  return best;
}

/** True when two figures state the same value (perhaps hedged differently). */
export function sameValue(claimFigure: ClaimFigure | ExtractedFigure, figure: ExtractedFigure): boolean {
  return COMPARISON_SCORE[compareFigures(claimFigure, figure)] === 1;
}

/** A rank claim's "figure": a superlative in the sentence, of the declared scope or another. */
export function rankFigure(declared: ScopePhrase | null, superlatives: readonly ScopePhrase[]): FigureEvidence {
  if (superlatives.length === 0) return NONE;
  const same = declared === null || superlatives.some((scope) => scope.value === declared.value);
  return same ? { figure: null, comparison: 'same scope', score: 1 } : { figure: null, comparison: 'different scope', score: 0.85 };
}
