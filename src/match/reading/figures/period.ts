/**
 * Periods a figure refers to, normalized: 'FY2025', '2026', '2025-H1', 'Q3 2025', 'March 2024'.
 * Microsoft's fiscal year ends in June and is named for the calendar year it ends in, so "the fiscal year to
 * June 2025", "fiscal 2025", "FY25" and 2025财年 are all 'FY2025'.
 * @module
 */

/** A period found in a text. */
export interface PeriodSpan {
  period: string;
  start: number;
  end: number;
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const MONTH = String.raw`(?<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`;
const YEAR = String.raw`(?:19|20)\d{2}(?!\d)`;
const CN_MONTH = '(?<mo>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const CN_MONTHS: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12,
};
const HALF: Readonly<Record<string, string>> = { first: '1', '1st': '1', second: '2', '2nd': '2', 上: '1', 下: '2' };
const QUARTER: Readonly<Record<string, string>> = {
  first: '1', '1st': '1', second: '2', '2nd': '2', third: '3', '3rd': '3', fourth: '4', '4th': '4',
  一: '1', 二: '2', 三: '3', 四: '4',
};

type Groups = Partial<Record<string, string>>;

function year(groups: Groups): string {
  const y = groups.y ?? groups.y2 ?? '';
  return y.length === 2 ? `20${y}` : y;
}

function monthName(groups: Groups): string {
  if (groups.m !== undefined) {
    const prefix = groups.m.slice(0, 3).toLowerCase();
    return MONTH_NAMES.find((name) => name.toLowerCase().startsWith(prefix)) ?? groups.m;
  }
  const mo = groups.mo ?? '';
  const index = /^\d+$/.test(mo) ? Number(mo) : (CN_MONTHS[mo] ?? 0);
  return MONTH_NAMES[index - 1] ?? mo;
}

const lower = (raw: string | undefined): string => (raw ?? '').toLowerCase();

