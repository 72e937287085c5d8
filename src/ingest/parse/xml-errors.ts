/**
 * Turn what rss-parser / xml2js / sax throw into one-line "parse: …" reasons an operator can act on.
 * @module
 */
import { findRootElement } from './detect.js';

/** sax wording → ours; sax's own text is kept for anything not listed. */
const SAX_REASONS: Readonly<Record<string, string>> = {
  'Unexpected close tag': 'unclosed tag',
  'Unclosed root tag': 'unclosed root tag (truncated document?)',
  'Invalid character in entity name': "bare '&' or invalid entity",
  'Non-whitespace before first tag.': 'text before the first tag',
  'Text data outside of root node.': 'text after the root element',
};

/** sax errors read "Unexpected close tag\nLine: 3\nColumn: 15\nChar: >"; its Line is 0-based. */
function describeSaxError(message: string): string | null {
  const match = /^(.*)\nLine: (\d+)\nColumn: (\d+)/.exec(message);
  if (!match) return null;
  const [, what = '', line = '0', column = '0'] = match;
  const reason = SAX_REASONS[what] ?? what.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
  return `parse: malformed XML at line ${Number(line) + 1}, column ${column}: ${reason}`;
}

/** A one-line "parse: …" message for an error thrown while parsing `text`. */
export function describeXmlError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError && /call stack/i.test(message)) return 'parse: document too deeply nested';
  if (err instanceof RangeError && /invalid time value/i.test(message)) return 'parse: unreadable date in feed';
  const sax = describeSaxError(message);
  if (sax) return sax;
  if (message === 'Unable to parse XML.') return 'parse: no root element';
  const { root } = findRootElement(text);
  if (message.startsWith('Feed not recognized')) {
    return root ? `parse: not a feed: root element is <${root.name}>` : 'parse: not a feed';
  }
  // rss-parser reads xmlObj.rss.channel[0] unchecked: `<rss version="2.0"></rss>` is a TypeError.
  if (err instanceof TypeError && !/<(?:[\w.-]+:)?(?:channel|feed)[\s>/]/.test(text)) {
    return 'parse: no <channel> or <feed> root';
  }
  // The parser's own words ("Cannot read properties of undefined") tell an operator nothing: never shown.
  return 'parse: unreadable feed structure (no channel, items or entries where the format puts them)';
}
