/**
 * Charset sniffing and decoding: turn a feed's bytes into a JS string before any XML parser sees it.
 *
 * rss-parser ignores the prolog's `encoding=` and the bytes' real charset, so a GBK feed handed over as a
 * Buffer or as UTF-8 parses "fine" into U+FFFD mojibake with no error (feed-parsing-hazards.md, hazard 4).
 * @module
 */
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Bytes a charset detector reads: enough text to tell GBK from Big5 or Shift_JIS, cheap on a 10 MB feed. */
const DETECT_WINDOW = 64 * 1024;

/** Bytes of the document start that are searched for an XML prolog. */
const PROLOG_WINDOW = 1024;

const BOMS: ReadonlyArray<{ bytes: readonly number[]; charset: string }> = [
  // UTF-32 before UTF-16: FF FE 00 00 also starts with the UTF-16LE BOM.
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
];

/**
 * Labels folded onto the decoder we use. GBK and GB2312 are subsets of GB18030, and per the WHATWG
 * Encoding Standard latin1/ASCII labels mean windows-1252 (real "ISO-8859-1" feeds use 0x80–0x9F for
 * curly quotes and the euro sign).
 */
const ALIASES: Readonly<Record<string, string>> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'x-gbk': 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  cp936: 'gb18030',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  ms_kanji: 'shift_jis',
};

/** The canonical charset for a label, or null when iconv-lite has no decoder for it. */
export function normalizeCharset(label: string): string | null {
  const lower = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (lower === '') return null;
  const name = ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : null;
}

/** The `charset=` parameter of a Content-Type header, as written. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*("?)([^";\s]+)\1/i);
  return match?.[2] ?? null;
}

/** The charset named by a byte-order mark, and the BOM's length. */
function sniffBom(body: Buffer): { charset: string; length: number } | null {
  for (const bom of BOMS) {
    if (body.length >= bom.bytes.length && bom.bytes.every((b, i) => body[i] === b)) {
      return { charset: bom.charset, length: bom.bytes.length };
    }
  }
  return null;
}

/**
 * UTF-16/32 without a BOM, recognised by the zero bytes around the first `<` (XML 1.0 Appendix F).
 * A prolog cannot be read in these without knowing the width first.
 */
function sniffWideWithoutBom(body: Buffer): string | null {
  if (body.length < 4) return null;
  const [a, b, c, d] = [body[0], body[1], body[2], body[3]];
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b === 0x3c && c === 0 && d !== 0) return 'utf-16be';
  return null;
}

/** The `encoding=` of an ASCII-compatible XML prolog, as written. */
export function charsetFromProlog(body: Buffer): string | null {
  const head = body.subarray(0, PROLOG_WINDOW).toString('latin1');
  const match = head.match(/^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/);
  return match?.[1] ?? null;
}

function decodeAs(body: Buffer, charset: string): string {
  if (charset === 'utf-8') {
    const start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
    return body.toString('utf8', start);
  }
  // iconv-lite strips a BOM of the matching encoding by default.
  return iconv.decode(body, charset);
}

/**
 * Choose the charset: a BOM, then the HTTP `charset=`, then the XML prolog, then UTF-8.
 *
 * Two exceptions, both for labels that lie about UTF-8 bytes:
 * - valid UTF-8 beats a prolog naming any other encoding (Miniflux `encoding.CharsetReader`: templates
 *   declare ISO-8859-1 and send UTF-8, and honouring the prolog turns "Café" into "CafÃ©");
 * - an HTTP `charset=utf-8` on bytes that are not UTF-8 yields to the prolog (servers that append a default
 *   charset to GBK files).
 * Unknown labels are skipped, so the next rule applies. Bytes that are not UTF-8 and that nothing declared
 * truthfully (GB2312, Big5 or Shift_JIS served with no charset, or under a default `charset=utf-8`) are
 * identified by chardet from their byte statistics.
 */
export function chooseCharset(body: Buffer, contentType: string | null): string {
  const bom = sniffBom(body);
  if (bom) return bom.charset;
  const wide = sniffWideWithoutBom(body);
  if (wide) return wide;

  const httpLabel = charsetFromContentType(contentType);
  const fromHttp = httpLabel === null ? null : normalizeCharset(httpLabel);
  const prologLabel = charsetFromProlog(body);
  const fromProlog = prologLabel === null ? null : normalizeCharset(prologLabel);
  // A prolog in an ASCII-compatible document cannot truthfully name a UTF-16/32 encoding.
  const prolog = fromProlog !== null && /^utf-(16|32)/.test(fromProlog) ? null : fromProlog;

  const utf8 = isUtf8(body);
  if (fromHttp !== null && !(fromHttp === 'utf-8' && !utf8)) return fromHttp;
  if (prolog !== null && prolog !== 'utf-8' && !utf8) return prolog;
  return utf8 ? 'utf-8' : (detectCharset(body) ?? 'utf-8');
}

/** The charset chardet reads from the bytes, if it names one we can decode. */
function detectCharset(body: Buffer): string | null {
  const detected = chardet.detect(body.subarray(0, DETECT_WINDOW));
  return detected === null ? null : normalizeCharset(detected);
}

/** Decode a feed body to text, reporting the charset used; never throws, falls back to UTF-8. */
export function decodeBody(body: Buffer, contentType: string | null): { text: string; charset: string } {
  const charset = chooseCharset(body, contentType);
  return { text: decodeAs(body, charset), charset };
}
