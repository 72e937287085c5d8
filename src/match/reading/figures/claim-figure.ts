/**
 * Claim figures as `feeds/claims.yaml` records them (value, unit 'USD/year', 'percent', 'multiplier', …),
 * mapped to the shape extracted figures have, so the two compare directly.
 * @module
 */
import type { Figure } from '../../../model/index.js';
import { extractFigures } from './extract.js';
import { normalizePeriod } from './period.js';
import { normalizeQualifier } from './qualifier.js';
import type { Currency, ExtractedFigure, FigureKind, Per } from './types.js';

/** A claim's structured figure: the stored `Figure` plus the claims file's optional base, scope and kind. */
export interface ClaimFigure extends Figure {
  /** What a share is a share of ("total revenue"). */
  base?: string;
  /** What the figure is counted over ("Azure AI revenue in China"); shown, not compared. */
  scope?: string;
  kind?: FigureKind;
}

/** Either side of a comparison, reduced to what is compared. Kinds we never extract ('rank') stay apart. */
export type ComparableFigure = Omit<ExtractedFigure, 'kind' | 'text' | 'index'> & { kind: FigureKind | 'other'; unit?: string };

const CURRENCIES: readonly Currency[] = ['USD', 'CNY', 'EUR', 'GBP', 'HKD', 'JPY'];
const PERS: readonly Per[] = ['year', 'month', 'quarter', 'day'];

const isCurrency = (unit: string): unit is Currency => (CURRENCIES as readonly string[]).includes(unit);
const isPer = (unit: string): unit is Per => (PERS as readonly string[]).includes(unit);

/** True when a figure comes from the claims file rather than from an article. */
export function isClaimFigure(figure: ExtractedFigure | ClaimFigure): figure is ClaimFigure {
  return 'unit' in figure;
}

/**
 * A claim figure in comparable form. 'USD/year' is money in USD per year; 'percent' with a base is a
 * share. A growth percentage's multiplier is not a field of the claims file, so it is read from the claim's
 * own wording ("grew 400% (five-fold)").
 */
export function comparableClaimFigure(claim: ClaimFigure): ComparableFigure {
  const [unit = '', perRaw] = claim.unit.trim().split('/');
  const upper = unit.toUpperCase() === 'RMB' ? 'CNY' : unit.toUpperCase();
  const qualifier = normalizeQualifier(claim.qualifier);
  const common = {
    value: claim.value,
    ...(claim.valueMax === undefined ? {} : { valueMax: claim.valueMax }),
    ...(qualifier ? { qualifier } : {}),
    ...(claim.period === undefined ? {} : { period: normalizePeriod(claim.period) }),
    ...(claim.base === undefined ? {} : { base: claim.base.trim().toLowerCase() }),
  };
  if (isCurrency(upper)) {
    const per = perRaw?.trim().toLowerCase() ?? '';
    return { kind: 'money', currency: upper, ...(isPer(per) ? { per } : {}), ...common };
  }
  const lowerUnit = unit.toLowerCase();
  const kind: FigureKind | 'other' =
    claim.kind ??
    (lowerUnit === 'percent' || lowerUnit === '%'
      ? claim.base === undefined ? 'percent' : 'share'
      : lowerUnit === 'share'
        ? 'share'
        : lowerUnit === 'multiplier' || lowerUnit === 'x' || lowerUnit === 'factor'
          ? 'multiplier'
          : 'other');
  if (kind === 'percent' && claim.text !== undefined) {
    const stated = extractFigures(claim.text).find((figure) => figure.kind === 'percent' && figure.value === claim.value);
    if (stated?.growthFactor !== undefined) return { kind, growthFactor: stated.growthFactor, ...common };
  }
  return { kind, ...(kind === 'other' ? { unit: lowerUnit } : {}), ...common };
}

/** An extracted figure in comparable form. */
export function comparableExtractedFigure(figure: ExtractedFigure): ComparableFigure {
  const { text, index, ...rest } = figure;
  void text;
  void index;
  return rest;
}
