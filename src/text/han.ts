/**
 * Character classes every stage that reads text shares (normalizing, sentence splitting, term scanning, story
 * fingerprints): Chinese is written without spaces, so it is read by character class, not by word.
 * Char-code ranges rather than `\p{Script=Han}`: these run for every character of every article.
 * @module
 */

/** A Han ideograph in the Basic Multilingual Plane: CJK Unified Ideographs, Extension A, compatibility ideographs. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}
