/**
 * Finds the figures in one sentence and attaches to each the period it most likely refers to.
 * @module
 */
import { CN_NUMERALS } from './chinese-numbers.js';
import { extractMoney } from './money.js';
import { extractMultipliers } from './multiplier.js';
import { extractPercents } from './percent.js';
import { findPeriods, type PeriodSpan } from './period.js';
import { foldWidth } from './text.js';
import type { DraftFigure, ExtractedFigure } from './types.js';

// Most sentences carry no figure; one cheap test spares them every heavier pattern.
const MAYBE_FIGURE = new RegExp(
  `[0-9０-９${CN_NUMERALS}万萬亿億]|doubl|tripl|trebl|quadrupl|quintupl|fold|times|factor|billion|million|trillion|percent|per cent|番|倍`,
  'i',
);

/** Every money amount, percentage, share and multiplier in a sentence, in text order. */
export function extractFigures(sentence: string): ExtractedFigure[] {
  if (!MAYBE_FIGURE.test(sentence)) return [];
  const text = foldWidth(sentence);
  const drafts = keepLongest([...extractMoney(text), ...extractPercents(text), ...extractMultipliers(text)]);
  if (drafts.length === 0) return [];
  const periods = findPeriods(text);
  const clauses = periods.length > 1 ? clauseStarts(text) : [];
  return drafts.map((draft) => {
    const { start, end, ...figure } = draft;
    const named = periods.length === 1 ? periods[0]?.period : nearestPeriod(draft, periods, clauses);
    // "…tripled in fiscal 2025 and grew 400% the year before": a figure said of the year before the one named.
    // "…近三倍，上一财年的增幅则为400%", "A year earlier, it had grown 400%": the same said before the figure.
    const saidOfYearBefore =
      (YEAR_BEFORE.test(text.slice(end, end + 40)) && !periods.some((span) => span.start >= end && span.start < end + 40)) ||
      precededByYearBefore(text, start, periods, figure.kind === 'multiplier');
    const period = named !== undefined && saidOfYearBefore ? yearBefore(named) : named;
    return { ...figure, ...(period === undefined ? {} : { period }), text: sentence.slice(start, end), index: start };
  });
}

/** "the year before", "a year earlier", "the prior fiscal year", 上一财年: the year before the one named. */
const YEAR_BEFORE_WORDS = String.raw`the\s+(?:year|fiscal\s+year)\s+before|a\s+year\s+(?:earlier|before)|the\s+(?:previous|prior|preceding)\s+(?:fiscal\s+|financial\s+)?year|the\s+year\s+prior|前一年|上一年|上一财年|上一財年|此前一年`;
const YEAR_BEFORE = new RegExp(String.raw`^[^.;,，。；\d]{0,20}?(?:${YEAR_BEFORE_WORDS})`, 'iu');
const YEAR_BEFORE_LEADING = new RegExp(String.raw`(?:${YEAR_BEFORE_WORDS}|前一财年|前一財年)[^.;。；!?！？\d]{0,24}$`, 'iu');

/** A year-before marker shortly before the figure in its sentence, with no period named between them. */
function precededByYearBefore(text: string, start: number, periods: readonly PeriodSpan[], multiplier: boolean): boolean {
  const from = Math.max(0, start - 40);
  const match = YEAR_BEFORE_LEADING.exec(text.slice(from, start));
  // "达到上一财年的近三倍": the year before is what the figure is measured against, not when it was said of.
  if (!match || (multiplier && /(?:的|水平)$/u.test(match[0]))) return false;
  const markerAt = from + match.index;
  return !periods.some((span) => span.start >= markerAt && span.start < start);
}

/** The period a year before ('FY2025' → 'FY2024', '2026' → '2025'); others unchanged. */
function yearBefore(period: string): string {
  const match = /^(FY)?(\d{4})$/.exec(period);
  return match ? `${match[1] ?? ''}${Number(match[2]) - 1}` : period;
}

/** Where two readings overlap ("1.5%" inside "占微软总收入的1.5%"), the longer one wins. */
function keepLongest(drafts: DraftFigure[]): DraftFigure[] {
  if (drafts.length < 2) return drafts;
  const kept: DraftFigure[] = [];
  for (const draft of [...drafts].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => draft.start < other.end && draft.end > other.start)) kept.push(draft);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// Clauses end at , ; and sentence marks, but not at the comma inside "1,100".
const CLAUSE_BREAK = /[;；。!?！？，]|,(?!\d)/g;

function clauseStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(CLAUSE_BREAK)) starts.push(match.index + 1);
  return starts;
}

function clauseOf(offset: number, starts: number[]): number {
  let clause = 0;
  for (let i = 0; i < starts.length && (starts[i] ?? Infinity) <= offset; i++) clause = i;
  return clause;
}

/**
 * The period of a figure: the nearest one in its own clause ("US$11bn in 2024, US$20–22bn planned for 2025":
 * the second amount is nearer "2024" in characters but shares its clause with "2025"); else the nearest
 * earlier one, since a leading "In fiscal 2025," or "2025财年，" sets the period for the clauses after it;
 * else the nearest later one.
 */
function nearestPeriod(figure: DraftFigure, periods: PeriodSpan[], clauses: number[]): string | undefined {
  const clause = clauseOf(figure.start, clauses);
  const local = periods.filter((span) => clauseOf(span.start, clauses) === clause);
  if (local.length > 0) {
    const distance = (span: PeriodSpan): number =>
      span.end <= figure.start ? figure.start - span.end : span.start >= figure.end ? span.start - figure.end : 0;
    return local.reduce((best, span) => (distance(span) < distance(best) ? span : best)).period;
  }
  const earlier = periods.filter((span) => span.end <= figure.start);
  return (earlier[earlier.length - 1] ?? periods.find((span) => span.start >= figure.end))?.period;
}
