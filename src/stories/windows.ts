/**
 * How much text around a name the attribution readers look at.
 * @module
 */

/** About the title and first three English paragraphs; a Chinese rewrite names its source in the first sentence. */
export const LEAD_CHARS = 1_200;
/** Cues sit right next to the name: a short window either side keeps the anchored regexes cheap. */
export const BEFORE_WINDOW = 80;
export const AFTER_WINDOW = 48;
