/**
 * Cheap, linear look at a decoded body: is it empty, JSON, an HTML page, or XML worth parsing?
 * rss-parser calls an HTML page "Feed not recognized as RSS 1 or 2", which tells the operator nothing.
 * @module
 */

/** The document's first element: its name and its whole start tag (for attributes such as xml:lang). */
export interface RootElement {
  name: string;
  startTag: string;
}

/** What kind of document a body is, decided before any parser runs. */
export type DocumentKind =
  | { kind: 'empty' }
  | { kind: 'json' }
  | { kind: 'html'; alternateFeed: string | null }
  | { kind: 'xml'; root: RootElement | null };

/** How far into an HTML page we look for `<link rel="alternate">`: the head is near the top. */
const HEAD_WINDOW = 64 * 1024;

/**
 * End index (exclusive) of a `<!DOCTYPE …>` starting at `from`, skipping an internal subset `[…]` (whose
 * declarations hold `>` of their own). One forward pass, no recursion: a crafted doctype of `[]` repeated
 * 100,000 times costs one scan, not a stack overflow.
 */
function endOfDoctype(text: string, from: number): number {
  let depth = 0;
  for (let i = from + 2; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5b) depth++;
    else if (code === 0x5d) depth = depth > 0 ? depth - 1 : 0;
    else if (code === 0x3e && depth === 0) return i + 1;
  }
  return -1;
}

/**
 * The first element after any prolog, processing instructions, comments and doctype, plus whether the
 * doctype says HTML. Null when the text does not start like markup.
 */
export function findRootElement(text: string): { root: RootElement | null; htmlDoctype: boolean } {
  let i = 0;
  let htmlDoctype = false;
  for (;;) {
    while (i < text.length && /[\s\uFEFF]/.test(text[i] ?? '')) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end === -1) return { root: null, htmlDoctype };
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end === -1) return { root: null, htmlDoctype };
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      if (/^<!doctype\s+html\b/i.test(text.slice(i, i + 20))) htmlDoctype = true;
      const end = endOfDoctype(text, i);
      if (end === -1) return { root: null, htmlDoctype };
      i = end;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 200));
      if (!match?.[1]) return { root: null, htmlDoctype };
      const close = text.indexOf('>', i);
      const startTag = text.slice(i, close === -1 ? i + 200 : close + 1);
      return { root: { name: match[1], startTag }, htmlDoctype };
    }
  }
}

/** The href of the first `<link rel="alternate">` to an RSS, Atom or JSON feed in an HTML page's head. */
export function findAlternateFeedLink(html: string): string | null {
  for (const [tag] of html.slice(0, HEAD_WINDOW).matchAll(/<link\b[^>]*>/gi)) {
    const rel = /\brel\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (rel?.toLowerCase() !== 'alternate' || !type || !/(rss|atom|feed)\+(xml|json)/i.test(type)) continue;
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    if (value) return value;
  }
  return null;
}

/** Decide the document kind from the decoded text; the Content-Type only breaks the JSON tie. */
export function detectDocument(text: string, contentType: string | null): DocumentKind {
  const start = /[^\s\uFEFF]/.exec(text.slice(0, 4096));
  if (!start && text.trim() === '') return { kind: 'empty' };
  const first = start?.[0];
  // Bytes win over the header: servers label feeds application/json or text/html by mistake.
  if (first === '{') return { kind: 'json' };
  if (first !== '<' && contentType !== null && /json/i.test(contentType)) return { kind: 'json' };
  const { root, htmlDoctype } = findRootElement(text);
  if (htmlDoctype || (root && /^(html|head|body)$/i.test(root.name))) {
    return { kind: 'html', alternateFeed: findAlternateFeedLink(text) };
  }
  return { kind: 'xml', root };
}
