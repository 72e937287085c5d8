/**
 * Amounts of money: "$1bn", "US$20–22 billion", "CNY 400–500 billion", "400 billion to 500 billion yuan",
 * "10亿美元", "4000亿至5000亿元人民币", "两千万美元". A number is money only with a currency, so years,
 * dates and model names ("GPT-4", "H20") never are.
 * @module
 */
import { CN_AMOUNT, isSubstantialChineseAmount, parseChineseNumber } from './chinese-numbers.js';
import { ANY_NUM, NUM, SCALE, isYearLike, scaleOf, scaledNumber } from './numbers.js';
import { perNearby, perRightAfter, perRightBefore } from './per.js';
import { qualifierAfter, qualifierBefore } from './qualifier.js';
import { isRangeJoin, offsetInMatch } from './text.js';
import type { Currency, DraftFigure, Qualifier } from './types.js';

const SYMBOL = String.raw`(?:US\s?\$|U\.S\.\s?\$|HK\$|\$|USD|CNY|RMB|HKD|EUR|GBP|JPY|€|£|¥|￥)`;
const WORD = String.raw`(?:(?:US|U\.S\.|American|Hong\s+Kong|HK)\s+)?dollars?|yuan|renminbi|RMB|CNY|USD|HKD|EUR|GBP|JPY|euros?|pounds(?:\s+sterling)?|yen`;
const SEP = String.raw`\s*(?<sep>-|–|—|~|to|and)\s*`;

// "$20-22 billion", "$20 billion to $22 billion", "RMB 400bn".
const PREFIXED = new RegExp(
  String.raw`(?<![A-Za-z])(?<cur>${SYMBOL})\s?(?<n1>${NUM})(?:\s?(?<s1>${SCALE}))?(?:${SEP}(?:${SYMBOL}\s?)?(?<n2>${NUM})(?:\s?(?<s2>${SCALE}))?)?(?:\s(?<tail>(?:US\s)?dollars|yuan))?`,
  'gi',
);
// "400 billion to 500 billion yuan", "one billion dollars".
const SUFFIXED = new RegExp(
  String.raw`(?<![A-Za-z0-9_.\-$€£¥])(?<n1>${ANY_NUM})(?:\s?(?<s1>${SCALE}))?(?:${SEP}(?<n2>${NUM})(?:\s?(?<s2>${SCALE}))?)?\s?(?<cur>${WORD})(?![A-Za-z])`,
  'gi',
);
const CN_CURRENCY = '元人民币|元人民幣|人民币|人民幣|美元|美金|港元|港币|港幣|欧元|歐元|英镑|英鎊|日元|元';
// "4000亿至5000亿元", "10亿美元", "人民币4000亿元".
const CHINESE = new RegExp(
  String.raw`(?<pre>人民币|人民幣)?(?<n1>${CN_AMOUNT})(?:(?:${CN_CURRENCY})?\s*(?<sep>至|到|-|–|—|~)\s*(?<n2>${CN_AMOUNT}))?(?<cur>${CN_CURRENCY})`,
  'g',
);
const CN_CURRENCY_AT = new RegExp(`^(?:${CN_CURRENCY})`);
// "人民币4000亿" with no currency after the number.
const CHINESE_PREFIXED = new RegExp(String.raw`(?<cur>人民币|人民幣|美元)(?<n1>${CN_AMOUNT})(?![\d.十百千万萬亿億多余]|${CN_CURRENCY})`, 'g');

// Cheap tests that spare a sentence the patterns it cannot match.
const HAS_SYMBOL = /[$€£¥￥]|USD|CNY|RMB|HKD|EUR|GBP|JPY/i;
const HAS_WORD = /dollar|yuan|renminbi|RMB|CNY|USD|HKD|EUR|GBP|JPY|euro|pound|yen/i;
const HAS_CN_CURRENCY = /[元币幣金镑鎊]/;

// Order matters: 港元, 欧元 and 日元 all contain 元, and "US$" contains "$".
const CURRENCIES: ReadonlyArray<readonly [RegExp, Currency]> = [
  [/HK|Hong|港/i, 'HKD'],
  [/EUR|€|歐|欧/i, 'EUR'],
  [/GBP|£|pound|英/i, 'GBP'],
  [/JPY|yen|日元/i, 'JPY'],
  [/美元|美金/, 'USD'],
  [/CNY|RMB|yuan|renminbi|人民|元|¥|￥/i, 'CNY'],
  [/US|\$|dollar/i, 'USD'],
];

/** Currency named by a symbol or word; "$" and "dollars" alone are read as US dollars, ¥ as yuan. */
function currencyOf(raw: string): Currency | undefined {
  return CURRENCIES.find(([pattern]) => pattern.test(raw))?.[1];
}

interface Core {
  value: number;
  valueMax?: number;
  currency: Currency;
  qualifier?: Qualifier;
  start: number;
  end: number;
}

