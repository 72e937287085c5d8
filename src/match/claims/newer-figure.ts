/**
 * Whether an article updates a claim's figure: the same measure given for a later period, or revised in its own
 * ("raised its 2026 plan to…", "上调至"), near the sentence that bears on the claim.
 * @module
 */
import type { Sentence } from '../reading/sentences.js';
import { baseKey, type ExtractedFigure } from '../reading/figures/index.js';
import { periodYear } from '../reading/figures/period.js';
import type { CompiledClaim } from './claim-compiler.js';
import { sameValue } from './figure-evidence.js';

/** A figure revised in its own period: "raised its 2026 plan to", "cut the estimate to", "上调至". */
const REVISION =
  /\b(?:rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|revis(?:e|es|ed|ing)|cut(?:s|ting)?|lower(?:s|ed|ing)?|trimm?(?:s|ed|ing)?|reduc(?:e|es|ed|ing))\b[^.;]{0,80}?\bto\b|上调|上調|调高|調高|调升|調升|提高至|提高到|下调|下調|调低|調低|上修|下修/i;

/** Sentences either side of the best one where a newer figure counts as the claim's update. */
const NEWER_FIGURE_WINDOW = 3;

/**
 * True when a sentence near the best one gives the claim's figure for a later period with another value
 * ("less than 1.2% of revenue in fiscal 2025" against "about 1.5% in 2024"), or for the same period revised
 * ("raised its 2026 plan to CNY 600 billion"), unless another tracked claim states that figure: the article
 * updates the claim.
 */
export function statesNewerFigure(
  claim: CompiledClaim,
  claims: readonly CompiledClaim[],
  best: number,
  sentences: readonly Sentence[],
  figuresBySentence: readonly (readonly ExtractedFigure[])[],
): boolean {
  const prepared = claim.preparedFigure;
  const claimYear = prepared && 'period' in prepared && prepared.period ? periodYear(prepared.period) : undefined;
  if (claimYear === undefined || prepared === null) return false;
  const claimBase = 'base' in prepared && prepared.base ? baseKey(prepared.base) : undefined;
  for (let i = Math.max(0, best - NEWER_FIGURE_WINDOW); i <= best + NEWER_FIGURE_WINDOW && i < figuresBySentence.length; i++) {
    for (const figure of figuresBySentence[i] ?? []) {
      const year = figure.period ? periodYear(figure.period) : undefined;
      // The same measure: a share may be written as a bare percentage ("不足1%"), never as a growth rate.
      const sameKind = figure.kind === prepared.kind || (prepared.kind === 'share' && figure.kind === 'percent' && figure.growthFactor === undefined);
      // A later period, or the same one revised ("raised its 2026 plan to…", "上调至").
      const newer = year !== undefined && (year > claimYear || (year === claimYear && REVISION.test(sentences[i]!.text)));
      if (!newer || !sameKind || sameValue(prepared, figure)) continue;
      // A share of something else ("12% of cloud revenue") is another measure.
      if (claimBase !== undefined && figure.base !== undefined && baseKey(figure.base) !== claimBase) continue;
      // Another tracked claim's own figure ("nearly tripled in fiscal 2025" beside "grew 400% in fiscal 2024") is that claim's.
      const undated = { ...figure, period: undefined };
      if (claims.some((other) => other !== claim && !other.rank && other.preparedFigure !== null && other.figureKinds.has(figure.kind) && sameValue(other.preparedFigure, undated))) continue;
      return true;
    }
  }
  return false;
}
