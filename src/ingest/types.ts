/**
 * The plain data passed between ingest stages: fetch → parse → normalize → store.
 * @module
 */

/** What the fetch stage needs to know about a feed. */
export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchFailureReason =
  | 'invalid-url'
  | 'blocked-address'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'http'
  | 'too-large'
  | 'too-many-redirects';

/** The outcome of one conditional GET. Expected failures are values, never throws. */
export type FetchResult =
  | {
      status: 'ok';
      body: Buffer;
      /** Raw Content-Type header, for the charset. */
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      /** URL after redirects: relative links in the feed resolve against it. */
      finalUrl: string;
    }
  | { status: 'not-modified'; etag: string | null; lastModified: string | null }
  /** 429, or 503 with Retry-After: the feed's next fetch is pushed out by `retryAfterMs` when known. */
  | { status: 'rate-limited'; httpStatus: number; retryAfterMs: number | null; message: string }
  | { status: 'failed'; reason: FetchFailureReason; message: string; httpStatus?: number };

/** One item as the feed gave it, after charset decoding and XML parsing. */
export interface ParsedItem {
  title: string | null;
  link: string | null;
  guid: string | null;
  /** HTML body: content:encoded, Atom content, or the description. */
  contentHtml: string | null;
  /** HTML or text summary/description when distinct from the content. */
  summaryHtml: string | null;
  author: string | null;
  /** ISO 8601 when the feed gave a parseable date. */
  publishedIso: string | null;
  categories: string[];
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  language: string | null;
  items: ParsedItem[];
}

export type ParseResult =
  | { status: 'ok'; feed: ParsedFeed; charset: string }
  | { status: 'failed'; message: string };

/** An article ready to store: canonical URL, clean text, language, date, outlet. */
export interface NormalizedArticle {
  /** Canonical URL: tracking parameters and fragment stripped, resolved against the feed URL. */
  url: string | null;
  guid: string | null;
  title: string;
  /** Plain text summary (≤ 1,000 chars). */
  summary: string;
  /** Plain text body (≤ 200,000 chars). */
  content: string;
  language: 'zh' | 'en' | 'und';
  publishedAt: Date;
  /** True when the feed gave no usable date and `publishedAt` is the time first seen. */
  publishedEstimated: boolean;
  outlet: string | null;
  author: string | null;
  /** sha256 hex of the normalized title + text, the last dedup key. */
  contentHash: string;
}

export interface NormalizeResult {
  /** The feed's own title as plain text, or null when it has none. */
  feedTitle: string | null;
  articles: NormalizedArticle[];
  /** Per-item problems ("item 3: no title, link or text"), reported but not fatal. */
  problems: string[];
}
