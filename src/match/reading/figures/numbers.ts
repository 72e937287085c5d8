/**
 * English numbers: digits with thousands separators, a few number words, and scale words (billion, bn, m).
 * @module
 */

/** Digits, with optional thousands separators and decimals: "1", "1,100", "1.5". */
export const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;

const WORD_VALUES: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, thousand: 1000,
  // "half a billion dollars", "a quarter of a billion", "about a billion dollars" (a word needs a scale).
  'half a': 0.5, 'a quarter of a': 0.25, 'quarter of a': 0.25, a: 1, an: 1,
};

/** Number words we read ("five-fold", "three times", "one billion dollars"). */
export const WORD_NUM = `(?:${Object.keys(WORD_VALUES).sort((a, b) => b.length - a.length).join('|')})`;

/** A number in digits or words. */
export const ANY_NUM = `(?:${NUM}|${WORD_NUM})`;

/** Scale words and their abbreviations; "m" and "b" only when no letter follows ("$20m", not "$20 more"). */
export const SCALE = String.raw`(?:trillion|tn|trn|billion|bn|bln|b|million|mn|mln|m|thousand|k)(?![A-Za-z])`;

const SCALES: Readonly<Record<string, number>> = {
  trillion: 1e12, tn: 1e12, trn: 1e12,
  billion: 1e9, bn: 1e9, bln: 1e9, b: 1e9,
  million: 1e6, mn: 1e6, mln: 1e6, m: 1e6,
  thousand: 1e3, k: 1e3,
};

/** Value of digits ("1,100.5") or a number word ("five"); NaN when neither. */
export function parseNumber(raw: string): number {
  const word = WORD_VALUES[raw.toLowerCase()];
  if (word !== undefined) return word;
  return Number(raw.replace(/,/g, ''));
}

/** Multiplier of a scale word; 1 when absent. */
export function scaleOf(raw: string | undefined): number {
  return raw === undefined ? 1 : (SCALES[raw.toLowerCase()] ?? 1);
}

/** True for a bare four-digit year (1900–2099), which is a period, never an amount. */
export function isYearLike(raw: string): boolean {
  return /^(?:19|20)\d{2}$/.test(raw);
}

/**
 * Value of a number with its scale, exact for decimals: "1.1" billion is 11 × 1e8, not 1.1 × 1e9
 * (= 1100000000.0000002), so values print and compare cleanly.
 */
export function scaledNumber(raw: string, scale: number): number {
  const [whole = '', fraction = ''] = raw.replace(/,/g, '').split('.');
  if (!/^\d*$/.test(whole + fraction)) return parseNumber(raw) * scale;
  const divisor = 10 ** fraction.length;
  const digits = Number(whole + fraction);
  return scale >= divisor ? digits * (scale / divisor) : (digits * scale) / divisor;
}
