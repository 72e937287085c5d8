/**
 * Compact keys of an article's figures, shared by story grouping: two rewrites of one report state the
 * same distinctive numbers even across languages ("$1 billion" and "10亿美元" are both `money:1e9:USD`).
 * @module
 */
import type { ExtractedFigure } from '../match/reading/figures/index.js';

/** Distinct keys of the figures, e.g. `money:1e9:USD`, `x3`, `share:1.5`. */
export function figureKeys(figures: readonly ExtractedFigure[]): string[] {
  const keys = new Set<string>();
  for (const figure of figures) {
    if (figure.growthFactor !== undefined) keys.add(`x${figure.growthFactor}`);
    else if (figure.kind === 'multiplier') keys.add(`x${figure.value}`);
    else if (figure.kind === 'money') keys.add(`money:${figure.value.toExponential(2)}:${figure.currency ?? ''}`);
    else keys.add(`${figure.kind}:${figure.value}`);
  }
  return [...keys];
}
