/**
 * Stance of an article towards a claim: supports, contradicts, updates or merely mentions it.
 * Cues are English and Chinese. The sentences read are those that bear on the claim: a denial is often
 * the sentence after the one restating what was reported ("…, disputing the report"), while a hedge
 * counts only in the best-matching sentence, since background sentences hedge about other things.
 * @module
 */
import type { Stance } from '../db/schema.js';

/** Words that dispute what was reported, whatever the claim says. */
const DENIAL =
  /\b(?:den(?:y|ied|ies|ying)|disput(?:e|ed|es|ing)|refut(?:e|ed|es|ing)|reject(?:ed|s|ing)?|rebut(?:ted|s)?|contradict(?:s|ed|ing)?|inaccurate|incorrect|untrue|not true|not accurate|misleading|push(?:ed|ing|es)? back|at odds with|inconsistent with|well (?:below|under|short of)|far (?:below|less|short)|overstate[sd]?|contrary to)\b|否认|否認|驳斥|駁斥|不实|不實|并不属实|並不屬實|澄清|反驳|反駁|言过其实|誇大|夸大|远低于|遠低於|不一致|不符|相矛盾|相悖/iu;

const DENIAL_ALL = new RegExp(DENIAL.source, 'giu');

/** A negation just before a denial cancels it: "did not dispute the figures". */
const NEGATED_BEFORE = /(?:\b(?:not|never|no)|n't|没有|沒有|未|并未|並未|不曾)\s*$/iu;

/** Words that report a newer figure or state for the same fact. */
const UPDATE =
  /\b(?:now (?:ha[sd]|is|are|stands?|runs?|tops?|exceeds?|nears?|approach(?:es)?)|has since|since (?:grown|risen|doubled|climbed)|run[- ]rate|raised (?:its|the) (?:forecast|estimate|target)|revised|latest figures?|updated|has (?:now )?joined|later joined|joins|actual(?:ly)? spent|ended up|(?:above|exceed(?:ed|s|ing)?|more than) (?:its |the )?(?:earlier |original |initial )?(?:plan|planned|budget|target))\b|最新|上调|上調|已升至|已增至|升至|已达|已達|实际支出|實際支出|实际用于|實際用於|如今已|现已|現已|后来加入|後來加入|(?:超出|高于|高於)(?:了)?(?:年初|原|此前|原先)?(?:的)?(?:计划|計劃|规划|規劃|预算|預算)/iu;

/** Words that raise a claim without asserting it. */
const HEDGE =
  /\b(?:whether|if true|unverified|unconfirmed|could not (?:be )?(?:verify|verified|confirm)|(?:hard|difficult|impossible) to (?:verify|confirm)|questions? (?:about|over|remain)|remains? unclear|it is unclear|asked about|speculation|rumou?rs?|debate over|may be|might)\b|是否|尚不清楚|未经证实|未經證實|传闻|傳聞|质疑|質疑|有待证实|有待證實|难以核实|難以核實|无法证实|無法證實|无法核实|無法核實|吗[？?]/iu;

/** A sentence that asks rather than states. */
const QUESTION = /[?？]\s*["'”’」』)）]*$/u;

const NEGATION = /\b(?:not|no|never|without|none|neither|nor|doesn't|don't|didn't|isn't|aren't|won't)\b|不|没有|沒有|未|并非|並非|无|無/iu;

/** Polarity of a text: true when it carries a negation. */
export function isNegated(text: string): boolean {
  return NEGATION.test(text);
}

/** True when the sentence disputes something, and the dispute is not itself negated. */
export function hasDenial(sentence: string): boolean {
  if (!DENIAL.test(sentence)) return false;
  for (const match of sentence.matchAll(DENIAL_ALL)) {
    if (!NEGATED_BEFORE.test(sentence.slice(Math.max(0, match.index - 16), match.index))) return true;
  }
  return false;
}

/**
 * Reads the stances of one article's claims. Each cue of each sentence is tested at most once, and only when
 * a decision needs it, however many claims a sentence bears on.
 */
export interface StanceReader {
  /**
   * The stance towards a claim from its best-matching sentence and every sentence bearing on it (indexes):
   * a denial anywhere among them (or a figure hedged the other way, "less than" against "more than")
   * contradicts; a newer figure updates; a hedge or a question in the best sentence only mentions.
   */
  stance(best: number, bearing: readonly number[], figureContradicts: boolean): Stance;
}

/** A reader over the sentences of one article. */
export function createStanceReader(sentences: readonly string[]): StanceReader {
  const denial: (boolean | undefined)[] = [];
  const update: (boolean | undefined)[] = [];
  const denies = (i: number): boolean => (denial[i] ??= hasDenial(sentences[i]!));
  const updates = (i: number): boolean => (update[i] ??= UPDATE.test(sentences[i]!));
  return {
    stance(best, bearing, figureContradicts) {
      if (figureContradicts || denies(best) || bearing.some(denies)) return 'contradicts';
      if (updates(best) || bearing.some(updates)) return 'updates';
      return HEDGE.test(sentences[best]!) || QUESTION.test(sentences[best]!) ? 'mentions' : 'supports';
    },
  };
}

/** The stance of sentences given as text: the first is the best match, all of them bear on the claim. */
export function detectClaimStance(input: { best: string; bearing: readonly string[]; figureContradicts: boolean }): Stance {
  const reader = createStanceReader([input.best, ...input.bearing]);
  return reader.stance(0, input.bearing.map((_, i) => i + 1), input.figureContradicts);
}

/** Decides the stance of one sentence towards a claim (for callers that have only one sentence). */
export function detectStance(sentence: string, _claimStatement: string, opts: { figureContradicts?: boolean } = {}): Stance {
  return createStanceReader([sentence]).stance(0, [], opts.figureContradicts ?? false);
}
