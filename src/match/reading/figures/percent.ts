/**
 * Percentages and shares: "400%", "rose by 400 percent", "1.5 per cent", "20-25%", "百分之四百", "四分之一",
 * "1.5% of total revenue", "占微软总收入的1.5%". A percentage with a base is a share; one with a growth verb
 * carries the multiplier it implies.
 * @module
 */
import { chineseBaseAfter, chineseBaseBefore, englishBaseAfter } from './base.js';
import { CN_AMOUNT, CN_NUMERALS, parseChineseNumber } from './chinese-numbers.js';
import { growthAfter, growthBefore, growthFactorOf, type Direction } from './growth.js';
import { NUM, parseNumber } from './numbers.js';
import { qualifierAfter, qualifierBefore } from './qualifier.js';
import { isRangeJoin, offsetInMatch } from './text.js';
import type { DraftFigure, Qualifier } from './types.js';

const SIGN = String.raw`(?:%|percent|per\s?cent|pct)(?![A-Za-z])`;
const PERCENT = new RegExp(
  String.raw`(?<![A-Za-z0-9_.\-])(?<n1>${NUM})(?:\s*(?:${SIGN})?\s*(?<sep>-|–|—|~|to|and)\s*(?<n2>${NUM}))?\s*(?<sign>${SIGN})`,
  'gi',
);
const SINGLE = new RegExp(String.raw`${NUM}\s*${SIGN}`, 'iy');
const CN_PERCENT = new RegExp(String.raw`百分之(?<n1>${CN_AMOUNT})`, 'g');
// "四分之一" is a quarter; the denominator comes first in Chinese.
const CN_FRACTION = new RegExp(String.raw`(?<den>\d+|[${CN_NUMERALS}]+)分之(?<num>\d+(?:\.\d+)?|[${CN_NUMERALS}]+)`, 'g');

interface Core {
  value: number;
  valueMax?: number;
  start: number;
  end: number;
}

/** Every percentage and share in a (width-folded) sentence. */
export function extractPercents(text: string): DraftFigure[] {
  const figures: DraftFigure[] = [];
  if (text.includes('%') || /per\s?cent|pct/i.test(text)) {
    for (const core of englishCores(text)) figures.push(dress(text, core));
  }
  if (text.includes('分之')) {
    for (const core of chineseCores(text)) figures.push(dress(text, core));
  }
  return figures;
}

function englishCores(text: string): Core[] {
  const cores: Core[] = [];
  PERCENT.lastIndex = 0;
  for (let match = PERCENT.exec(text); match; match = PERCENT.exec(text)) {
    const value = parseNumber(match.groups?.n1 ?? '');
    const n2 = match.groups?.n2;
    const max = n2 === undefined ? undefined : parseNumber(n2);
    const isRange = max !== undefined && max > value && isRangeJoin(text, match.index, match.groups?.sep);
    if (max !== undefined && !isRange) {
      // "from 20% to 25%" is a change, not a range: keep each percentage that has its own sign.
      SINGLE.lastIndex = match.index;
      const single = SINGLE.exec(text);
      if (single) cores.push({ value, start: match.index, end: match.index + single[0].length });
      PERCENT.lastIndex = offsetInMatch(match, n2 ?? '');
      continue;
    }
    cores.push({ value, ...(isRange ? { valueMax: max } : {}), start: match.index, end: match.index + match[0].length });
  }
  return cores;
}

function chineseCores(text: string): Core[] {
  const cores: Core[] = [];
  CN_PERCENT.lastIndex = 0;
  for (let match = CN_PERCENT.exec(text); match; match = CN_PERCENT.exec(text)) {
    const amount = parseChineseNumber(match.groups?.n1 ?? '');
    if (amount) cores.push({ value: amount.value, start: match.index, end: match.index + match[0].length });
  }
  CN_FRACTION.lastIndex = 0;
  for (let match = CN_FRACTION.exec(text); match; match = CN_FRACTION.exec(text)) {
    if (match.groups?.den === '百') continue; // 百分之 is read above
    const den = parseChineseNumber(match.groups?.den ?? '')?.value ?? 0;
    const num = parseChineseNumber(match.groups?.num ?? '')?.value ?? 0;
    if (den > 0 && num > 0 && num < den) {
      cores.push({ value: Number(((num / den) * 100).toPrecision(6)), start: match.index, end: match.index + match[0].length });
    }
  }
  return cores;
}

/** Adds the hedge, growth verb and base around a bare percentage. */
function dress(text: string, core: Core): DraftFigure {
  let { start, end } = core;
  let qualifier: Qualifier | undefined;
  const hedge = qualifierBefore(text, start);
  if (hedge) ({ qualifier, start } = hedge);

  const base = englishBaseAfter(text, end) ?? chineseBaseAfter(text, end);
  const cnBase = base ? undefined : chineseBaseBefore(text, start);
  let direction: Direction | undefined;
  if (!base && !cnBase) {
    const verb = growthBefore(text, start);
    const noun = verb ? undefined : growthAfter(text, end);
    if (verb) ({ direction, start } = verb);
    if (noun) ({ direction, end } = noun);
  }
  const after = qualifierAfter(text, base?.end ?? end);
  if (after && !qualifier) qualifier = after.qualifier;
  if (base) end = base.end;
  if (cnBase) {
    start = cnBase.start;
    // "约占微软总收入的1.5%": the hedge sits before 占, not before the number.
    const outer = qualifier ? undefined : qualifierBefore(text, start);
    if (outer) ({ qualifier, start } = outer);
  }
  if (after) end = Math.max(end, after.end);

  const shareBase = base?.base ?? cnBase?.base;
  return {
    kind: shareBase === undefined ? 'percent' : 'share',
    value: core.value,
    ...(core.valueMax === undefined ? {} : { valueMax: core.valueMax }),
    ...(direction === undefined ? {} : { growthFactor: growthFactorOf(core.value, direction) }),
    ...(qualifier === undefined ? {} : { qualifier }),
    ...(shareBase === undefined ? {} : { base: shareBase }),
    start,
    end,
  };
}
