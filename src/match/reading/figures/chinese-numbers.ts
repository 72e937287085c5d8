/**
 * Chinese numbers: numerals (一二两三…十百千), the myriad units 万 (1e4) and 亿 (1e8), and Arabic digits
 * mixed with them ("1.5万亿", "4000亿", "两千万").
 * @module
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numeral characters (for pre-checks and patterns). */
export const CN_NUMERALS = '零〇一二两兩三四五六七八九十百千';

/**
 * Regex source for a Chinese amount: Arabic digits or numerals, then 十百千万亿 units, with 多/余 ("10多亿",
 * "more than one billion") allowed before the units. The Arabic branch refuses a preceding digit or Latin
 * letter so "H20" or "GPT-4" never yield a number.
 */
export const CN_AMOUNT = String.raw`(?:(?<![\d.A-Za-z])\d[\d,]*(?:\.\d+)?|[${CN_NUMERALS}]+)(?:多|余|餘)?[十百千万萬亿億]*`;

/** A parsed Chinese amount; `approx` is set by 多/余, which mean "more than". */
export interface ChineseAmount {
  value: number;
  approx: boolean;
}

/**
 * Value of a Chinese amount ("两千万" → 2e7, "1.5万亿" → 1.5e12, "十亿" → 1e9), or undefined when it holds no
 * number. Sections are summed the usual way: 十百千 scale the last digit, 万 scales the current section,
 * 亿 scales everything before it (so 万亿 is 1e12).
 */
export function parseChineseNumber(raw: string): ChineseAmount | undefined {
  let total = 0;
  let section = 0;
  let digit = 0;
  let seen = false;
  let approx = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] ?? '';
    if (ch >= '0' && ch <= '9') {
      const run = /^\d[\d,]*(?:\.\d+)?/.exec(raw.slice(i))?.[0] ?? ch;
      digit = Number(run.replace(/,/g, ''));
      i += run.length - 1;
      seen = true;
    } else if (ch in DIGITS) {
      digit = DIGITS[ch] ?? 0;
      seen = true;
    } else if (ch in SMALL_UNITS) {
      // A bare 十 means ten ("十亿"), so a missing digit counts as one.
      section += (digit || 1) * (SMALL_UNITS[ch] ?? 1);
      digit = 0;
      seen = true;
    } else if (ch === '万' || ch === '萬') {
      section = (section + digit) * 1e4;
      digit = 0;
    } else if (ch === '亿' || ch === '億') {
      total = (total + section + digit) * 1e8;
      section = 0;
      digit = 0;
    } else if (ch === '多' || ch === '余' || ch === '餘') {
      approx = true;
    }
  }
  if (!seen) return undefined;
  return { value: Number((total + section + digit).toPrecision(12)), approx };
}

/** True when an amount is more than a lone numeral ("一", "二"), which in prose is usually part of a word. */
export function isSubstantialChineseAmount(raw: string): boolean {
  return /\d|[十百千万萬亿億]/.test(raw);
}