// Most specific first: a span taken by an earlier pattern is not read again, so "fiscal year to June 2025"
// never also yields 'June 2025' or '2025'. Each pattern has a cheap gate, so a sentence without "fiscal" or
// a month name is spared those patterns.
const ALWAYS = /(?:)/;
const MONTH_GATE = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;
const PATTERNS: ReadonlyArray<readonly [RegExp, RegExp, (groups: Groups) => string]> = [
  [
    /[Yy]ear|[Ff]iscal/,
    new RegExp(
      String.raw`(?:[Ff]iscal\s+[Yy]ear|[Ff]inancial\s+[Yy]ear|[Ff]iscal|(?<![A-Za-z])[Yy]ear)\s+(?:to|through|end(?:ing|ed|s)(?:\s+in)?|finish(?:ing|ed|es)|(?:that|which)\s+(?:end(?:ed|s)|finish(?:ed|es))(?:\s+in)?)\s+(?:(?:\d{1,2}\s+)?${MONTH},?\s+(?:\d{1,2},?\s+)?)?(?<y>${YEAR})`,
      'g',
    ),
    (g) => `FY${year(g)}`,
  ],
  [/[Ff]iscal/, new RegExp(String.raw`[Ff]iscal(?:\s+[Yy]ear)?\s+(?<y>${YEAR})`, 'g'), (g) => `FY${year(g)}`],
  [/FY/, new RegExp(String.raw`(?<![A-Za-z])FY\s?['’]?(?:(?<y>${YEAR})|(?<y2>\d{2})(?!\d))`, 'g'), (g) => `FY${year(g)}`],
  [
    /截[至止]/,
    new RegExp(String.raw`(?:截至|截止)(?<y>${YEAR})年6月(?:30日)?(?:的|为止的|為止的)?(?:财年|財年|财政年度|財政年度|年度|12个月|12個月)`, 'g'),
    (g) => `FY${year(g)}`,
  ],
  [/[财財会會]/, new RegExp(String.raw`(?<!\d)(?:(?<y>${YEAR})|(?<y2>\d{2}))\s?(?:财年|財年|财政年度|財政年度|会计年度|會計年度)`, 'g'), (g) => `FY${year(g)}`],
  [
    /half/,
    new RegExp(String.raw`(?<h>[Ff]irst|[Ss]econd|1st|2nd)\s+half\s+(?:of\s+)?(?:the\s+)?(?<fy>fiscal\s+(?:year\s+)?)?(?:calendar\s+(?:year\s+)?)?(?<y>${YEAR})`, 'g'),
    (g) => `${g.fy ? 'FY' : ''}${year(g)}-H${HALF[lower(g.h)] ?? ''}`,
  ],
  [/H[12]/, new RegExp(String.raw`(?<![A-Za-z\d])H(?<h>[12])(?:\s|'|’)(?:(?<y>${YEAR})|(?<y2>\d{2})(?!\d))`, 'g'), (g) => `${year(g)}-H${g.h ?? ''}`],
  [/半/, new RegExp(String.raw`(?<y>${YEAR})\s?年(?:的)?(?<h>上|下)半(?:年|财年|財年)`, 'g'), (g) => `${year(g)}-H${HALF[g.h ?? ''] ?? ''}`],
  [/Q[1-4]/, new RegExp(String.raw`(?<![A-Za-z\d])Q(?<q>[1-4])(?:\s|'|’)(?:(?<y>${YEAR})|(?<y2>\d{2})(?!\d))`, 'g'), (g) => `Q${g.q ?? ''} ${year(g)}`],
  [
    /quarter/,
    new RegExp(String.raw`(?<q>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)[\s-]+quarter\s+(?:of\s+)?(?:calendar\s+)?(?<y>${YEAR})`, 'g'),
    (g) => `Q${QUARTER[lower(g.q)] ?? ''} ${year(g)}`,
  ],
  [/季/, new RegExp(String.raw`(?<y>${YEAR})\s?年第?(?<q>[一二三四1-4])季度`, 'g'), (g) => `Q${QUARTER[g.q ?? ''] ?? g.q ?? ''} ${year(g)}`],
  // Whole dates are read (so their digits are never taken for anything else) but kept at month grain, the
  // finest grain our claims record.
  [MONTH_GATE, new RegExp(String.raw`(?<!\d)\d{1,2}\s+${MONTH},?\s+(?<y>${YEAR})`, 'g'), (g) => `${monthName(g)} ${year(g)}`],
  [MONTH_GATE, new RegExp(String.raw`${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?<y>${YEAR})`, 'g'), (g) => `${monthName(g)} ${year(g)}`],
  [/-/, new RegExp(String.raw`(?<y>${YEAR})-(?<mo>0[1-9]|1[0-2])-\d{2}(?!\d)`, 'g'), (g) => `${monthName(g)} ${year(g)}`],
  [/年/, new RegExp(String.raw`(?<y>${YEAR})\s?年\s?${CN_MONTH}\s?月(?:\s?\d{1,2}\s?[日号號])?`, 'g'), (g) => `${monthName(g)} ${year(g)}`],
  [MONTH_GATE, new RegExp(String.raw`(?<![A-Za-z])${MONTH}\s+(?:of\s+)?(?<y>${YEAR})`, 'g'), (g) => `${monthName(g)} ${year(g)}`],
  // A bare year, unless it is an amount ("2000万", "2025bn") or follows a currency sign.
  [
    ALWAYS,
    new RegExp(String.raw`(?<![\w$€£¥.,\-])(?<y>${YEAR})(?![%.,]\d|%|\s?(?:[万萬亿億千百]|bn|billion|million|m\b))`, 'g'),
    (g) => year(g),
  ],
];

const HAS_DIGIT = /\d/;

/** Every period in a text, in text order; overlapping readings keep the most specific. */
export function findPeriods(text: string): PeriodSpan[] {
  if (!HAS_DIGIT.test(text)) return [];
  const spans: PeriodSpan[] = [];
  for (const [gate, pattern, build] of PATTERNS) {
    if (!gate.test(text)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some((span) => start < span.end && end > span.start)) continue;
      spans.push({ period: build(match.groups ?? {}), start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Normalized form of a period as a claims file writes it ("FY2025 (to June 2025)" → 'FY2025',
 * "2024" → '2024'); the trimmed text when nothing is recognised.
 */
export function normalizePeriod(raw: string): string {
  return findPeriods(raw)[0]?.period ?? raw.trim();
}

/** Year a period falls in (the fiscal year's own number for 'FY2025'), if it names one. */
export function periodYear(period: string): string | undefined {
  return /(?:19|20)\d{2}/.exec(period)?.[0];
}
