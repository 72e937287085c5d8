/**
 * The board's HTML shell and the few helpers every page uses. Markup is built with Hono's `html` template, which
 * escapes every interpolated value: a feed's `<script>`, `onerror=` or quote can only ever be text. Links to
 * articles are kept only when they are http(s); anything else (`javascript:`, `data:`) is shown as text.
 * @module
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { createHash } from 'node:crypto';
import type { ClaimStatus } from '../model/index.js';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The stylesheet, inline in every page so the first render waits for no second request; the
 * Content-Security-Policy allows exactly this style (by its hash) and no script at all.
 */
export const BOARD_CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #5b6470; --bg: #ffffff; --line: #d8dee4; --accent: #0b5cad;
  --reported: #6b7280; --corroborated: #1a7f37; --disputed: #b42318; --updated: #9a6700; --other: #6e40c9; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --line: #30363d; --accent: #58a6ff;
  --reported: #9ca3af; --corroborated: #3fb950; --disputed: #f85149; --updated: #d29922; --other: #a371f7; } }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; }
header nav a { margin-right: 1rem; } header { border-bottom: 1px solid var(--line); padding: .75rem 0; margin-bottom: 1rem; }
a { color: var(--accent); } h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.15rem; margin-top: 1.75rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); } .muted { color: var(--muted); } .num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 600; } .status-reported { color: var(--reported); } .status-corroborated { color: var(--corroborated); }
.status-disputed, .status-denied { color: var(--disputed); } .status-updated, .status-superseded { color: var(--updated); } .status-confirmed { color: var(--corroborated); }
.drift { color: var(--updated); } blockquote { margin: .25rem 0 .5rem; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
form.filters { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0 1rem; } form.filters input, form.filters select, form.filters button { font: inherit; padding: .25rem .5rem; }
svg text { fill: var(--fg); } svg .axis { stroke: var(--line); } figure { margin: 1rem 0; } figcaption { color: var(--muted); font-size: .9rem; }
.graph svg { max-width: 100%; height: auto; } .graph svg .node polygon, .graph svg .node ellipse { fill: var(--bg); stroke: var(--accent); }
.graph svg .edge path { stroke: var(--muted); } .graph svg .edge polygon { fill: var(--muted); stroke: var(--muted); } .graph svg text { fill: var(--fg); }
ol.timeline { padding-left: 1.25rem; } ul.plain { list-style: none; padding-left: 0; }
`;

/** The CSP source that admits the inline stylesheet and nothing else. */
export const BOARD_CSS_HASH = `'sha256-${createHash('sha256').update(BOARD_CSS).digest('base64')}'`;

/** A page: title, navigation, body. */
export function page(title: string, body: Markup): Markup {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} · claimwatch</title>
    <style>${raw(BOARD_CSS)}</style>
  </head>
  <body>
    <header>
      <nav><strong>claimwatch</strong> · <a href="/">Claims</a><a href="/graph">Graph</a><a href="/feeds">Feeds</a></nav>
    </header>
    <main>${body}</main>
  </body>
</html>`;
}

/** An article link when its URL is http(s); otherwise its title as plain text. */
export function articleLink(url: string | null, text: string): Markup {
  if (url && /^https?:\/\//i.test(url)) return html`<a href="${url}" rel="noopener noreferrer nofollow">${text}</a>`;
  return html`${text}`;
}

export function statusBadge(status: ClaimStatus): Markup {
  return html`<span class="status status-${status}">${status}</span>`;
}

/** Trusted markup we built ourselves (an SVG chart or graph whose text was escaped when it was built). */
export function trusted(markup: string): Markup {
  return raw(markup);
}

/** Escapes text for SVG or XML built outside the `html` template. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
