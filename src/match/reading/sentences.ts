/**
 * Sentence splitting for English and Chinese news text, in one forward pass over char codes (no regex),
 * so it stays cheap at thousands of articles a second.
 *
 * Ends a sentence at: Chinese 。！？； (full width); . ! ? followed by whitespace, a closing quote, the end
 * or a Han character; and any line break. Closing quotes and brackets after the terminator stay with
 * the sentence. A period does not end a sentence in a decimal (1.5), inside a token (U.S., example.com),
 * after an initial (J. Althoff) or after a known abbreviation (Mr., Inc., Corp., e.g., No. 1).
 * @module
 */
import { isHan } from '../../text/han.js';

/** One sentence: its trimmed text and the offset of its first character in the input. */
export interface Sentence {
  text: string;
  start: number;
}

/** At most this many sentences per text: claim matching never needs the tail of a 200 KB page. */
export const MAX_SENTENCES = 400;
/** Longer runs without a terminator (tables, lists, scraped junk) are cut into pieces of at most this. */
export const MAX_SENTENCE_CHARS = 1_000;
/** Where a long run is cut: the last space or comma in its final fifth, else a hard cut. */
const SOFT_CUT_FROM = 800;

/**
 * Words that take a period without ending a sentence (lowercased, inner dots kept). "etc." is left
 * out because it usually does end one. Multi-dot forms ("u.s.") also rest on this list, so a
 * sentence that really ends in "U.S." runs on into the next: a merged pair is a smaller loss for
 * claim matching than a claim cut in half.
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'rev', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'capt',
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'dept', 'est', 'approx', 'vs', 'cf', 'fig',
  'jan', 'feb', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m', 'u.s.a',
]);
/** Only an abbreviation before a number ("No. 1"); "said no." ends a sentence. */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'vol', 'pp', 'art']);

/** Closing quotes and brackets that stay with the sentence they close: " ' ) ] ” ’ 」 』 ） 》 】. */
const CLOSERS = new Set([0x22, 0x27, 0x29, 0x5d, 0x201d, 0x2019, 0x300d, 0x300f, 0xff09, 0x300b, 0x3011]);
/** 。！？；． : full-width terminators always end a sentence (no spaces follow them in Chinese). */
function isCjkEnd(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0xff0e;
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x3000 || code === 0x2028 || code === 0x2029 || code === 0xfeff;
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** True when the period at `dot` belongs to an abbreviation or initial rather than ending a sentence. */
function isAbbreviation(text: string, dot: number, next: number): boolean {
  let from = dot;
  // Bounded look-back: no abbreviation is longer than 8 characters.
  while (from > 0 && dot - from < 8) {
    const code = text.charCodeAt(from - 1);
    if (!isAsciiLetter(code) && code !== 0x2e) break;
    from--;
  }
  if (from === dot) return false;
  const word = text.slice(from, dot);
  if (word.length === 1) {
    const code = word.charCodeAt(0);
    return code >= 0x41 && code <= 0x5a; // an initial: "J. Althoff"
  }
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  // "No. 1" yes, "said no." no: look past the spaces for a digit.
  if (!NUMBER_ABBREVIATIONS.has(lower)) return false;
  let i = next;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i < text.length && isDigit(text.charCodeAt(i));
}

/** Index just past the terminator run and its closing quotes, or -1 when the run ends no sentence. */
function sentenceEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  let end = at + 1;
  let cjk = isCjkEnd(first);
  // A run of terminators ("?!", "...", "。」") is one boundary.
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code === 0x2e || code === 0x21 || code === 0x3f) end++;
    else if (isCjkEnd(code)) {
      cjk = true;
      end++;
    } else break;
  }
  const runEnd = end;
  while (end < text.length && CLOSERS.has(text.charCodeAt(end))) end++;
  if (cjk) return end;
  const next = end < text.length ? text.charCodeAt(end) : -1;
  if (next !== -1 && !isSpace(next) && !isHan(next)) return -1;
  if (first === 0x2e && runEnd === at + 1) {
    // A lone period before a Han character only ends a sentence when Chinese text precedes it too.
    if (isHan(next) && !(at > 0 && isHan(text.charCodeAt(at - 1)))) return -1;
    if (next !== -1 && isAbbreviation(text, at, end)) return -1;
  }
  return end;
}

/** Where to cut a run that reached MAX_SENTENCE_CHARS: after a space or comma near its end if any. */
function softCut(text: string, start: number, limit: number): number {
  for (let i = limit - 1; i >= start + SOFT_CUT_FROM; i--) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === 0x2c || code === 0xff0c || code === 0x3001) return i + 1;
  }
  // A hard cut never separates the two halves of a surrogate pair (emoji, rare Han).
  const before = text.charCodeAt(limit - 1);
  return before >= 0xd800 && before <= 0xdbff ? limit - 1 : limit;
}

/** Splits English and Chinese text into trimmed sentences with their start offsets (capped; see module doc). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (from: number, to: number): void => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to > from) out.push({ text: text.slice(from, to), start: from });
  };
  let start = 0;
  let i = 0;
  while (i < text.length && out.length < MAX_SENTENCES) {
    const code = text.charCodeAt(i);
    if (i - start >= MAX_SENTENCE_CHARS) {
      const cut = softCut(text, start, i);
      push(start, cut);
      start = cut;
      continue;
    }
    if (isLineBreak(code)) {
      push(start, i);
      start = ++i;
      continue;
    }
    // Cheap test first: every terminator is either ASCII punctuation or above U+3000.
    if (code === 0x2e || code === 0x21 || code === 0x3f || (code >= 0x3002 && isCjkEnd(code))) {
      const end = sentenceEnd(text, i);
      if (end !== -1) {
        push(start, end);
        start = i = end;
        continue;
      }
    }
    // Leading whitespace is skipped here so the length cap counts sentence text, not indentation.
    if (i === start && isSpace(code)) start++;
    i++;
  }
  if (out.length < MAX_SENTENCES) push(start, text.length);
  return out;
}
