/**
 * Growth and decline wording around a percentage: "grew 400%", "a 25% increase", "增长了400%", "fell 25%".
 * A growth percentage implies a multiplier (grew 400% → ×5), which is how it compares with "quadrupled".
 * @module
 */
import { before } from './text.js';

/** +1 for growth, -1 for decline. */
export type Direction = 1 | -1;

const EN_UP = [
  'grew', 'grown', 'grows', 'growing', 'grow', 'rose', 'risen', 'rises', 'rising', 'rise', 'increased', 'increases',
  'increasing', 'increase', 'jumped', 'jumps', 'jump', 'surged', 'surges', 'surge', 'soared', 'soars', 'soar',
  'climbed', 'climbs', 'climb', 'expanded', 'expands', 'gained', 'gains', 'spiked', 'skyrocketed', 'rocketed',
  'ballooned', 'leapt', 'leaped', 'boosted', 'up', 'growth', 'growth rate', 'increase', 'rise', 'jump', 'gain',
  'multiplied', 'multiplies', 'surging', 'soaring', 'jumping', 'climbing', 'expanding', 'gaining', 'spiking',
  'ballooning', 'leaping', 'rocketing', 'skyrocketing', 'swelled', 'swelling', 'swells', 'mushroomed', 'advanced',
].join('|');
const EN_DOWN = [
  'fell', 'fallen', 'falls', 'falling', 'fall', 'dropped', 'drops', 'drop', 'declined', 'declines', 'decline',
  'decreased', 'decreases', 'decrease', 'slid', 'slumped', 'shrank', 'shrunk', 'plunged', 'tumbled', 'down',
].join('|');
const CN_UP = '增长|增長|增加|上升|上涨|上漲|提升|提高|增幅|涨幅|漲幅|激增|飙升|飆升|暴增|大增|猛增|成长|成長|增长率|增長率|增速';
const CN_DOWN = '下降|减少|減少|下滑|下跌|降低|缩减|縮減|跌幅|降幅';

// "rose by", "growth of", "growth rate of"; never "rose to", which names a level, not a change.
const VERB_BEFORE = new RegExp(
  String.raw`(?:(?<![A-Za-z])(?:(?<up>${EN_UP})|(?<down>${EN_DOWN}))(?:\s+(?:by|of|at))?(?:\s+(?:an?|some))?\s+|(?:同比|環比|环比|年均)?(?:(?<cnup>${CN_UP})|(?<cndown>${CN_DOWN}))(?:更|再|亦|也|则|則)?(?:了|为|為|达|達|达到|達到|逾)?\s?)$`,
  'i',
);
const NOUN_AFTER = /^(?:\s+(?:(?<up>increase|rise|growth|jump|surge|gain|climb|expansion|higher)|(?<down>decline|drop|fall|decrease|lower))(?![A-Za-z])|(?<cnup>的增长|的增長|的增幅))/i;

/** A growth or decline verb right before `start`, and where it begins. */
export function growthBefore(text: string, start: number): { direction: Direction; start: number } | undefined {
  const window = before(text, start, 28);
  const match = VERB_BEFORE.exec(window);
  if (!match) return undefined;
  const groups = match.groups ?? {};
  const direction: Direction = groups.down !== undefined || groups.cndown !== undefined ? -1 : 1;
  return { direction, start: start - window.length + match.index };
}

/** A growth noun right after `end` ("400% growth", "a 25% increase"), and where it ends. */
export function growthAfter(text: string, end: number): { direction: Direction; end: number } | undefined {
  const match = NOUN_AFTER.exec(text.slice(end, end + 16));
  if (!match) return undefined;
  const direction: Direction = match.groups?.down !== undefined ? -1 : 1;
  return { direction, end: end + match[0].length };
}

/** Multiplier implied by a change of `percent` in `direction` (grew 400% → 5, fell 25% → 0.75). */
export function growthFactorOf(percent: number, direction: Direction): number {
  return Number((1 + (direction * percent) / 100).toPrecision(12));
}
