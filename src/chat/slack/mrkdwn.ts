/**
 * Slack mrkdwn text: escaping, links and splitting long text without breaking words, entities or links.
 * Every string from a Reply passes through `mrkdwn()` or `plain()`, so feed text never pings anyone.
 * @module
 */
import { neutralizeMentions } from '../mentions.js';

/**
 * Feed text made safe for a mrkdwn field: mentions broken first, then the three characters Slack asks apps to
 * escape (&, <, >; https://docs.slack.dev/messaging/formatting-message-text#escaping). Escaping also turns any
 * `<!channel>` that survived into inert text.
 */
export function mrkdwn(text: string): string {
  return neutralizeMentions(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Feed text for a plain_text field (the header): not parsed by Slack, so only mentions are broken. */
export function plain(text: string): string {
  return neutralizeMentions(text);
}

/** A bold heading line; asterisks inside would end the bold early, so they are dropped. */
export function boldLine(text: string): string {
  const clean = text.replace(/\*/g, '').replace(/\s+/g, ' ').trim();
  return clean ? `*${mrkdwn(clean)}*` : '';
}

/**
 * A `<url|label>` link. Only http(s) URLs become links (anything else could be a `javascript:` or a Slack
 * control sequence); the label loses `|` and newlines, which would end or break the link.
 */
export function link(url: string, label: string): string {
  const cleanLabel = mrkdwn(label.replace(/[|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim());
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return cleanLabel;
    // URL.href percent-encodes <, >, spaces and quotes; `|` would end the URL part, so it is encoded too.
    href = parsed.href.replace(/\|/g, '%7C').replace(/&/g, '&amp;');
  } catch {
    return cleanLabel;
  }
  return cleanLabel ? `<${href}|${cleanLabel}>` : `<${href}>`;
}

/** Cuts text to `max` UTF-16 units with an ellipsis, never inside a surrogate pair or an `&amp;` entity. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeCut(text, max - 1);
  return `${text.slice(0, cut)}…`;
}

/**
 * Splits text into chunks of at most `max` UTF-16 units: at a line break if one falls in the second half of
 * the chunk, else at a space, else (one enormous word) anywhere safe. Lengths are counted in UTF-16 units,
 * which is never less than Slack's character count, so the limit holds either way.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = safeCut(rest, max);
    else cut = outsideLink(rest, cut);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]+/, '');
  }
  if (rest.trim()) chunks.push(rest);
  return chunks.filter((chunk) => chunk.trim() !== '');
}

/** The largest cut position ≤ max that does not split a surrogate pair, an entity or a `<…>` link. */
function safeCut(text: string, max: number): number {
  let cut = Math.max(1, max);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return Math.max(1, outsideLink(text, cut));
}

/** Moves a cut back to the start of a `<url|label>` link it would fall inside (mrkdwn text has no other raw `<`). */
function outsideLink(text: string, cut: number): number {
  const open = text.lastIndexOf('<', cut - 1);
  return open > 0 && text.lastIndexOf('>', cut - 1) < open ? open : cut;
}
