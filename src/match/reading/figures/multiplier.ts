/**
 * Multipliers: "doubled", "nearly tripled", "five-fold", "5x", "five times as much", "by a factor of three",
 * "翻了一番", "翻了两番", "增长两倍", "增长到三倍", "是原来的三倍", "近三倍".
 * @module
 */
import { growthBefore } from './growth.js';
import { ANY_NUM, NUM, parseNumber } from './numbers.js';
import { parseChineseNumber } from './chinese-numbers.js';
import { qualifierAfter, qualifierBefore } from './qualifier.js';
import { before } from './text.js';
import type { DraftFigure, Qualifier } from './types.js';

const VERB_FACTORS: Readonly<Record<string, number>> = { doubl: 2, tripl: 3, trebl: 3, quadrupl: 4, quintupl: 5, sextupl: 6 };

const VERB = /(?<![A-Za-z])(?<stem>doubl|tripl|trebl|quadrupl|quintupl|sextupl)(?<suffix>ed|es|ing|e)(?![A-Za-z])/gi;
// "double-digit", "doubled down", "triple play": the word, not a change in size.
const NOT_A_CHANGE = /^[\s-]+(?:digits?|down|dip|check(?:ed|ing)?|counting|edged|standard|whammy|agents?|crown|play|threat|bogey|header|click)(?![A-Za-z])/i;
// The bare "double"/"triple" is a verb only after a modal or "to" ("could double", "expected to triple").
const MODAL_BEFORE = /(?<![A-Za-z])(?:to|will|would|could|can|may|might|should|shall|must|set to)\s+$/i;
const FOLD = new RegExp(String.raw`(?<![A-Za-z0-9_.\-])(?<n>${ANY_NUM})[\s-]?fold(?![A-Za-z])`, 'gi');
const TIMES_X = new RegExp(String.raw`(?<![A-Za-z0-9_.\-])(?<n>${NUM})(?:[x×]|\s×)(?![A-Za-z0-9])`, 'gi');
const TIMES = new RegExp(String.raw`(?<![A-Za-z0-9_.\-])(?<n>${ANY_NUM})\s+times(?![A-Za-z])`, 'gi');
// "three times" is a multiplier only as a comparison or a change ("three times as much", "grew three
// times"); otherwise it is a count ("met three times").
const TIMES_COMPARISON = /^\s+(?:as|more|larger|bigger|higher|greater|faster|the|its|their|that|what|over|year|from|since)(?![A-Za-z])/i;
const TIMES_CHANGE = /(?<![A-Za-z])(?:is|was|are|were|be|been|being|multiplied|grew|grown|rose|risen|increased|jumped|surged|expanded|climbed)\s+(?:by\s+)?$/i;
const FACTOR = new RegExp(String.raw`(?<![A-Za-z])by\s+a\s+factor\s+of\s+(?<n>${ANY_NUM})(?![A-Za-z0-9])`, 'gi');

const CN_FAN = /翻(?:了)?(?<n>[一二两兩三四1-4])?番/g;
const CN_FANBEI = /翻(?:了)?(?:(?<n>[一二两兩三四五六七八九十]|\d+(?:\.\d+)?))?倍/g;
const CN_BEI = /(?:(?<![\d.A-Za-z])(?<d>\d+(?:\.\d+)?)|(?<c>[一二两兩三四五六七八九十百]+))(?<more>多)?倍/g;
// A growth verb before 倍. Without 到/至/为 ("increase to") it states the increase, not the result.
const CN_GROWTH_VERB = /(?:增长|增長|增加|提高|提升|上升|上涨|上漲|扩大|擴大|增)(?:了)?(?<to>到|至|为|為|成|达到|達到|达|達)?(?:了)?$/;
const NEARLY_WORDS = new Set(['近', '将近', '將近', '接近', '几近', '幾近']);

interface Core {
  value: number;
  start: number;
  end: number;
  qualifier?: Qualifier;
  /** Set when the core already includes its hedge, so no other is looked for. */
  hedged?: boolean;
  /** Set for numeric forms, which may follow a growth verb ("grew threefold"); "doubled" is its own verb. */
  takesVerb?: boolean;
}

/** Every multiplier in a (width-folded) sentence. */
export function extractMultipliers(text: string): DraftFigure[] {
  const cores = [...englishCores(text), ...chineseCores(text)];
  return cores.map((core) => dress(text, core));
}

// Cheap tests that spare a sentence the patterns it cannot match.
const HAS_VERB = /doubl|tripl|trebl|quadrupl|quintupl|sextupl/i;
const NUMERIC_FORMS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/fold/i, FOLD],
  [/\d\s?×|\dx/i, TIMES_X],
  [/times/i, TIMES],
  [/factor/i, FACTOR],
];

