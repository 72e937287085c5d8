/**
 * Finds every registered term (entity aliases, topic terms, claim terms) in a text in one pass over its
 * char codes, with no regular expression, so a 3 KB article costs a few thousand table lookups.
 *
 * Text and terms are folded alike first: case, full-width forms (ＡＩ → ai), curly quotes, and spacing.
 * Runs of spaces and hyphens become one space, and a space next to a CJK character disappears, so
 * "最大的 AI 客户" finds 最大的AI客户, "10 亿美元" finds 10亿美元 and "fastest growing" finds "fastest-growing".
 * A term that starts or ends with a Latin letter or digit must sit on a word boundary there, and only
 * Latin, Greek or Cyrillic letters and digits break it: "Meta" never fires inside "metadata" nor "Ant
 * Group" inside "Anthropic", while "OpenAI模型" (a Han character right after the name) still finds OpenAI
 * and "Microsoft's" finds Microsoft. Chinese terms match as substrings, since Chinese has no spaces.
 * @module
 */
import { isHan } from '../../text/han.js';

/**
 * One occurrence of a term: its folded key, where it is in the original text (`text.slice(start, end)`),
 * and the data the scanner's owner attached to the key (so reading a hit needs no lookup).
 */
export interface ScanHit<T = null> {
  term: string;
  start: number;
  end: number;
  data: T;
}

export interface TermScanner<T = null> {
  /** Every occurrence of every registered term, by start then longest first; overlaps are all kept. */
  scan(text: string): ScanHit<T>[];
  /** The key a term is registered and reported under. */
  key(term: string): string;
  readonly size: number;
}

const SPACE = 0x20;
/** Marks a stem's key in hits, so "~export" (any word starting "export") never collides with the term "export". */
export const STEM_MARK = '~';
/** Texts up to this many characters are folded into one reused buffer. */
const REUSED_CHARS = 65_536;

/** Per-code fold table: lower case, width, quotes and dashes folded; spaces and hyphens become SPACE. */
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    let folded = code;
    if (code >= 0xff01 && code <= 0xff5e) folded = code - 0xfee0;
    else if (code >= 0xd800 && code <= 0xdfff) folded = code; // surrogate halves pass through
    else {
      const lower = String.fromCharCode(code).toLowerCase();
      if (lower.length === 1) folded = lower.charCodeAt(0);
    }
    if (folded >= 0x41 && folded <= 0x5a) folded += 0x20;
    if (folded === 0x2019 || folded === 0x2018 || folded === 0x2032) folded = 0x27;
    if (isSpaceLike(folded)) folded = SPACE;
    table[code] = folded;
  }
  return table;
}

function isSpaceLike(code: number): boolean {
  return (
    code === SPACE ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x2d || // "-": "fastest-growing" = "fastest growing"
    code === 0x2010 ||
    code === 0x2011 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** CJK ideographs, kana and hangul: written without spaces, so matched as substrings. */
export function isCjkCode(code: number): boolean {
  return (
    isHan(code) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af)
  );
}

/** Letters and digits that join into one word with their neighbours: Latin, Greek, Cyrillic, digits. */
function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  return (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x370 && code <= 0x52f) || (code >= 0x1e00 && code <= 0x1eff);
}

/** A text folded for scanning: its codes and, for each, the offset of the original character. */
interface Folded {
  codes: Uint16Array;
  offsets: Uint32Array;
  length: number;
}

/**
 * Folds a text (see the module doc). A space survives only between two non-CJK characters, so spacing
 * inside Chinese, or between Chinese and Latin, never decides a match.
 */
function foldText(text: string, buffer?: Folded): Folded {
  const n = text.length;
  const out = buffer && buffer.codes.length >= n ? buffer : { codes: new Uint16Array(n), offsets: new Uint32Array(n), length: 0 };
  const { codes, offsets } = out;
  let length = 0;
  let pendingSpace = -1;
  for (let i = 0; i < n; i++) {
    const code = FOLD[text.charCodeAt(i)]!;
    if (code === SPACE) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      if (length > 0 && !isCjkCode(codes[length - 1]!) && !isCjkCode(code)) {
        codes[length] = SPACE;
        offsets[length++] = pendingSpace;
      }
      pendingSpace = -1;
    }
    codes[length] = code;
    offsets[length++] = i;
  }
  out.length = length;
  return out;
}

/** The folded form of a term: the key it is registered and reported under. */
export function foldTerm(term: string): string {
  const folded = foldText(term.normalize('NFKC').trim());
  return String.fromCharCode(...folded.codes.subarray(0, folded.length));
}

