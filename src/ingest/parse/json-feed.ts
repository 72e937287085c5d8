/**
 * JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/), which rss-parser does not read.
 * @module
 */
import { z } from 'zod';
import type { ParsedFeed, ParsedItem } from '../types.js';

/** Fields of the wrong type become undefined instead of rejecting the item or the feed. */
const optionalString = z.string().optional().catch(undefined);
const author = z.object({ name: optionalString }).optional().catch(undefined);

const itemSchema = z.object({
  // 1.0 allowed numeric ids in practice; the spec says string, so coerce.
  id: z.union([z.string(), z.number().transform(String)]).optional().catch(undefined),
  url: optionalString,
  external_url: optionalString,
  title: optionalString,
  content_html: optionalString,
  content_text: optionalString,
  summary: optionalString,
  date_published: optionalString,
  date_modified: optionalString,
  author, // 1.0
  authors: z.array(z.unknown()).optional().catch(undefined), // 1.1
  tags: z.array(z.unknown()).optional().catch(undefined),
});

const feedSchema = z.object({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(\.1)?$/),
  title: optionalString,
  home_page_url: optionalString,
  language: optionalString,
  items: z.array(z.unknown()),
});

type JsonFeedItem = z.infer<typeof itemSchema>;

/** Plain text placed where HTML is expected must not be read as markup. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function toIso(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function firstAuthor(item: JsonFeedItem): string | null {
  const fromList = item.authors?.map((a) => author.parse(a)?.name).find((name) => name);
  return fromList ?? item.author?.name ?? null;
}

function toParsedItem(item: JsonFeedItem): ParsedItem {
  const contentHtml = item.content_html ?? (item.content_text ? escapeHtml(item.content_text) : null);
  return {
    title: item.title ?? null,
    link: item.url ?? item.external_url ?? null,
    guid: item.id ?? null,
    contentHtml,
    summaryHtml: item.summary && item.summary !== contentHtml ? escapeHtml(item.summary) : null,
    author: firstAuthor(item),
    publishedIso: toIso(item.date_published) ?? toIso(item.date_modified),
    categories: (item.tags ?? []).filter((tag): tag is string => typeof tag === 'string'),
  };
}

/** Parse a JSON Feed document; an item that is not an object is skipped, never fatal. */
export function parseJsonFeed(text: string): { status: 'ok'; feed: ParsedFeed } | { status: 'failed'; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { status: 'failed', message: `parse: malformed JSON: ${(err as Error).message}` };
  }
  const feed = feedSchema.safeParse(json);
  if (!feed.success) {
    const versionBad = feed.error.issues.some((issue) => issue.path[0] === 'version');
    return {
      status: 'failed',
      message: versionBad
        ? 'parse: JSON but not a JSON Feed (no version https://jsonfeed.org/version/1 or 1.1)'
        : `parse: invalid JSON Feed: ${feed.error.issues[0]?.path.join('.') ?? ''} ${feed.error.issues[0]?.message ?? ''}`.trimEnd(),
    };
  }
  const items: ParsedItem[] = [];
  for (const raw of feed.data.items) {
    const item = itemSchema.safeParse(raw);
    if (item.success) items.push(toParsedItem(item.data));
  }
  return {
    status: 'ok',
    feed: {
      format: 'json',
      title: feed.data.title ?? null,
      link: feed.data.home_page_url ?? null,
      language: feed.data.language ?? null,
      items,
    },
  };
}
