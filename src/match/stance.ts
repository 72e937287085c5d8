/**
 * Stance of a sentence towards a claim: supports, contradicts, updates or merely mentions it.
 * Cues are English and Chinese; the claim's own polarity matters ("Anthropic does not sell to China"
 * is supported by a sentence that also says "does not").
 * @module
 */
import type { Stance } from '../db/schema.js';

/** Words that dispute what was reported, whatever the claim says. */
const DENIAL =
  /\b(?:den(?:y|ied|ies|ying)|disput(?:e|ed|es|ing)|refut(?:e|ed|es)|reject(?:ed|s)?|rebut(?:ted|s)?|inaccurate|incorrect|untrue|not true|not accurate|misleading|pushed back|push back|well (?:below|under|short of)|far (?:below|less|short)|overstate[sd]?|contrary to)\b|否认|否認|驳斥|駁斥|不实|不實|并不属实|並不屬實|澄清|反驳|反駁|言过其实|誇大|夸大|远低于|遠低於/iu;

/** Words that report a newer figure or state for the same fact. */
const UPDATE =
  /\b(?:now (?:ha[sd]|is|are|stands?|runs?|tops?|exceeds?|nears?|approach(?:es)?)|has since|since (?:grown|risen|doubled|climbed)|run[- ]rate|raised (?:its|the) (?:forecast|estimate|target)|revised|latest figures?|updated|has (?:now )?joined|later joined|actual(?:ly)? spent|ended up)\b|最新|上调|上調|已升至|已增至|升至|已达|已達|实际支出|實際支出|如今已|现已|現已|后来加入|後來加入/iu;

/** Words that raise a claim without asserting it. */
const HEDGE =
  /\b(?:whether|if true|unverified|unconfirmed|could not (?:be )?(?:verify|verified|confirm)|questions? (?:about|over|remain)|remains? unclear|it is unclear|asked about|speculation|rumou?rs?|debate over|may be|might)\b|是否|尚不清楚|未经证实|未經證實|传闻|傳聞|质疑|質疑|有待证实|有待證實/iu;

const NEGATION = /\b(?:not|no|never|without|none|neither|nor|doesn't|don't|didn't|isn't|aren't|won't)\b|不|没有|沒有|未|并非|並非|无|無/iu;

/** Polarity of a text: true when it carries a negation. */
export function isNegated(text: string): boolean {
  return NEGATION.test(text);
}

/** Decides the stance of `sentence` towards a claim whose statement is `claimStatement`. */
export function detectStance(sentence: string, claimStatement: string, opts: { figureContradicts?: boolean } = {}): Stance {
  if (DENIAL.test(sentence) || opts.figureContradicts) return 'contradicts';
  if (UPDATE.test(sentence)) return 'updates';
  if (HEDGE.test(sentence)) return 'mentions';
  return 'supports';
}
