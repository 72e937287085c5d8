/**
 * A Reply as Slack Block Kit messages: a header, the summary, one group of blocks per ReplySection separated
 * by dividers, and the context as a footer. Long replies become several messages, split between sections.
 * @module
 */
import { honestLabel } from '../honest-links.js';
import type { types } from '@slack/bolt';
import type { Reply, ReplySection } from '../../model/index.js';
import { boldLine, link, mrkdwn, plain, splitText, truncate } from './mrkdwn.js';

type Block = types.KnownBlock;
type MrkdwnText = types.MrkdwnElement;

/** One Slack message: `text` is the notification fallback, `blocks` what the channel shows. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks), plus the observed total-size limit. */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  blocksPerMessage: 50,
  /** Slack has refused messages around 13k characters below the documented limits; stay well under. */
  charsPerMessage: 12_000,
} as const;

/** Room kept on every page for the "part i/n" context block and the fallback text. */
const PAGE_RESERVE = { blocks: 1, chars: 2 * SLACK_LIMITS.headerText + 40 };
const MAX_LINK_LABEL = 200;
/** A longer URL is shown as its label only, so one link cannot blow a section's 3,000 characters. */
const MAX_LINK_URL = 2000;

/** Renders a reply as one or more Block Kit messages, in order; a section is never split unless it alone is too big. */
export function renderSlackBlocks(reply: Reply): SlackMessage[] {
  const title = reply.title.trim() || 'claimwatch';
  const head: Block[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(plain(title), SLACK_LIMITS.headerText), emoji: false } }];
  if (reply.summary?.trim()) head.push(...textSections(mrkdwn(reply.summary.trim())));
  const groups = [head, ...reply.sections.map(sectionBlocks).filter((group) => group.length > 0)];
  if (reply.context?.trim()) groups.push([contextBlock(mrkdwn(reply.context.trim()))]);
  const pages = paginate(groups);
  const fallback = truncate(mrkdwn(title), SLACK_LIMITS.headerText);
  if (pages.length === 1) return [{ text: fallback, blocks: pages[0]! }];
  return pages.map((blocks, i) => {
    const part = `(part ${i + 1}/${pages.length})`;
    // Later parts carry the title in a small line, so a reader who sees only that message knows what it is.
    const label = contextBlock(`${truncate(mrkdwn(title), SLACK_LIMITS.headerText)} ${part}`);
    return { text: `${fallback} ${part}`, blocks: i === 0 ? blocks : [label, ...blocks] };
  });
}

/** The characters of a message that count against Slack's size limit: every text the blocks carry. */
export function messageChars(message: SlackMessage): number {
  return message.text.length + message.blocks.reduce((sum, block) => sum + blockChars(block), 0);
}

/** One ReplySection: its text with the fields attached, then its links; empty sections give no blocks. */
function sectionBlocks(section: ReplySection): Block[] {
  const lines = [section.heading ? boldLine(section.heading) : '', ...section.lines.map((line) => mrkdwn(line))];
  const blocks: types.SectionBlock[] = textSections(lines.filter((line) => line.trim() !== '').join('\n'));
  const fields: MrkdwnText[] = (section.fields ?? []).map((field) => ({
    type: 'mrkdwn',
    text: truncate([boldLine(field.name), mrkdwn(field.value)].filter(Boolean).join('\n') || ' ', SLACK_LIMITS.fieldText),
  }));
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    const chunk = fields.slice(i, i + SLACK_LIMITS.fieldsPerSection);
    const last = blocks.at(-1);
    // The first ten fields sit under the text (Slack shows them as two columns); more get blocks of their own.
    if (i === 0 && last) last.fields = chunk;
    else blocks.push({ type: 'section', fields: chunk });
  }
  const links = (section.links ?? []).map((l) => {
    const label = honestLabel(l.label, l.url);
    return `• ${l.url.length > MAX_LINK_URL ? mrkdwn(label) : link(l.url, truncate(label, MAX_LINK_LABEL))}`;
  });
  blocks.push(...textSections(links.join('\n')));
  return blocks;
}

/** mrkdwn text as section blocks of at most 3,000 characters each (none for empty text). */
function textSections(text: string): types.SectionBlock[] {
  return splitText(text, SLACK_LIMITS.sectionText).map((chunk) => ({ type: 'section', text: { type: 'mrkdwn', text: chunk } }));
}

function contextBlock(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.contextText) }] };
}

/**
 * Packs groups of blocks into pages: a group that does not fit starts a new page, with a divider before every
 * group that follows another on the same page. Only a group too big for a page of its own is cut, block by block.
 */
function paginate(groups: Block[][]): Block[][] {
  const maxBlocks = SLACK_LIMITS.blocksPerMessage - PAGE_RESERVE.blocks;
  const maxChars = SLACK_LIMITS.charsPerMessage - PAGE_RESERVE.chars;
  const pages: Block[][] = [];
  let page: Block[] = [];
  let chars = 0;
  const flush = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    chars = 0;
  };
  for (const group of groups) {
    const size = group.reduce((sum, block) => sum + blockChars(block), 0);
    const divider: Block[] = page.length > 0 ? [{ type: 'divider' }] : [];
    if (page.length + divider.length + group.length <= maxBlocks && chars + size <= maxChars) {
      page.push(...divider, ...group);
      chars += size;
      continue;
    }
    flush();
    if (group.length <= maxBlocks && size <= maxChars) {
      page.push(...group);
      chars = size;
      continue;
    }
    for (const block of group) {
      const blockSize = blockChars(block);
      if (page.length + 1 > maxBlocks || chars + blockSize > maxChars) flush();
      page.push(block);
      chars += blockSize;
    }
  }
  flush();
  return pages;
}

function blockChars(block: Block): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0);
    case 'context':
      return block.elements.reduce((sum, element) => sum + ('text' in element ? element.text.length : 0), 0);
    default:
      return 0;
  }
}
