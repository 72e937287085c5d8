/**
 * Finds many terms (entity aliases, topic terms, claim key terms) in a text in one pass.
 * Latin terms match on word boundaries, case-insensitively, also in the possessive ("Microsoft's");
 * CJK terms match as substrings, since Chinese has no spaces between words.
 * @module
 */

/** One occurrence of a term in a text. */
export interface TermHit {
  /** The term as registered (its key). */
  term: string;
  index: number;
  /** The text that matched, as written in the article. */
  matched: string;
}

export interface TermIndex {
  /** Every occurrence of every registered term, in text order. */
  scan(text: string): TermHit[];
  readonly size: number;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** True when a term contains CJK characters (matched as a substring, not on word boundaries). */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}

/** Case- and space-folding key of a term: what two spellings of one term share. */
export function termKey(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds one scanner for all terms; the longest term wins where several start at one place. */
export function createTermIndex(terms: Iterable<string>): TermIndex {
  const keys = [...new Set([...terms].map(termKey).filter((key) => key.length > 0))];
  const latin = keys.filter((key) => !isCjkTerm(key)).sort((a, b) => b.length - a.length);
  const cjk = keys.filter(isCjkTerm).sort((a, b) => b.length - a.length);
  const latinPattern = latin.map((key) => escapeRegExp(key).replace(/ /g, '[\\s\\u00a0-]+')).join('|');
  const cjkPattern = cjk.map(escapeRegExp).join('|');
  // Word boundaries by lookaround on letters and digits in any script, so "Meta" never fires inside
  // "metadata" and "Ant Group" never inside "Anthropic". A possessive 's is allowed after the term.
  const latinRegex = latin.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${latinPattern})(?:['’]s)?(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  const cjkRegex = cjk.length ? new RegExp(cjkPattern, 'gu') : null;
  const latinByLower = new Map(latin.map((key) => [key, key]));

  return {
    size: keys.length,
    scan(text: string): TermHit[] {
      const hits: TermHit[] = [];
      if (latinRegex) {
        for (const match of text.matchAll(latinRegex)) {
          const stripped = match[0].replace(/['’]s$/i, '');
          const key = termKey(stripped.replace(/[\s\u00a0-]+/g, ' '));
          const term = latinByLower.get(key) ?? latinByLower.get(termKey(match[0])) ?? key;
          hits.push({ term, index: match.index, matched: match[0] });
        }
      }
      if (cjkRegex) {
        for (const match of text.matchAll(cjkRegex)) hits.push({ term: termKey(match[0]), index: match.index, matched: match[0] });
      }
      return hits.length > 1 ? hits.sort((a, b) => a.index - b.index) : hits;
    },
  };
}
