/**
 * Figure extraction and comparison: money, percentages, shares and multipliers in English and Chinese
 * sentences, normalized so a claim's figure and an article's can be compared and their drift named.
 * Pure: no I/O, no state.
 * @module
 */
export { extractFigures } from './extract.js';
export { compareFigures, baseKey } from './compare.js';
export type { ClaimFigure } from './claim-figure.js';
export { parseChineseNumber } from './chinese-numbers.js';
export { normalizePeriod } from './period.js';
export { normalizeQualifier } from './qualifier.js';
export type { Currency, ExtractedFigure, FigureComparison, FigureKind, Per, Qualifier } from './types.js';
