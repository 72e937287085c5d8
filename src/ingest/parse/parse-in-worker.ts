/**
 * The XML half of parsing, run inside a piscina worker thread (loaded through `parse-worker.mjs`).
 *
 * It lives in a worker because rss-parser is synchronous and has a quadratic `contentSnippet` regex: a
 * description full of `<` with no `>` can hold a thread for minutes (hazard 2), and only terminating the
 * thread stops it. Nothing here may throw: every failure comes back as a "parse: …" message.
 * @module
 */
import Parser from 'rss-parser';
import type { ParsedFeed } from '../types.js';
import { prepareParsedFeed, type PreparedFeed, type PrepareRequest } from '../prepare.js';
import { blankInvalidDates, isInvalidDateError } from './atom-dates.js';
import { findRootElement } from './detect.js';
import { toParsedFeed, type RawFeed, type RawFields } from './rss-adapter.js';
import { describeXmlError } from './xml-errors.js';

/** A parse for the worker: decoded XML and, to prepare the feed here too, what preparing needs. */
export interface XmlParseTask {
  text: string;
  charset: string;
  prepare: PrepareRequest | null;
}

/** What the worker sends back: plain data only, it crosses a thread boundary by structured clone. */
export type XmlParseOutcome =
  | { status: 'ok'; feed: ParsedFeed; charset: string }
  | { status: 'prepared'; prepared: PreparedFeed }
  | { status: 'failed'; message: string };

/**
 * A fresh parser per document: xml2js keeps state in its parser object, so a reused one can hang on a
 * rootless document and later hand that feed the next document's items (hazard 1, xml2js #388).
 */
function newParser(): Parser<RawFields, RawFields> {
  return new Parser<RawFields, RawFields>({
    // Accept <rss> without a version attribute (hazard 5).
    defaultRSS: 2,
    customFields: {
      feed: ['dc:language'],
      // content:encoded and dc:creator are defaults for RSS only; listing them covers Atom entries too.
      item: [
        ['content:encoded', 'content:encoded'],
        ['dc:creator', 'creator'],
        ['dc:date', 'date'],
        ['category', 'categoryList', { keepArray: true }],
        ['dc:subject', 'subjects', { keepArray: true }],
      ],
    },
  });
}

async function parseWithDateRescue(xml: string): Promise<RawFeed> {
  try {
    return (await newParser().parseString(xml)) as unknown as RawFeed;
  } catch (err) {
    if (!isInvalidDateError(err)) throw err;
    // One unreadable Atom date rejects the whole feed (hazard 6): blank such dates and try once more.
    return (await newParser().parseString(blankInvalidDates(xml))) as unknown as RawFeed;
  }
}

/** Expanded entities may add at most this much text: a feed is text, not an entity bomb. */
const ENTITY_EXPANSION_LIMIT = 1_000_000;
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/**
 * Entities a feed declares in its doctype's internal subset (`<!ENTITY co "Contoso">`), expanded once, without
 * recursion (an entity's value is not expanded again, so nesting bombs stay flat), with a size cap; the doctype
 * is dropped since sax would refuse the entities. A value is text: its `<` cannot open elements, while its
 * predefined references (`&amp;`) read as usual. Null when the expansion would pass the cap.
 */
export function expandInternalEntities(xml: string): string | null {
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(xml.slice(0, 100_000));
  if (!doctype) return xml;
  const entities = new Map<string, string>();
  for (const [, name, quoted1, quoted2] of (doctype[1] ?? '').matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    if (name && !PREDEFINED.has(name) && !entities.has(name)) entities.set(name, (quoted1 ?? quoted2 ?? '').replace(/</g, '&lt;'));
  }
  const rest = xml.slice(0, doctype.index) + xml.slice(doctype.index + doctype[0].length);
  if (entities.size === 0) return rest;
  let added = 0;
  let overflow = false;
  const out = rest.replace(/&([A-Za-z_][\w.-]*);/g, (whole, name: string) => {
    const value = entities.get(name);
    if (value === undefined) return whole;
    added += value.length;
    if (added > ENTITY_EXPANSION_LIMIT) overflow = true;
    return value;
  });
  return overflow ? null : out;
}

/** Namespaces whose elements are a feed's own: RSS 1.0 (RDF), RSS 2.0 as some write it, Atom. */
const FEED_NAMESPACES = /^(?:http:\/\/purl\.org\/rss\/1\.0\/?|http:\/\/backend\.userland\.com\/rss2?|http:\/\/www\.w3\.org\/2005\/Atom)$/;

/**
 * A valid feed whose elements carry a namespace prefix (`<r:rss>`, or RDF with `<rss:item>`) read as the same
 * feed unprefixed: rss-parser looks for `rss`, `channel` and `item` by name and would refuse it.
 */
export function unprefixFeedElements(xml: string): string {
  const root = findRootElement(xml).root;
  if (!root) return xml;
  const prefixes = new Set<string>();
  for (const [, prefix, uri] of root.startTag.matchAll(/\bxmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)) {
    if (prefix && uri && FEED_NAMESPACES.test(uri)) prefixes.add(prefix);
  }
  const rootPrefix = /^([\w.-]+):(?:rss|feed)$/.exec(root.name)?.[1];
  if (rootPrefix) prefixes.add(rootPrefix);
  let out = xml;
  for (const prefix of prefixes) out = out.replace(new RegExp(`<(/?)${prefix.replace(/[.]/g, '\\.')}:`, 'g'), '<$1');
  return out;
}

/** Parse decoded XML text into a ParsedFeed (and prepare it when asked), or a one-line failure message. */
export default async function parseXmlInWorker({ text, charset, prepare }: XmlParseTask): Promise<XmlParseOutcome> {
  // sax rejects anything before the prolog, and real feeds send whitespace or a stray BOM there.
  const expanded = expandInternalEntities(text.replace(/^[\s\uFEFF]+/, ''));
  if (expanded === null) return { status: 'failed', message: 'parse: entities in the doctype expand past the size limit' };
  const xml = unprefixFeedElements(expanded);
  let feed: ParsedFeed;
  try {
    feed = toParsedFeed(await parseWithDateRescue(xml), findRootElement(xml).root);
  } catch (err) {
    return { status: 'failed', message: describeXmlError(err, xml) };
  }
  return prepare ? { status: 'prepared', prepared: prepareParsedFeed(feed, charset, prepare) } : { status: 'ok', feed, charset };
}
