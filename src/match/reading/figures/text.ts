/**
 * Small text helpers shared by the extractors.
 * @module
 */

// The full-width comma (U+FF0C) is left alone: it is a clause mark in Chinese, never a thousands separator.
const WIDE = /[\uff01-\uff0b\uff0d-\uff5e\u00a0\u2009\u202f\u3000]/;
const WIDE_ALL = /[\uff01-\uff0b\uff0d-\uff5e\u00a0\u2009\u202f\u3000]/g;

/**
 * Folds full-width ASCII (０-９, ％, ＄; not ，) to ASCII and odd spaces to a plain space, one UTF-16 unit for one,
 * so every offset in the folded text is also an offset in the original (quotes are cut from the original).
 */
export function foldWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  return text.replace(WIDE_ALL, (ch) => {
    const code = ch.charCodeAt(0);
    return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ' ';
  });
}

/** The `length` characters before `index` (fewer at the start of the text). */
export function before(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - length), index);
}

/** Offset in the text of the last occurrence of `part` inside a match (the `d` flag would cost every match). */
export function offsetInMatch(match: RegExpExecArray, part: string, from?: number): number {
  return match.index + (from === undefined ? match[0].lastIndexOf(part) : match[0].indexOf(part, from));
}

/** Whether "X sep Y" at `start` is a range: "and" only after "between"; "from X to Y" is a change, not a range. */
export function isRangeJoin(text: string, start: number, separator: string | undefined): boolean {
  const prefix = before(text, start, 12);
  if (/(?:from|从|從)\s*$/i.test(prefix)) return false;
  return separator?.toLowerCase() !== 'and' || /between\s+$/i.test(prefix);
}
