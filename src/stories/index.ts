/**
 * Stories and origins: which report an article retells, and who did the reporting its facts rest on.
 * @module
 */
export { attributeOrigin, canonicalOutlet, quoteSource, readAttribution, UNKNOWN_ORIGIN, type Attribution, type OriginAttribution } from './attribution.js';
export { figureKeys, quotedPeople } from './fact-keys.js';
export { createStoryFingerprint, createStorySignature, SIGNATURE_SIZE, storySimilarity, type StoryFingerprint, type StorySignature } from './fingerprint.js';
export { assignStory, createStoryIndex, detailsOf, STORY_DEFAULTS, type RecentStory, type StoryCandidate, type StoryIndex, type StoryOptions } from './grouping.js';
export { evidenceOrigin, inheritedReason, isKnownOrigin, originWithoutStory, placeArticle, placeInStories, storyOriginOf, yieldsToStoryOrigin, type OriginBasis, type Placement } from './place-article.js';
