/**
 * The vocabulary of each claim, compiled once per catalog: its key terms, weighted by how specific and how
 * distinctive they are, and the content words of its statement as weak extra evidence.
 *
 * A term listed for several claims ("distillation" for both the complaint and the DeepSeek claim) says
 * less about any one of them, so its weight is shared out. Statement words are stemmed and weighted by
 * inverse document frequency over all claim statements: "Anthropic declines to do business with
 * companies in China" makes "declin" and "business" count, while "China" and "Microsoft", in most
 * statements, count for little. Entity names are left to the entity score, and function words dropped.
 * @module
 */
import { foldTerm, isCjkCode } from '../reading/term-scanner.js';

/**
 * Places a claim can be anchored to: named in its statement (`statement`), the claim needs one of `names`
 * somewhere in the article. A claim about China cannot rest on a report that never mentions China, however
 * well "tripled" or "Singapore" match. Chinese names include the usual shorthand (在华, 对华, 内地, 国内).
 */
export const ANCHORS: Readonly<Record<string, { statement: RegExp; names: readonly string[] }>> = {
  china: {
    statement: /\b(?:China|Chinese)\b/,
    names: [
      'China', 'Chinese', 'PRC', 'Beijing', 'Shanghai', 'Shenzhen', 'Hangzhou',
      '中国', '中國', '中资', '中資', '中企', '在华', '在華', '对华', '對華', '来华', '來華', '大陆', '大陸', '内地', '內地',
      // Simplified only: in Taiwan's press 國內 and 國產 mean Taiwan.
      '国内', '国产',
    ],
  },
};

/** What the compiler needs from a claim. */
export interface KeywordSource {
  statement: string;
  terms: readonly string[];
}

/** A claim's compiled vocabulary. */
export interface ClaimVocabulary {
  /** Folded term key → weight: its specificity, shared out among the claims that list it. */
  terms: Map<string, number>;
  /**
   * Terms no other claim lists, 'strong' when specific (multi-word, CJK, numeric, a name): the claim-specific
   * signal a match needs, unless it has a figure or enough statement words instead.
   */
  unique: Map<string, 'strong' | 'weak'>;
  /** Places the claim is about ("china"): an article naming none of them cannot bear on it. */
  anchors: string[];
  /** Statement stems → inverse document frequency over all statements (1: in this statement only). */
  stems: Map<string, number>;
}

/**
 * Words that say nothing about which claim a sentence bears on: function words, the commonest verbs and
 * adjectives, news boilerplate ("according", "people familiar"), and units, which the figure comparison
 * already weighs ("billion" in "$20 billion" is no evidence for a claim about $1 billion).
 */
const STOPWORDS = new Set(
  (
    'a about above across after again against ago all almost along already also although always among an and ' +
    'another any are around as ask asked at away back be became because become been before began behind being ' +
    'below between both but by call called came can come could day days did do does done door doors down during ' +
    'each early earlier either else end ended enough even ever every few find first for found from full further ' +
    'gave get gets give go going gone good got great had has have having he her here high him his how however if ' +
    'in including into is it its itself just keep keeps kept know large largely last later least less let like ' +
    'likely long look made main make makes many may me might more most much must my near nearly need never new ' +
    'next no none nor not now number of off often old on once one only or other others our out over own part past ' +
    'per perhaps place put puts rather really right run runs said same saw say says see seen set several shall she ' +
    'should show since small so some something soon still such take taken than that the their them then there ' +
    'these they thing think this those though three through thus time times to told too took toward two under ' +
    'until up upon us use used uses using very via want was way we well went were what when where whether which ' +
    'while who whole whom whose why will with within without work would year years yet you your roughly close ' +
    'closed level levels month months week weeks today according report reports reported reporting people ' +
    'familiar matter source sources statement spokesperson company companies firm firms contested doing mostly ' +
    'name named start started starting course ending inside ' +
    'billion billions million millions trillion percent yuan dollar dollars usd cny rmb'
  ).split(' '),
);

/**
 * A crude English stem: possessive and common endings cut, so "declines", "declined" and "decline" share
 * "declin", and "trained"/"training" share "train". Both sides are cut alike, and the scanner matches a stem
 * as a word beginning, so precision in the linguistic sense does not matter here.
 */
