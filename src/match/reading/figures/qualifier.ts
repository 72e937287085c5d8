/**
 * Hedges around a figure ("more than", "nearly", 约, 左右), normalized to six values.
 * @module
 */
import type { Qualifier } from './types.js';
import { before } from './text.js';

// A Map, not an object: claim files may hold any word, and "constructor" must not find Object's.
const CANONICAL: ReadonlyMap<string, Qualifier> = new Map(Object.entries({
  'more than': 'more than', over: 'more than', above: 'more than', 'in excess of': 'more than', 'in extra of': 'more than',
  'upwards of': 'more than', 'north of': 'more than', 'just over': 'more than', 'well over': 'more than',
  'or more': 'at least', '-plus': 'more than',
  // "on track to top $1 billion": a figure a verb says will be passed is a floor.
  top: 'more than', tops: 'more than', topped: 'more than', topping: 'more than',
  exceed: 'more than', exceeds: 'more than', exceeded: 'more than', exceeding: 'more than',
  surpass: 'more than', surpasses: 'more than', surpassed: 'more than', surpassing: 'more than',
  nearly: 'nearly', almost: 'nearly', 'close to': 'nearly', 'just under': 'nearly', 'just shy of': 'nearly',
  // Spun copies swap "nearly" for its synonyms.
  practically: 'nearly', virtually: 'nearly', 'all but': 'nearly', 'well-nigh': 'nearly',
  about: 'about', around: 'about', roughly: 'about', approximately: 'about', 'approx.': 'about', some: 'about',
  'an estimated': 'about', estimated: 'about', '~': 'about', 'or so': 'about',
  'at least': 'at least', 'no less than': 'at least',
  'up to': 'up to', 'as much as': 'up to', 'or less': 'up to',
  'less than': 'less than', under: 'less than', below: 'less than', 'fewer than': 'less than',
  超过: 'more than', 超過: 'more than', 超: 'more than', 逾: 'more than', 多于: 'more than', 多於: 'more than',
  高于: 'more than', 大于: 'more than', 以上: 'more than', 多: 'more than', 余: 'more than', 餘: 'more than',
  近: 'nearly', 将近: 'nearly', 將近: 'nearly', 接近: 'nearly', 几近: 'nearly', 幾近: 'nearly',
  约: 'about', 約: 'about', 大约: 'about', 大約: 'about', 大概: 'about', 约为: 'about', 左右: 'about', 上下: 'about',
  至少: 'at least', 不少于: 'at least', 不低于: 'at least',
  最多: 'up to', 最高: 'up to', 以下: 'up to', 以内: 'up to',
  不到: 'less than', 不足: 'less than', 少于: 'less than', 低于: 'less than',
} satisfies Record<string, Qualifier>));

/** Canonical qualifier of a hedge word in either language ("roughly" → 'about', 将近 → 'nearly'). */
export function normalizeQualifier(raw: string | undefined): Qualifier | undefined {
  if (raw === undefined) return undefined;
  return CANONICAL.get(raw) ?? CANONICAL.get(raw.trim().toLowerCase().replace(/\s+/g, ' '));
}

// The leftmost hedge that reaches the figure wins, so "just over" beats "over" and 将近 beats 近. An English
// hedge may carry "an estimated" before the number ("more than an estimated $1bn"); a Chinese one 了/为/达.
const EN = [
  'more than', 'in excess of', 'in extra of', 'upwards of', 'north of', 'just over', 'well over', 'over', 'above',
  'nearly', 'almost', 'practically', 'virtually', 'all but', 'well-nigh', 'close to', 'just under', 'just shy of', 'approximately', 'approx\\.', 'roughly', 'around',
  'about', 'an estimated', 'estimated', 'some', 'at least', 'no less than', 'up to', 'as much as',
  'less than', 'fewer than', 'under', 'below',
  // "top" only as a verb after "to" ("to top $1bn"): "the top 1%" is a rank, not a floor.
  '(?<=\\bto\\s)top', 'tops', 'topped', 'topping', 'exceed(?:s|ed|ing)?', 'surpass(?:es|ed|ing)?',
].join('|');
const CN = [
  '超过', '超過', '逾', '多于', '多於', '高于', '大于', '将近', '將近', '接近', '几近', '幾近', '(?<![最附])近',
  '大约', '大約', '大概', '约为', '(?<![纽紐合契条預预签節节制])[约約]', '至少', '不少于', '不低于', '最多', '最高',
  '不到', '不足', '少于', '低于', '(?<![不])超',
].join('|');
const BEFORE = new RegExp(
  String.raw`(?:(?<![A-Za-z])(?<en>${EN})\s*(?:an?\s+)?(?:estimated\s+)?|(?<tilde>~)\s*|(?<cn>${CN})(?:了|为|為|达|達|达到|達到)?)$`,
  'i',
);
const AFTER = /^(?:\s*(?<en>or more|or so|or less|-plus)(?![A-Za-z])|(?<cn>左右|上下|以上|以下|以内|多|余|餘))/i;

// "shot up to $5bn" is a level reached, not a cap.
const MOTION_BEFORE_UP = /(?:went|go|goes|going|gone|shot|climbed|jumped|rose|risen|moved|ramped|scaled|stepped|add|adds|added|sum|sums|summed|adding)\s+$/i;

/** A hedge right before `start`, and where it begins. */
export function qualifierBefore(text: string, start: number): { qualifier: Qualifier; start: number } | undefined {
  const window = before(text, start, 24);
  const match = BEFORE.exec(window);
  const word = match?.groups?.en ?? match?.groups?.tilde ?? match?.groups?.cn;
  if (!match || word === undefined) return undefined;
  const from = start - window.length + match.index;
  if (word.toLowerCase() === 'up to' && MOTION_BEFORE_UP.test(before(text, from, 16))) return undefined;
  const qualifier = normalizeQualifier(word);
  return qualifier ? { qualifier, start: from } : undefined;
}

/** A hedge right after `end` ("or more", 左右, 以上), and where it ends. */
export function qualifierAfter(text: string, end: number): { qualifier: Qualifier; end: number } | undefined {
  const match = AFTER.exec(text.slice(end, end + 12));
  const word = match?.groups?.en ?? match?.groups?.cn;
  if (!match || word === undefined) return undefined;
  const qualifier = normalizeQualifier(word);
  return qualifier ? { qualifier, end: end + match[0].length } : undefined;
}
