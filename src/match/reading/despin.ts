/**
 * Machine-"spun" copies: article spinners republish a report with words swapped for thesaurus entries
 * ("man-made intelligence" for AI, "client" for customer, "fashions" for models, "Chinese language" for
 * Chinese), which hides every phrase a claim or a relation cue is known by. This reads such a text back into
 * plain news English for scanning only: the scanner's hits are mapped back to the original offsets, and quotes,
 * figures and sentences keep the article's own words.
 *
 * Only phrases that are spinner output, not ordinary English, are listed ("colossal information company",
 * "persons acquainted with", "quickest developing"), so a normal article reads unchanged.
 * @module
 */

/** Spun phrase (lower case, as a regular-expression source) → the plain phrase it stands for. */
const SPUN: readonly (readonly [string, string])[] = [
  // Longer phrases first: the first alternative that matches at a position wins.
  ['(?:man-made|computer-based|synthetic|machine-made) intelligence income', 'AI revenue'],
  ['(?:man-made|computer-based|synthetic|machine-made) intelligence', 'AI'],
  ['man-made brainpower|artificial brainpower', 'AI'],
  ['chinese language (?=(?:corporations|companies|firms|prospects|customers|clients|builders|tech|authorities|regulators))', 'Chinese '],
  ['(?:biggest|greatest|largest|colossal) (?:artificial intelligence|AI) (?:client|prospect|purchaser)', 'largest AI customer'],
  ['(?:AI|artificial intelligence) (?:client|prospect)', 'AI customer'],
  ['prospects', 'customers'],
  ['fashions', 'models'],
  ['mannequin', 'model'],
  ['quickest (?:developing|rising|growing)', 'fastest-growing'],
  ['deals (?:region|territory|area)', 'sales territory'],
  ['(?:not doing|isn\'t doing|wasn\'t doing) sufficient', 'not doing enough'],
  ['complete income', 'total revenue'],
  ['AI income', 'AI revenue'],
  ['financial year', 'fiscal year'],
  ['(?:persons|individuals|people) acquainted with', 'people familiar with'],
  ['as per|in line with|as indicated by', 'according to'],
  ['(?:shell out|fork out)', 'spend'],
  ['in excess of', 'more than'],
  ['cloud administrations', 'cloud services'],
  ['facilitated on', 'hosted on'],
  ['seaward', 'offshore'],
  ['territory china', 'mainland China'],
  ['a fourth', 'a quarter'],
  ['colossal information company', 'TikTok owner'],
  ['adversarial purification', 'adversarial distillation'],
  ['discussion board', 'Forum'],
];

const PATTERN = new RegExp(`\\b(?:${SPUN.map(([spun]) => `(${spun})`).join('|')})`, 'giu');

/** A text read back from spun wording, with the way back to the original offsets. */
export interface Despun {
  text: string;
  /** The original offset of a start offset in `text`. */
  originalStart(offset: number): number;
  /** The original offset of an end offset in `text`. */
  originalEnd(offset: number): number;
}

/**
 * Words only spinners write: a text without one is not read further, which keeps this pass nearly free on
 * ordinary articles (most of a feed).
 */
const SPINNER_MARK = /man-made|computer-based|synthetic intelligence|acquainted with|chinese language|fashions|mannequin|quickest|administrations|facilitated|seaward|discussion board|colossal|as per |brainpower/i;

const IDENTITY = (offset: number) => offset;

/** Reads spun wording back; a text with none is returned as is. */
export function despin(original: string): Despun {
  if (!SPINNER_MARK.test(original)) return { text: original, originalStart: IDENTITY, originalEnd: IDENTITY };
  // Replaced spans: [start in new text, end in new text, start in original, end in original].
  const spans: [number, number, number, number][] = [];
  let shift = 0;
  const text = original.replace(PATTERN, (match: string, ...groups: unknown[]) => {
    const offset = groups[SPUN.length] as number;
    const index = groups.slice(0, SPUN.length).findIndex((group) => group !== undefined);
    const plain = SPUN[index]![1];
    spans.push([offset + shift, offset + shift + plain.length, offset, offset + match.length]);
    shift += plain.length - match.length;
    return plain;
  });
  if (spans.length === 0) return { text: original, originalStart: IDENTITY, originalEnd: IDENTITY };
  const map = (offset: number, end: boolean): number => {
    let delta = 0;
    for (const [newStart, newEnd, oldStart, oldEnd] of spans) {
      if (offset < newStart) break;
      if (offset < newEnd || (end && offset === newEnd)) return end ? oldEnd : oldStart;
      delta = oldEnd - newEnd;
    }
    return offset + delta;
  };
  return { text, originalStart: (offset) => map(offset, false), originalEnd: (offset) => map(offset, true) };
}
