/**
 * Parse stage: bytes + Content-Type in, ParsedFeed (RSS 0.9x/2.0, RSS 1.0, Atom, JSON Feed) or one
 * "parse: …" reason out. Never fetches, never throws for a bad feed.
 * @module
 */
export { decodeBody } from './charset.js';
export {
  closeDefaultFeedParser,
  createFeedParser,
  parseFeed,
  type FeedParser,
  type FeedParserOptions,
} from './feed-parser.js';
