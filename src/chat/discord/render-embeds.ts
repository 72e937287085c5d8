/**
 * A Reply as Discord messages of embeds: one embed per section, split into several messages at section
 * boundaries so no message breaks Discord's limits. Every feed-derived string is neutralized for mentions.
 * @module
 */
import { escapeMarkdown } from 'discord.js';
import { honestLabel } from '../honest-links.js';
import { neutralizeMentions } from '../mentions.js';
import type { Reply, ReplySection } from '../../model/index.js';

/**
 * Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Lengths are counted in UTF-16 units, which is never less than Discord's character count, so we stay safe.
 */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsPerMessage: 10,
  charsPerMessage: 6000,
  content: 2000,
} as const;

/** The embed JSON we send (a subset of Discord's embed object). */
export interface DiscordEmbed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string; inline: boolean }[];
  footer?: { text: string };
}

/** One message to send: its content and embeds. */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
}

// An empty field name or value is rejected by Discord; a zero-width space keeps the layout.
const BLANK = '\u200b';
/** Field values up to this length are shown inline. */
const INLINE_MAX = 40;

/** Renders a reply as one or more messages, in order; the first carries the title. */
export function renderDiscordMessages(reply: Reply): DiscordMessage[] {
  const header: DiscordEmbed = { title: clip(clean(reply.title), DISCORD_LIMITS.title) };
  if (reply.summary) header.description = clip(clean(reply.summary), DISCORD_LIMITS.description);
  const groups = reply.sections.map(sectionEmbeds).filter((group) => group.length > 0);
  // The title travels with the first section so a short reply is a single message.
  const [first, ...rest] = groups;
  const messages = packMessages([[header, ...(first ?? [])], ...rest]);
  if (reply.context) attachFooter(messages, clip(clean(reply.context), DISCORD_LIMITS.footer));
  return messages;
}

/** Characters Discord counts towards the 6000 limit of a message. */
export function embedLength(embed: DiscordEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * One section as embeds: usually one; a section too long for one embed continues in more embeds
 * (description split at line boundaries, fields 25 at a time), each within the per-message budget.
 */
function sectionEmbeds(section: ReplySection): DiscordEmbed[] {
  const title = section.heading ? clip(clean(section.heading), DISCORD_LIMITS.title) : undefined;
  const textLines = [...section.lines.map(clean), ...(section.links ?? []).map((link) => markdownLink(link.label, link.url))];
  const fields = (section.fields ?? []).map((field) => {
    const value = clip(clean(field.value), DISCORD_LIMITS.fieldValue) || BLANK;
    // Short values ("disputed", "08:30 Asia/Shanghai") sit side by side, up to three per row.
    return { name: clip(clean(field.name), DISCORD_LIMITS.fieldName) || BLANK, value, inline: value.length <= INLINE_MAX };
  });

  const embeds: DiscordEmbed[] = [];
  let current: DiscordEmbed = title ? { title } : {};
  const flush = () => {
    if (embedLength(current) > 0 || current.fields?.length) embeds.push(current);
    current = title ? { title: clip(`${title} (continued)`, DISCORD_LIMITS.title) } : {};
  };
  // Half the message budget per embed leaves room for the title embed and neighbours in the same message.
  const budget = DISCORD_LIMITS.charsPerMessage / 2;

  // A piece must fit an embed beside its (continued) title: 3000 - 256 - 11 would do; 2700 is simpler.
  const pieceMax = Math.min(DISCORD_LIMITS.description, budget - 300);
  for (const piece of textLines.flatMap((line) => splitLongLine(line, pieceMax))) {
    const description = current.description ? `${current.description}\n${piece}` : piece;
    const room = Math.min(DISCORD_LIMITS.description, budget - (current.title?.length ?? 0));
    if (description.length > room && current.description) {
      flush();
      current.description = piece;
    } else {
      current.description = description;
    }
  }
  for (const field of fields) {
    const size = field.name.length + field.value.length;
    if ((current.fields?.length ?? 0) >= DISCORD_LIMITS.fields || embedLength(current) + size > budget) flush();
    (current.fields ??= []).push(field);
  }
  flush();
  return embeds;
}

/**
 * Packs groups of embeds (one group per section) into messages of ≤ 10 embeds and ≤ 6000 characters.
 * A group that fits in a message is never split across two; only a group larger than a message is.
 */
function packMessages(groups: DiscordEmbed[][]): DiscordMessage[] {
  const messages: DiscordMessage[] = [];
  let current: DiscordEmbed[] = [];
  const fits = (embeds: DiscordEmbed[], more: DiscordEmbed[]) =>
    embeds.length + more.length <= DISCORD_LIMITS.embedsPerMessage &&
    sumLength(embeds) + sumLength(more) <= DISCORD_LIMITS.charsPerMessage;
  const flush = () => {
    if (current.length > 0) messages.push({ embeds: current });
    current = [];
  };

  for (const group of groups) {
    if (!fits(current, group)) flush();
    if (fits(current, group)) {
      current.push(...group);
      continue;
    }
    for (const embed of group) {
      if (!fits(current, [embed])) flush();
      current.push(embed);
    }
  }
  flush();
  return messages;
}

/** Puts the context line in the footer of the last embed, or in an embed (or message) of its own if full. */
function attachFooter(messages: DiscordMessage[], text: string): void {
  if (!text) return;
  const last = messages[messages.length - 1]!;
  const lastEmbed = last.embeds[last.embeds.length - 1];
  if (lastEmbed && !lastEmbed.footer && sumLength(last.embeds) + text.length <= DISCORD_LIMITS.charsPerMessage) {
    lastEmbed.footer = { text };
  } else if (last.embeds.length < DISCORD_LIMITS.embedsPerMessage && sumLength(last.embeds) + text.length <= DISCORD_LIMITS.charsPerMessage) {
    last.embeds.push({ footer: { text } });
  } else {
    messages.push({ embeds: [{ footer: { text } }] });
  }
}

/**
 * A markdown link whose label cannot break out of the brackets and whose URL cannot end the parenthesis
 * early. Non-http(s) URLs are shown as text only: Discord would not link them anyway.
 */
export function markdownLink(label: string, url: string): string {
  // Square brackets would end the link text early, so every one is escaped (a stray one too).
  const safeLabel = clean(honestLabel(label, url)).replace(/(?<!\\)[[\]]/gu, (ch) => `\\${ch}`);
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `• ${safeLabel}`;
    href = parsed.href.replace(/\(/gu, '%28').replace(/\)/gu, '%29');
  } catch {
    return `• ${safeLabel}`;
  }
  return `• [${safeLabel}](${href})`;
}

/**
 * Feed text made inert for Discord: mentions broken, and markdown escaped (bold, links in `[text](url)` form,
 * headings, lists), so a line from a feed is shown as written and never becomes a link or a heading.
 */
function clean(text: string): string {
  return escapeMarkdown(neutralizeMentions(text), { maskedLink: true, heading: true, bulletedList: true, numberedList: true });
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Drop a dangling high surrogate so the cut never leaves half an emoji.
  return `${text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, '')}…`;
}

/** Hard-cuts a single line longer than `max` (rare: one huge paragraph) so every piece fits an embed. */
function splitLongLine(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  // By code point, so a cut never separates the halves of a surrogate pair (emoji, rare CJK).
  const chars = [...line];
  const pieces: string[] = [];
  let piece = '';
  for (const ch of chars) {
    if (piece.length + ch.length > max) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function sumLength(embeds: DiscordEmbed[]): number {
  return embeds.reduce((total, embed) => total + embedLength(embed), 0);
}