export function stemWord(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  for (const [suffix, replacement] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && !(suffix === 's' && w.endsWith('ss'))) {
      w = w.slice(0, w.length - suffix.length) + replacement;
      break;
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

const SUFFIXES: readonly [string, string][] = [
  ['ations', ''],
  ['ation', ''],
  ['ings', ''],
  ['ing', ''],
  ['ied', 'y'],
  ['ies', 'y'],
  ['ed', ''],
  ['sses', 'ss'],
  ['xes', 'x'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['ly', ''],
  ['s', ''],
];

/** The content-word stems of an English text, minus function words, numbers and the given names. */
export function contentStems(text: string, names: ReadonlySet<string>): Set<string> {
  const stems = new Set<string>();
  for (const match of text.matchAll(/[A-Za-z0-9][A-Za-z0-9'’-]*/g)) {
    // Tokens with digits are names or figures ("21Vianet", "GPT-4o", "2025"), never statement words.
    if (/\d/.test(match[0])) continue;
    for (const part of match[0].split('-')) {
      const word = part.toLowerCase().replace(/['’]s?$/, '');
      if (word.length < 3 || STOPWORDS.has(word) || names.has(word)) continue;
      const stem = stemWord(word);
      if (stem.length >= 3 && !names.has(stem) && !STOPWORDS.has(stem)) stems.add(stem);
    }
  }
  return stems;
}

/**
 * A term's specificity: long, multi-word, numeric or CJK terms are specific, and so is a single word the
 * catalog writes as a name ("Singapore"); a lone common word ("outputs") is not.
 */
export function termSpecificity(term: string): number {
  if (/\d/.test(term)) return 1;
  if (/^\p{Lu}\p{Ll}/u.test(term.trim()) && !/\s/.test(term.trim())) return 1;
  const key = foldTerm(term);
  let cjk = 0;
  for (let i = 0; i < key.length; i++) if (isCjkCode(key.charCodeAt(i))) cjk++;
  if (cjk > 0) return cjk >= 3 ? 1 : 0.6;
  return key.includes(' ') ? 1 : 0.5;
}

/**
 * Compiles every claim's vocabulary. `entityNames` are all entity names and aliases: they are scored as
 * entities, so they never count as statement words.
 */
export function compileVocabularies(claims: readonly KeywordSource[], entityNames: Iterable<string>): ClaimVocabulary[] {
  const names = new Set<string>();
  for (const name of entityNames) for (const word of foldTerm(name).split(' ')) if (word.length > 0) names.add(word);

  // Folded key → the term as the catalog writes it (its capitals tell a name from a common word).
  const termKeys = claims.map((claim) => {
    const keys = new Map<string, string>();
    for (const term of claim.terms) {
      const key = foldTerm(term);
      if (key.length > 0 && !keys.has(key)) keys.set(key, term);
    }
    return keys;
  });
  const sharedBy = new Map<string, number>();
  for (const keys of termKeys) for (const key of keys.keys()) sharedBy.set(key, (sharedBy.get(key) ?? 0) + 1);

  const stemSets = claims.map((claim) => contentStems(claim.statement, names));
  const df = new Map<string, number>();
  for (const stems of stemSets) for (const stem of stems) df.set(stem, (df.get(stem) ?? 0) + 1);
  const n = Math.max(2, claims.length);

  return claims.map((claim, i) => {
    const terms = new Map<string, number>();
    const unique = new Map<string, 'strong' | 'weak'>();
    for (const [key, term] of termKeys[i]!) {
      const shared = sharedBy.get(key) ?? 1;
      const specificity = termSpecificity(term);
      terms.set(key, specificity / shared);
      if (shared === 1) unique.set(key, specificity >= 1 ? 'strong' : 'weak');
    }
    const anchors = Object.entries(ANCHORS)
      .filter(([, anchor]) => anchor.statement.test(claim.statement))
      .map(([name]) => name);
    const stems = new Map<string, number>();
    for (const stem of stemSets[i]!) {
      const idf = Math.log(n / (df.get(stem) ?? 1)) / Math.log(n);
      if (idf > 0) stems.set(stem, idf);
    }
    return { terms, unique, anchors, stems };
  });
}