/** Every amount of money in a (width-folded) sentence. */
export function extractMoney(text: string): DraftFigure[] {
  const cores = [
    ...(HAS_SYMBOL.test(text) ? englishCores(text, PREFIXED) : []),
    ...(HAS_WORD.test(text) ? englishCores(text, SUFFIXED) : []),
    ...(HAS_CN_CURRENCY.test(text) ? [...chineseCores(text, CHINESE), ...chineseCores(text, CHINESE_PREFIXED)] : []),
  ];
  return cores.map((core) => dress(text, core));
}

function englishCores(text: string, pattern: RegExp): Core[] {
  const cores: Core[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const groups = match.groups ?? {};
    const n1 = groups.n1 ?? '';
    const currency = currencyOf(`${groups.cur ?? ''} ${groups.tail ?? ''}`);
    const hasScale = groups.s1 !== undefined || groups.s2 !== undefined;
    // "in 2025 dollars" is a price level, not an amount; a number word needs a scale ("one billion").
    const bare = pattern === SUFFIXED && !hasScale && (isYearLike(n1) || Number.isNaN(Number(n1.replace(/,/g, ''))));
    if (!currency || bare) continue;
    // "$20-22 billion": the first number borrows the second's scale.
    const value = scaledNumber(n1, scaleOf(groups.s1 ?? groups.s2));
    const max = groups.n2 === undefined ? undefined : scaledNumber(groups.n2, scaleOf(groups.s2));
    const start = match.index;
    if (max !== undefined && !(max > value && isRangeJoin(text, start, groups.sep))) {
      // Not a range ("$1 billion and $2 billion", "from $1bn to $2bn"): keep the first amount alone when it
      // carries its own currency, and read the second on the next pass.
      if (pattern === PREFIXED) {
        const n1End = offsetInMatch(match, n1, 0) + n1.length;
        const firstEnd = groups.s1 === undefined ? n1End : offsetInMatch(match, groups.s1, n1End - start) + groups.s1.length;
        cores.push({ value: scaledNumber(n1, scaleOf(groups.s1)), currency, start, end: firstEnd });
        pattern.lastIndex = firstEnd;
      } else {
        pattern.lastIndex = offsetInMatch(match, groups.n2 ?? '');
      }
      continue;
    }
    cores.push({ value, ...(max === undefined ? {} : { valueMax: max }), currency, start, end: start + match[0].length });
  }
  return cores;
}

function chineseCores(text: string, pattern: RegExp): Core[] {
  const cores: Core[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const groups = match.groups ?? {};
    const n1 = groups.n1 ?? '';
    const first = parseChineseNumber(n1);
    const currency = currencyOf(`${groups.pre ?? ''}${groups.cur ?? ''}`);
    // A lone numeral before 元 is usually a word (一元化, 二元), not an amount.
    if (!first || !currency || !isSubstantialChineseAmount(n1)) continue;
    const second = groups.n2 === undefined ? undefined : parseChineseNumber(groups.n2);
    const start = match.index;
    if (second && !(second.value > first.value && isRangeJoin(text, start, groups.sep))) {
      // "从10亿美元至20亿美元" is a change: keep the first amount when it names its own currency.
      const n1End = offsetInMatch(match, n1, 0) + n1.length;
      const ownCurrency = CN_CURRENCY_AT.exec(text.slice(n1End, n1End + 4))?.[0];
      const own = ownCurrency === undefined ? undefined : currencyOf(ownCurrency);
      if (own) cores.push({ value: first.value, currency: own, start, end: n1End + (ownCurrency?.length ?? 0) });
      pattern.lastIndex = offsetInMatch(match, groups.n2 ?? '');
      continue;
    }
    cores.push({
      value: first.value,
      ...(second ? { valueMax: second.value } : {}),
      currency,
      ...(first.approx ? { qualifier: 'more than' as const } : {}),
      start,
      end: start + match[0].length,
    });
  }
  return cores;
}

/** Adds the hedge and the rate around a bare amount. */
function dress(text: string, core: Core): DraftFigure {
  let { start, end } = core;
  let qualifier = core.qualifier;
  const hedge = qualifierBefore(text, start);
  if (hedge) ({ qualifier, start } = hedge);
  const rateBefore = perRightBefore(text, start);
  if (rateBefore) start = rateBefore.start;
  const rate = perRightAfter(text, end);
  if (rate) end = rate.end;
  const after = qualifierAfter(text, end);
  if (after) {
    qualifier ??= after.qualifier;
    end = after.end;
  }
  const per = rate?.per ?? rateBefore?.per ?? perNearby(text, start, end);
  return {
    kind: 'money',
    value: core.value,
    ...(core.valueMax === undefined ? {} : { valueMax: core.valueMax }),
    currency: core.currency,
    ...(per === undefined ? {} : { per }),
    ...(qualifier === undefined ? {} : { qualifier }),
    start,
    end,
  };
}
