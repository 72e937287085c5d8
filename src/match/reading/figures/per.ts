/**
 * Rates: "a year", "per month", "annually", 每月, "/年". A rate right after the amount becomes part of the
 * quoted text; one later in the clause ("$1bn on cloud services a year") or an "annual"/每年 before it only
 * sets `per`.
 * @module
 */
import type { Per } from './types.js';
import { before } from './text.js';

const UNIT: Readonly<Record<string, Per>> = {
  year: 'year', yr: 'year', annum: 'year', annually: 'year', yearly: 'year', annual: 'year', annualized: 'year',
  month: 'month', mo: 'month', monthly: 'month',
  quarter: 'quarter', qtr: 'quarter', quarterly: 'quarter',
  day: 'day', daily: 'day',
  年: 'year', 年均: 'year', 每年: 'year', 月: 'month', 个月: 'month', 個月: 'month', 月均: 'month',
  季: 'quarter', 季度: 'quarter', 天: 'day', 日: 'day',
};

const EN_RATE = String.raw`(?:a|an|per|each|every)\s+(?<unit>year|yr|annum|month|mo|quarter|qtr|day)(?![A-Za-z])|(?<adv>annually|yearly|monthly|quarterly|daily)(?![A-Za-z])`;
const RIGHT_AFTER = new RegExp(
  String.raw`^(?:\s*(?:${EN_RATE})|\s*\/\s*(?<slash>year|yr|month|mo|quarter|day)(?![A-Za-z])|\s?(?:每|\/|一)(?<cn>季度|个月|個月|年|月|季|天|日))`,
  'i',
);
const LATER = new RegExp(String.raw`(?<![A-Za-z])(?:${EN_RATE})`, 'i');
// Stop looking for a later rate at clause ends and at the next number, which may carry its own rate.
const CLAUSE_END = /[,.;:!?()，。；：！？（）\d]/;
const EN_BEFORE = /(?<![A-Za-z])(?<adj>annual|annualized|yearly|monthly|quarterly|daily)(?:\s+[A-Za-z'’-]+){0,3}\s+$/i;
const CN_BEFORE = /(?<cn>每年|每月|每季度|每季|每天|每日|年均|月均)[^，。；,;\d]{0,6}$/;

/** A rate right after `end` ("a year", 每月), and where it ends. */
export function perRightAfter(text: string, end: number): { per: Per; end: number } | undefined {
  const match = RIGHT_AFTER.exec(text.slice(end, end + 16));
  const groups = match?.groups;
  const word = groups?.unit ?? groups?.adv ?? groups?.slash ?? groups?.cn;
  const per = word === undefined ? undefined : UNIT[word.toLowerCase()];
  return match && per ? { per, end: end + match[0].length } : undefined;
}

const CN_RIGHT_BEFORE = /(?:每|年均|月均)(?<cn>季度|年|月|季|天|日)?$/;

/** A Chinese rate right before `start` (每月2000万美元), and where it begins. */
export function perRightBefore(text: string, start: number): { per: Per; start: number } | undefined {
  const match = CN_RIGHT_BEFORE.exec(before(text, start, 4));
  const word = match?.[0];
  if (!match || word === undefined) return undefined;
  const per = UNIT[word] ?? UNIT[match.groups?.cn ?? ''];
  return per ? { per, start: start - word.length } : undefined;
}

/** A rate later in the same clause, or an "annual"/每月 shortly before `start`. */
export function perNearby(text: string, start: number, end: number): Per | undefined {
  const rest = text.slice(end, end + 48);
  const stop = rest.search(CLAUSE_END);
  const later = LATER.exec(stop === -1 ? rest : rest.slice(0, stop))?.groups;
  const laterWord = later?.unit ?? later?.adv;
  if (laterWord !== undefined) return UNIT[laterWord.toLowerCase()];
  const prefix = before(text, start, 40);
  const adj = EN_BEFORE.exec(prefix)?.groups?.adj ?? CN_BEFORE.exec(prefix)?.groups?.cn;
  if (adj === undefined) return undefined;
  return UNIT[adj.toLowerCase()] ?? UNIT[adj.slice(1)];
}
