/**
 * Map rss-parser's output to our ParsedFeed, the way Miniflux's `rss/adapter.go` maps its XML structs.
 * rss-parser hands back xml2js shapes: a field may be a string, `{ _: text, $: attrs }`, an attribute-only
 * object or an array, so every read goes through a narrowing helper.
 * @module
 */
import type { ParsedFeed, ParsedItem } from '../types.js';
import type { RootElement } from './detect.js';

/** An rss-parser feed or item: field values vary with the XML, so they stay unknown until narrowed. */
export type RawFields = Record<string, unknown>;

/** The rss-parser result as we read it. */
export interface RawFeed extends RawFields {
  items: RawFields[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of an xml2js value: a string, the `_` of an element with attributes, or the first of an array. */
function toText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return toText(value[0]);
  if (isRecord(value)) return toText(value._);
  return null;
}

function attr(value: unknown, name: string): string | null {
  const element = Array.isArray(value) ? value[0] : value;
  return isRecord(element) && isRecord(element.$) ? toText(element.$[name]) : null;
}

/** `<link>url</link>`, or an Atom-style `<link href="url"/>` inside RSS. */
function linkOf(value: unknown): string | null {
  return toText(value)?.trim() ?? attr(value, 'href');
}

/** RSS `<category>` text (maybe with a domain attribute), Atom `term`/`label`, or RDF `dc:subject`. */
function categoriesOf(item: RawFields): string[] {
  const values = [item.categoryList, item.subjects].flatMap((list) => (Array.isArray(list) ? list : []));
  const names = values
    .map((value) => toText(value) ?? attr(value, 'label') ?? attr(value, 'term'))
    .filter((name): name is string => name !== null)
    .map((name) => name.trim());
  return [...new Set(names)];
}

function formatOf(root: RootElement | null): ParsedFeed['format'] {
  const local = root?.name.split(':').pop()?.toLowerCase();
  if (local === 'feed') return 'atom';
  if (local === 'rdf') return 'rdf';
  return 'rss';
}

function toParsedItem(item: RawFields): ParsedItem {
  const encoded = toText(item['content:encoded']);
  const content = toText(item.content);
  const summary = toText(item.summary);
  // RSS puts <description> in `content`; Atom has `content` and `summary`. content:encoded beats both.
  const contentHtml = encoded ?? content;
  const summaryHtml = [summary, encoded ? content : null].find((s) => s !== null && s !== contentHtml) ?? null;
  return {
    title: toText(item.title),
    link: linkOf(item.link),
    // RSS <guid>, Atom <id>, RSS 1.0 rdf:about.
    guid: (toText(item.guid) ?? toText(item.id) ?? toText(item['rdf:about']))?.trim() ?? null,
    contentHtml,
    summaryHtml,
    author: (toText(item.creator) ?? toText(item.author))?.trim() ?? null,
    publishedIso: toText(item.isoDate),
    categories: categoriesOf(item),
  };
}

/** Build a ParsedFeed from rss-parser's output and the document's root element. */
export function toParsedFeed(raw: RawFeed, root: RootElement | null): ParsedFeed {
  // Atom keeps its language in xml:lang on <feed>, which rss-parser does not expose.
  const xmlLang = root ? /\bxml:lang\s*=\s*["']([^"']+)["']/.exec(root.startTag)?.[1] ?? null : null;
  return {
    format: formatOf(root),
    title: toText(raw.title)?.trim() ?? null,
    link: linkOf(raw.link),
    language: toText(raw.language) ?? toText(raw['dc:language']) ?? xmlLang,
    items: raw.items.map(toParsedItem),
  };
}
