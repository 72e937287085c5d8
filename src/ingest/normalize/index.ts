/**
 * Normalize stage: ParsedFeed in, NormalizedArticle[] plus per-item problems out. Pure: no I/O, the
 * clock arrives in the context.
 * @module
 */
export { canonicalizeUrl } from './canonical-url.js';
export { contentHash } from './content-hash.js';
export { detectLanguage } from './language.js';
export { htmlToPlainText } from './html-text.js';
export { normalizeItems, type NormalizeContext } from './normalize-items.js';
export { resolvePublished } from './dates.js';