function englishCores(text: string): Core[] {
  const cores: Core[] = [];
  for (const match of HAS_VERB.test(text) ? text.matchAll(VERB) : []) {
    const stem = (match.groups?.stem ?? '').toLowerCase();
    const end = match.index + match[0].length;
    if (NOT_A_CHANGE.test(text.slice(end, end + 16))) continue;
    if (match.groups?.suffix?.toLowerCase() === 'e') {
      const hedge = qualifierBefore(text, match.index);
      if (!MODAL_BEFORE.test(before(text, hedge?.start ?? match.index, 12))) continue;
    }
    cores.push({ value: VERB_FACTORS[stem] ?? 0, start: match.index, end });
  }
  for (const [gate, pattern] of NUMERIC_FORMS) {
    if (!gate.test(text)) continue;
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (pattern === TIMES && !isTimesMultiplier(text, match.index, end)) continue;
      cores.push({ value: parseNumber(match.groups?.n ?? ''), start: match.index, end, takesVerb: true });
    }
  }
  return cores.filter((core) => Number.isFinite(core.value) && core.value > 1);
}

function isTimesMultiplier(text: string, start: number, end: number): boolean {
  if (TIMES_COMPARISON.test(text.slice(end, end + 12))) return true;
  const hedge = qualifierBefore(text, start);
  return TIMES_CHANGE.test(before(text, hedge?.start ?? start, 24));
}

function chineseCores(text: string): Core[] {
  if (!text.includes('番') && !text.includes('倍')) return [];
  const cores: Core[] = [];
  // 翻一番 is one doubling, 翻两番 two: ×2 and ×4.
  for (const match of text.matchAll(CN_FAN)) {
    const times = parseChineseNumber(match.groups?.n ?? '一')?.value ?? 1;
    cores.push({ value: 2 ** times, start: match.index, end: match.index + match[0].length });
  }
  // 翻倍 and 翻了一倍 mean doubled. "翻了三倍" is loose usage, read as ×3 (what writers mean by it).
  for (const match of text.matchAll(CN_FANBEI)) {
    const n = parseChineseNumber(match.groups?.n ?? '一')?.value ?? 1;
    cores.push({ value: n <= 1 ? 2 : n, start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(CN_BEI)) {
    if (match.index > 0 && text[match.index - 1] === '翻') continue;
    const raw = match.groups?.d ?? match.groups?.c ?? '';
    const n = parseChineseNumber(raw)?.value;
    if (n === undefined) continue;
    cores.push(chineseTimes(text, n, match.index, match.index + match[0].length, match.groups?.more !== undefined));
  }
  return cores.filter((core) => core.value > 1);
}

/**
 * Reads "N倍" with what precedes it. By convention 增长N倍 states the increase, so the result is ×(N+1)
 * (增长两倍 = tripled), while 增长到/增至N倍 and 是原来的N倍 state the result, ×N.
 *
 * Ambiguity: "增长近三倍" is by that convention "grew nearly 300%" (×~4), but it is also how the Chinese
 * press renders "nearly tripled", and in this story it is always that. We read a 近/将近/接近 hedge after a
 * growth verb as ×N (value 3, 'nearly'); other hedges ("增长超过两倍") keep the convention (×3, 'more than').
 */
function chineseTimes(text: string, n: number, start: number, end: number, more: boolean): Core {
  const hedge = qualifierBefore(text, start);
  const hedgeWord = hedge ? text.slice(hedge.start, start).replace(/[了为為达達到]+$/, '') : '';
  const verb = CN_GROWTH_VERB.exec(before(text, hedge?.start ?? start, 8));
  const states = verb !== null && verb.groups?.to === undefined;
  const value = states && !NEARLY_WORDS.has(hedgeWord) ? n + 1 : n;
  const from = verb ? (hedge?.start ?? start) - verb[0].length : (hedge?.start ?? start);
  const qualifier: Qualifier | undefined = hedge?.qualifier ?? (more ? 'more than' : undefined);
  return { value, start: from, end, ...(qualifier ? { qualifier } : {}), hedged: true };
}

/** Adds the hedge and a leading growth verb ("grew threefold") around a bare multiplier. */
function dress(text: string, core: Core): DraftFigure {
  let { start, end, qualifier } = core;
  if (!core.hedged) {
    const hedge = qualifierBefore(text, start);
    if (hedge) ({ qualifier, start } = hedge);
    const verb = core.takesVerb ? growthBefore(text, start) : undefined;
    if (verb?.direction === 1) {
      start = verb.start;
      // "nearly multiplied threefold": the hedge before the verb.
      const outer = hedge ? undefined : qualifierBefore(text, start);
      if (outer) ({ qualifier, start } = outer);
    }
  }
  const after = qualifierAfter(text, end);
  if (after) {
    qualifier ??= after.qualifier;
    end = after.end;
  }
  return { kind: 'multiplier', value: core.value, ...(qualifier ? { qualifier } : {}), start, end };
}
