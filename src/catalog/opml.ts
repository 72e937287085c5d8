/**
 * OPML import for `claimwatch import-opml FILE`.
 * OPML is flat enough that reading the attributes of each `<outline>` tag is all that is needed: nesting only
 * groups feeds into folders, and every feed is an outline with an `xmlUrl` (OPML 2.0, "subscription lists").
 * @module
 */

/** A feed found in an OPML file. */
export interface OpmlFeed {
  url: string;
  title: string | null;
}

/** An outline that was not added, and why. */
export interface SkippedOutline {
  url: string;
  reason: string;
}

/** The outcome of an import: how many feeds were added, and every outline skipped with its reason. */
export interface OpmlImportResult {
  added: number;
  skipped: SkippedOutline[];
}

// Quoted attribute values may contain ">", so the tag ends at the first ">" outside quotes.
const OUTLINE_TAG = /<outline\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const COMMENT = /<!--[\s\S]*?-->/g;

/** Lists the feeds of an OPML document, in order, at any nesting depth; outlines without `xmlUrl` are folders. */
export function parseOpml(xml: string): { feeds: OpmlFeed[]; invalid: SkippedOutline[] } {
  const found: OpmlFeed[] = [];
  const invalid: SkippedOutline[] = [];
  for (const match of xml.replace(COMMENT, '').matchAll(OUTLINE_TAG)) {
    const attrs = readAttributes(match[1] ?? '');
    const raw = attrs.get('xmlurl');
    if (raw === undefined) continue;
    const url = httpUrl(raw.trim());
    if (typeof url !== 'string') {
      invalid.push({ url: raw.trim(), reason: url.problem });
      continue;
    }
    const title = (attrs.get('title') ?? attrs.get('text') ?? '').trim();
    found.push({ url, title: title || null });
  }
  return { feeds: found, invalid };
}

/** Stores feeds found in OPML (src/db/feed-sync.ts addOpmlFeeds); a URL already present is left as it is. Returns the URLs added. */
export type AddOpmlFeeds = (feeds: readonly OpmlFeed[]) => Promise<string[]>;

/**
 * Adds the feeds of an OPML document with source `opml`; feeds already present (by URL) are left as they are.
 * @example const { added, skipped } = await importOpml((feeds) => addOpmlFeeds(db, feeds), await readFile('subs.opml', 'utf8'));
 */
export async function importOpml(addFeeds: AddOpmlFeeds, xml: string): Promise<OpmlImportResult> {
  const { feeds: found, invalid } = parseOpml(xml);
  // The first outline of a URL wins, as a reader importing the file top to bottom would keep it.
  const unique = found.filter((f, i) => found.findIndex((g) => g.url === f.url) === i);
  const repeated = found.filter((f, i) => found.findIndex((g) => g.url === f.url) !== i).map((f) => ({ url: f.url, reason: 'listed twice in the file' }));
  const added = new Set(await addFeeds(unique));
  const known = unique.filter((f) => !added.has(f.url)).map((f) => ({ url: f.url, reason: 'already a feed' }));
  return { added: added.size, skipped: [...invalid, ...repeated, ...known] };
}

/** Attribute names lower-cased: OPML in the wild writes both `xmlUrl` and `xmlurl`. */
function readAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    attrs.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML's five named entities and numeric character references; unknown ones are left as written. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function httpUrl(raw: string): string | { problem: string } {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? raw : { problem: `not an http(s) URL (${url.protocol})` };
  } catch {
    return { problem: 'not a URL' };
  }
}