interface TrieNode<T> {
  /** The only child's code (-1: none, or several in `next`); most nodes inside long terms have one child. */
  onlyCode: number;
  onlyChild: TrieNode<T> | null;
  /** The children, when there are several. */
  next: Map<number, TrieNode<T>> | null;
  /**
   * The term ending here, if any, with its data; `endsInWord`: it must end on a word boundary (its last
   * character is a letter or digit).
   */
  term: { key: string; data: T; endsInWord: boolean } | null;
  /** The word stem ending here, if any: it matches at a word start, with any ending ("declin" → "declines"). */
  stem: { key: string; data: T } | null;
}

/** A scanner whose hits carry no data (see `createTermScanner`). */
export function createPlainScanner(terms: Iterable<string>, stems: Iterable<string> = []): TermScanner {
  return createTermScanner(terms, stems, () => null);
}

/**
 * Builds one scanner for all terms (empty ones are ignored). `stems` are word beginnings, given already
 * folded, that match whatever ending follows them; they are reported as `~stem`. `attach` gives the data
 * each hit of a key carries (called once per key, stems with their `~`).
 */
export function createTermScanner<T>(terms: Iterable<string>, stems: Iterable<string>, attach: (key: string) => T): TermScanner<T> {
  const keys = new Set<string>();
  for (const term of terms) {
    const key = foldTerm(term);
    if (key.length > 0) keys.add(key);
  }
  // The first step is a flat table, since almost every position fails there.
  const roots: (TrieNode<T> | undefined)[] = new Array(0x10000);
  const insert = (key: string): TrieNode<T> => {
    const first = key.charCodeAt(0);
    let node = roots[first] ?? (roots[first] = newNode<T>());
    for (let i = 1; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = childOf(node, code);
      if (!child) {
        child = newNode<T>();
        if (node.onlyChild === null && node.next === null) {
          node.onlyCode = code;
          node.onlyChild = child;
        } else {
          if (node.next === null) {
            node.next = new Map([[node.onlyCode, node.onlyChild!]]);
            node.onlyCode = -1;
            node.onlyChild = null;
          }
          node.next.set(code, child);
        }
      }
      node = child;
    }
    return node;
  };
  for (const key of keys) insert(key).term = { key, data: attach(key), endsInWord: isWordCode(key.charCodeAt(key.length - 1)) };
  for (const stem of stems) {
    if (stem.length === 0) continue;
    const key = `${STEM_MARK}${stem}`;
    insert(stem).stem = { key, data: attach(key) };
  }
  // One reused buffer for ordinary articles; a huge page gets its own and does not pin the memory.
  const buffer: Folded = { codes: new Uint16Array(REUSED_CHARS), offsets: new Uint32Array(REUSED_CHARS), length: 0 };

  return {
    size: keys.size,
    key: foldTerm,
    scan(text: string): ScanHit<T>[] {
      const { codes, offsets, length } = foldText(text, buffer);
      const hits: ScanHit<T>[] = [];
      let previousInWord = false;
      for (let i = 0; i < length; i++) {
        const first = codes[i]!;
        const inWord = isWordCode(first);
        // A term starting with a letter or digit starts a word: never right after another letter or digit.
        const midWord = inWord && previousInWord;
        previousInWord = inWord;
        if (midWord) continue;
        let node: TrieNode<T> | undefined = roots[first];
        if (!node) continue;
        const from = hits.length;
        for (let j = i; ; ) {
          const term = node.term;
          if (term !== null && (!term.endsInWord || j + 1 >= length || !isWordCode(codes[j + 1]!))) {
            hits.push({ term: term.key, start: offsets[i]!, end: offsets[j]! + 1, data: term.data });
          }
          if (node.stem !== null) {
            // Reported as the whole word it begins ("declines" for the stem "declin").
            let k = j + 1;
            while (k < length && isWordCode(codes[k]!)) k++;
            hits.push({ term: node.stem.key, start: offsets[i]!, end: offsets[k - 1]! + 1, data: node.stem.data });
          }
          j++;
          if (j >= length) break;
          const code = codes[j]!;
          const child: TrieNode<T> | null | undefined = node.onlyCode === code ? node.onlyChild : node.next?.get(code);
          if (!child) break;
          node = child;
        }
        // Found shortest first; reported longest first.
        if (hits.length - from > 1) reverseFrom(hits, from);
      }
      return hits;
    },
  };
}

function newNode<T>(): TrieNode<T> {
  return { onlyCode: -1, onlyChild: null, next: null, term: null, stem: null };
}

function childOf<T>(node: TrieNode<T>, code: number): TrieNode<T> | undefined {
  if (node.onlyCode === code) return node.onlyChild ?? undefined;
  return node.next?.get(code);
}

function reverseFrom<T>(hits: ScanHit<T>[], from: number): void {
  for (let a = from, b = hits.length - 1; a < b; a++, b--) {
    const swap = hits[a]!;
    hits[a] = hits[b]!;
    hits[b] = swap;
  }
}
