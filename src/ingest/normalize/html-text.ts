/**
 * HTML fragments from feeds → plain text: entities decoded, links without hrefs, images dropped,
 * whitespace collapsed. Plain text is what matching, hashing and chat messages need.
 * @module
 */
import { compile } from 'html-to-text';

/**
 * Compiled once: `htmlToText(html, options)` re-compiles its selectors on every call. Headings are not
 * uppercased (the default would turn a Chinese-English headline's Latin words to capitals), and
 * blockquotes lose their "> " prefixes.
 */
const convert = compile({
  wordwrap: false,
  selectors: [
    // `inline` drops the href and is faster than the anchor formatter with ignoreHref.
    { selector: 'a', format: 'inline' },
    { selector: 'img', format: 'skip' },
    { selector: 'picture', format: 'skip' },
    { selector: 'video', format: 'skip' },
    { selector: 'audio', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'hr', format: 'skip' },
    { selector: 'blockquote', format: 'block' },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
      selector,
      options: { uppercase: false },
    })),
  ],
});

/**
 * Zero-width characters that look like nothing but defeat matching, and control characters that are not
 * whitespace (tab, newline, vertical tab and form feed become spaces below): PostgreSQL text cannot hold NUL,
 * so one in a feed would fail the feed's store.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u0008\u000e-\u001f\u007f]/g;
/** A UTF-16 surrogate without its pair (a string cut inside an emoji): not text, and jsonb refuses it. */
const LONE_SURROGATE = /\p{Cs}/gu;

/** Text without the characters of INVISIBLE, and with U+FFFD for a lone surrogate. */
function cleanCharacters(text: string): string {
  return text.replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd');
}

/** A plain string (a guid) cleaned as text is, trimmed. */
export function withoutInvisible(text: string): string {
  return cleanCharacters(text).trim();
}
const HORIZONTAL_SPACE = /[^\S\n]+/g;

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number, ellipsis = ''): string {
  if (text.length <= max) return text;
  let end = max - ellipsis.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end).trimEnd() + ellipsis;
}

/**
 * Plain text of an HTML fragment, one line per block, at most `maxChars` long. The input is cut to
 * `maxInput` first, so a 5 MB description costs a bounded ~20 ms, not hundreds.
 */
export function htmlToPlainText(html: string | null, maxChars: number, maxInput = maxChars): string {
  if (!html) return '';
  const input = truncate(html, maxInput);
  // Most titles and many descriptions are already plain: skip the HTML parser for them.
  const text = /[<&]/.test(input) ? convert(input) : input;
  const lines = cleanCharacters(text)
    .replace(HORIZONTAL_SPACE, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return truncate(lines.join('\n'), maxChars);
}

/** All whitespace, newlines included, collapsed to single spaces. */
export function toSingleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
