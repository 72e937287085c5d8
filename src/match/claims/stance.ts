/**
 * Stance of an article towards a claim: supports, contradicts, updates or merely mentions it.
 * The cues (stance-cues.ts) are found by the matcher's one scan; this module turns the cues of the
 * sentences that bear on a claim into a stance. A denial is often the sentence after the one restating
 * what was reported ("…, disputing the report"), so every bearing sentence is read for it, while a hedge
 * counts only in the best-matching sentence, since background sentences hedge about other things.
 * @module
 */
import type { Stance } from '../../model/index.js';
import { STANCE_CUES, type CueKind } from './stance-cues.js';
import { createTermScanner, foldTerm, type TermScanner } from '../reading/term-scanner.js';

/** The stance cues of one sentence. */
export interface StanceCues {
  denial: boolean;
  update: boolean;
  /** A newer figure ("now tops", "升至"): an update of a claim that states a figure. */
  figureUpdate: boolean;
  /** A hedge or a question: the sentence raises something without asserting it. */
  hedge: boolean;
}

/** Folded cue phrase → its kind, for reading scanner hits. */
export const CUE_KINDS: ReadonlyMap<string, CueKind> = new Map(STANCE_CUES.map(([phrase, kind]) => [foldTerm(phrase), kind]));

/** A negation just before a denial cancels it: "did not dispute the figures", "并未否认". */
const NEGATED_BEFORE = /(?:\b(?:not|never|no)|n't|没有|沒有|未|并未|並未|不曾)\s*$/iu;

/** Closing quotes and brackets that may follow a question mark at the end of a sentence. */
const CLOSERS = new Set(['"', "'", '”', '’', '」', '』', ')', '）', ' ']);

/** True when a sentence asks rather than states (it ends with ? or ？, perhaps inside quotes). */
export function isQuestion(sentence: string): boolean {
  let end = sentence.length - 1;
  while (end >= 0 && CLOSERS.has(sentence[end]!)) end--;
  return end >= 0 && (sentence[end] === '?' || sentence[end] === '？');
}

/**
 * The cues of a sentence from the scanner hits in it (`cueOf`: the cue a hit is, if any). `text` is the
 * text the hits index into (for the negation check before a denial) and `sentence` the sentence itself
 * (for the question mark).
 */
export function cuesFromHits<H extends { start: number }>(
  hits: readonly H[],
  cueOf: (hit: H) => CueKind | undefined,
  text: string,
  sentence: string,
): StanceCues {
  const cues: StanceCues = { denial: false, update: false, figureUpdate: false, hedge: isQuestion(sentence) };
  for (const hit of hits) {
    const kind = cueOf(hit);
    // A correction says nothing on its own: which side of it a claim's words fall decides (rejectsClaim).
    if (kind === undefined || kind === 'correction') continue;
    if (kind === 'denial') cues.denial ||= !NEGATED_BEFORE.test(text.slice(Math.max(0, hit.start - 16), hit.start));
    else if (kind === 'figure-update') cues.figureUpdate = true;
    else cues[kind] = true;
  }
  return cues;
}

/** Reads the stances of one article's claims from the cues of its sentences. */
export interface StanceReader {
  /**
   * The stance towards a claim from its best-matching sentence and every sentence bearing on it (indexes):
   * a denial anywhere among them (or a figure hedged the other way, "less than" against "more than")
   * contradicts; a newer figure updates; a hedge or a question in the best sentence only mentions.
   */
  stance(best: number, bearing: readonly number[], figureContradicts: boolean, own?: readonly number[], options?: { statesFigure?: boolean }): Stance;
}

/** Sentences either side of the best one whose denials and updates count. */
const STANCE_WINDOW = 3;

/** A reader over one article; `cuesAt(i)` gives the cues of sentence i (and may compute them lazily). */
export function createStanceReader(cuesAt: (i: number) => StanceCues): StanceReader {
  return {
    stance(best, allBearing, figureContradicts, ownBearing = allBearing, { statesFigure = true } = {}) {
      // A denial or a newer figure answers the sentence it follows or precedes; on a long page, a sentence
      // far away that bears on the claim (a background box, a "latest" teaser, another section's dispute
      // about something else) does not change what this passage asserts.
      const bearing = allBearing.filter((i) => Math.abs(i - best) <= STANCE_WINDOW);
      if (figureContradicts || cuesAt(best).denial || bearing.some((i) => cuesAt(i).denial)) return 'contradicts';
      // A newer figure next door is this claim's only where the claim is what that sentence is most about:
      // "above earlier estimates" beside a sentence on ByteDance's bill does not update its customer rank.
      const own = ownBearing.filter((i) => Math.abs(i - best) <= STANCE_WINDOW);
      const updates = (cues: StanceCues) => cues.update || (statesFigure && cues.figureUpdate);
      if (updates(cuesAt(best)) || own.some((i) => updates(cuesAt(i)))) return 'updates';
      return cuesAt(best).hedge ? 'mentions' : 'supports';
    },
  };
}

let cueScanner: TermScanner<CueKind | undefined> | undefined;

/** The cues of a sentence given as text (for callers without a scan of their own). */
export function stanceCues(sentence: string): StanceCues {
  cueScanner ??= createTermScanner(CUE_KINDS.keys(), [], (key) => CUE_KINDS.get(key));
  return cuesFromHits(cueScanner.scan(sentence), (hit) => hit.data, sentence, sentence);
}

/** The stance of sentences given as text: the first is the best match, all of them bear on the claim. */
export function detectClaimStance(input: { best: string; bearing: readonly string[]; figureContradicts: boolean }): Stance {
  const cues = [input.best, ...input.bearing].map(stanceCues);
  return createStanceReader((i) => cues[i]!).stance(0, input.bearing.map((_, i) => i + 1), input.figureContradicts);
}

/** Decides the stance of one sentence towards a claim (for callers that have only one sentence). */
export function detectStance(sentence: string, _claimStatement: string, opts: { figureContradicts?: boolean } = {}): Stance {
  return detectClaimStance({ best: sentence, bearing: [], figureContradicts: opts.figureContradicts ?? false });
}

/**
 * True when a sentence sets something against a claim ("…in Shanghai rather than offshore", "…而非海外"):
 * the claim's own terms (`ofClaim`) fall only in what a correction word rejects, which runs from the word
 * to the end of its clause ("Rather than in Beijing, the models run in Singapore" rejects only Beijing).
 * `text` is the text the hits index into.
 */
export function rejectsClaim<H extends { start: number; end: number }>(
  hits: readonly H[],
  cueOf: (hit: H) => CueKind | undefined,
  ofClaim: (hit: H) => boolean,
  text: string,
): boolean {
  const marker = hits.find((hit) => cueOf(hit) === 'correction');
  if (!marker) return false;
  const clauseEnd = text.slice(marker.end).search(/[,，;；]|\s[—–]\s/u);
  const rejectedEnd = clauseEnd < 0 ? Infinity : marker.end + clauseEnd;
  let inside = 0, outside = 0;
  for (const hit of hits) if (ofClaim(hit)) hit.start >= marker.end && hit.start < rejectedEnd ? inside++ : outside++;
  return inside > 0 && outside === 0;
}
