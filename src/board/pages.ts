/**
 * The board's pages as plain functions of the read models: the claims table, a claim with its evidence trail and
 * drift variants, a story and its rewrites, an entity's facts, the players graph, the feeds.
 * @module
 */
import { html } from 'hono/html';
import { claimTitle, describeDrift, describeSources } from '../match/bookkeeping/describe.js';
import type { ClaimListing, EvidenceListing, FeedListing, StoryListing } from '../model/index.js';
import { isKnownOrigin } from '../stories/index.js';
import { coverageChart } from './chart.js';
import { articleLink, page, statusBadge, trusted, type Markup } from './html.js';
import type { PlayerEdge } from './graph.js';
import type { BoardEntity, StatusChange } from './store.js';

/** What the claims table is narrowed to (query string `topic`, `entity`, `q`). */
export interface ClaimFilter {
  topic?: string;
  entity?: string;
  q?: string;
}

/** Claims that pass the filter: topic and entity by slug, text in the statement, headline or slug, any language. */
export function filterClaims(claims: readonly ClaimListing[], filter: ClaimFilter, entities: readonly BoardEntity[]): ClaimListing[] {
  const needle = filter.q?.trim().toLowerCase() ?? '';
  // A search for a company by any of its names finds its claims too ("字节跳动" finds ByteDance's).
  const named = entities.filter((e) => needle !== '' && [e.slug, e.name, ...e.aliases].some((n) => n.toLowerCase() === needle)).map((e) => e.slug);
  return claims.filter(
    (claim) =>
      (!filter.topic || claim.topics.includes(filter.topic)) &&
      (!filter.entity || claim.entities.includes(filter.entity)) &&
      (needle === '' ||
        [claim.slug, claim.statement, claim.headline ?? ''].some((text) => text.toLowerCase().includes(needle)) ||
        claim.entities.some((slug) => named.includes(slug))),
  );
}

function lastEvidence(claim: ClaimListing): EvidenceListing | undefined {
  return [...claim.evidence].filter((e) => e.tier === 'auto').sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))[0];
}

export function claimsPage(claims: readonly ClaimListing[], all: readonly ClaimListing[], filter: ClaimFilter, entities: readonly BoardEntity[]): Markup {
  const topics = [...new Set(all.flatMap((c) => c.topics))].sort();
  const entitySlugs = [...new Set(all.flatMap((c) => c.entities))];
  const nameOf = (slug: string) => entities.find((e) => e.slug === slug)?.name ?? slug;
  const rows = claims.map((claim) => {
    const last = lastEvidence(claim);
    return html`<tr>
      <td>${statusBadge(claim.status)}</td>
      <td><a href="/claims/${claim.slug}">${claimTitle(claim)}</a><br /><span class="muted">${claim.statement}</span></td>
      <td class="num" title="${claim.origins.join(', ')}">${claim.origins.length}</td>
      <td class="num">${claim.outlets.length}</td>
      <td>${last ? html`${last.publishedAt.slice(0, 10)} · ${last.outlet ?? last.origin}` : html`<span class="muted">none yet</span>`}</td>
      <td>${claim.drifts.length > 0 ? html`<span class="drift" title="${claim.drifts.map((d) => describeDrift(d)).join('\n')}">⚠ ${claim.drifts.length}</span>` : ''}</td>
    </tr>`;
  });
  const option = (value: string, label: string, selected?: string) => html`<option value="${value}" ${value === selected ? 'selected' : ''}>${label}</option>`;
  return page(
    'Claims',
    html`<h1>Tracked claims</h1>
      <form class="filters" method="get" action="/">
        <label>Topic <select name="topic">${option('', 'all')}${topics.map((t) => option(t, t, filter.topic))}</select></label>
        <label>Entity <select name="entity">${option('', 'all')}${entitySlugs.map((e) => option(e, nameOf(e), filter.entity))}</select></label>
        <label>Search <input type="search" name="q" value="${filter.q ?? ''}" placeholder="text, 字节跳动, …" /></label>
        <button type="submit">Filter</button>
      </form>
      <p class="muted">${claims.length} of ${all.length} claims. Independent origins are what corroboration counts; outlets are how widely they were repeated.</p>
      <table>
        <thead><tr><th>Status</th><th>Claim</th><th class="num">Origins</th><th class="num">Outlets</th><th>Last evidence</th><th>Drift</th></tr></thead>
        <tbody>${rows}</tbody>
      </table>`,
  );
}

export function claimPage(claim: ClaimListing, history: readonly StatusChange[]): Markup {
  const auto = claim.evidence.filter((e) => e.tier === 'auto');
  const suggestions = claim.evidence.filter((e) => e.tier === 'suggestion');
  // Evidence by origin, then by story, then by article.
  const byOrigin = new Map<string, Map<string, EvidenceListing[]>>();
  for (const item of auto) {
    const stories = byOrigin.get(item.origin) ?? new Map<string, EvidenceListing[]>();
    const story = item.storyId === null ? 'no story' : String(item.storyId);
    stories.set(story, [...(stories.get(story) ?? []), item]);
    byOrigin.set(item.origin, stories);
  }
  const origins = [...byOrigin.keys()].sort((a, b) => Number(isKnownOrigin(b)) - Number(isKnownOrigin(a)) || a.localeCompare(b));
  const chart = coverageChart(auto);
  const evidenceItem = (item: EvidenceListing) =>
    html`<li>${item.stance} · ${articleLink(item.articleUrl, item.articleTitle)} <span class="muted">(${item.outlet ?? '?'}, ${item.language}, ${item.publishedAt.slice(0, 10)})</span><blockquote>${item.quote}</blockquote></li>`;
  return page(
    claimTitle(claim),
    html`<h1>${claimTitle(claim)}</h1>
      <p>${claim.statement}</p>
      ${claim.figure?.text ? html`<p><strong>Figure:</strong> ${claim.figure.text}</p>` : ''}
      <p>${statusBadge(claim.status)} · ${describeSources(claim.origins, claim.outlets)} · <span class="muted">${claim.slug}</span></p>

      <h2>Status history</h2>
      <ol class="timeline">
        ${history.map((change) => html`<li><time datetime="${change.at.toISOString()}">${change.at.toISOString().slice(0, 16).replace('T', ' ')}</time>: ${change.from ?? 'new'} → ${statusBadge(change.to)} <span class="muted">(${change.cause}; ${change.actor})</span></li>`)}
      </ol>

      ${
        claim.drifts.length > 0
          ? html`<h2>How outlets word it</h2>
              ${claim.drifts.map(
                (drift) => html`<table>
                  <caption class="muted">${drift.kind} drift</caption>
                  <thead><tr><th>Wording</th><th>Outlets</th><th>Origins</th></tr></thead>
                  <tbody>
                    ${drift.variants.map(
                      (variant) => html`<tr class="variant">
                        <td>${variant.texts.map((text, i) => html`${i > 0 ? ' / ' : ''}'${text}'`)}</td>
                        <td>${variant.articles.map((a, i) => html`${i > 0 ? ', ' : ''}${articleLink(a.url, a.outlet ?? a.origin)}`)}</td>
                        <td>${variant.origins.join(', ')}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`,
              )}`
          : ''
      }

      ${
        chart
          ? html`<h2>Coverage over time</h2>
              <figure>
                ${trusted(chart.svg)}
                <figcaption>
                  ${chart.legend.map((item) => html`<svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${item.colour}" /></svg> ${item.origin} `)}
                </figcaption>
                <details><summary>The numbers</summary><ul class="plain">${chart.rows.map((row) => html`<li>${row.day}: ${row.byOrigin.map(([origin, n]) => `${n} from ${origin}`).join(', ')}</li>`)}</ul></details>
              </figure>`
          : ''
      }

      <h2>Evidence by origin, story and article</h2>
      ${auto.length === 0 ? html`<p class="muted">No evidence yet.</p>` : ''}
      ${origins.map(
        (origin) => html`<h3>${origin}${isKnownOrigin(origin) ? '' : html` <span class="muted">(no known source: never counted as an independent origin)</span>`}</h3>
          ${[...byOrigin.get(origin)!].map(
            ([story, items]) => html`<p>${story === 'no story' ? html`<span class="muted">Not in a story</span>` : html`<a href="/stories/${story}">Story #${story}</a>`}</p>
              <ul>${items.map(evidenceItem)}</ul>`,
          )}`,
      )}
      ${suggestions.length > 0 ? html`<h2>Suggestions awaiting review</h2><p class="muted">Never counted or posted as fact.</p><ul>${suggestions.map(evidenceItem)}</ul>` : ''}`,
  );
}

export function storyPage(story: StoryListing, claims: readonly ClaimListing[]): Markup {
  const languages = [...new Set(story.articles.map((a) => a.language))];
  const shared = claims.filter((claim) => claim.evidence.some((e) => e.storyId === story.id));
  return page(
    story.title,
    html`<h1>${story.title}</h1>
      <p>Origin: <strong>${story.origin ?? 'unknown'}</strong> · ${story.articles.length} articles in ${languages.join(' and ')} · first seen ${story.firstSeen.slice(0, 10)}</p>
      <h2>The report and its rewrites</h2>
      <table>
        <thead><tr><th>Outlet</th><th>Language</th><th>Article</th><th>Origin, and why</th></tr></thead>
        <tbody>
          ${story.articles.map(
            (a) => html`<tr><td>${a.outlet ?? '?'}</td><td>${a.language}</td><td>${articleLink(a.url, a.title)}</td><td>${a.origin ?? 'unknown'}<br /><span class="muted">${a.originReason ?? ''}</span></td></tr>`,
          )}
        </tbody>
      </table>
      <h2>Claims its articles assert</h2>
      <ul>${shared.map((claim) => html`<li><a href="/claims/${claim.slug}">${claimTitle(claim)}</a> ${statusBadge(claim.status)}</li>`)}</ul>`,
  );
}

export function entityPage(entity: BoardEntity, claims: readonly ClaimListing[]): Markup {
  return page(
    entity.name,
    html`<h1>${entity.name}</h1>
      <p class="muted">Also known as: ${entity.aliases.join(', ') || 'no other names'}</p>
      <p>${claims.length} tracked claim${claims.length === 1 ? '' : 's'}, most important first.</p>
      ${claims.map(
        (claim) => html`<section>
          <h2><a href="/claims/${claim.slug}">${claimTitle(claim)}</a></h2>
          <p>${claim.statement}</p>
          ${claim.figure?.text ? html`<p><strong>Figure:</strong> ${claim.figure.text}</p>` : ''}
          ${claim.drifts.map((drift) => html`<p class="drift">⚠ ${describeDrift(drift)}</p>`)}
          <p>${statusBadge(claim.status)} · Independent origins: ${describeSources(claim.origins, claim.outlets)} · Evidence: ${claim.evidence.filter((e) => e.tier === 'auto').length} articles</p>
        </section>`,
      )}`,
  );
}

export function graphPage(svg: string, edges: readonly PlayerEdge[], entities: readonly BoardEntity[]): Markup {
  const nameOf = (slug: string) => entities.find((e) => e.slug === slug)?.name ?? slug;
  return page(
    'Graph',
    html`<h1>How the players connect</h1>
      <p class="muted">Each arrow is a tracked claim, with its status; open a company for what is reported about it, an arrow for the claim.</p>
      <figure class="graph" aria-describedby="graph-text">${trusted(svg)}</figure>
      <h2 id="graph-text">The same, as text</h2>
      <ul>
        ${edges.map(
          (edge) => html`<li><a href="/entities/${edge.from}">${nameOf(edge.from)}</a> ${edge.relation} <a href="/entities/${edge.to}">${nameOf(edge.to)}</a>: <a href="/claims/${edge.claimSlug}">${edge.title}</a> (${edge.status})</li>`,
        )}
      </ul>`,
  );
}

export function feedsPage(feeds: readonly FeedListing[]): Markup {
  return page(
    'Feeds',
    html`<h1>Feeds</h1>
      <table>
        <thead><tr><th>Status</th><th>Feed</th><th class="num">Items</th><th>Last fetched</th><th>Next fetch</th><th>Last error</th></tr></thead>
        <tbody>
          ${feeds.map(
            (feed) => html`<tr><td>${feed.status}</td><td>${feed.title ?? feed.outlet ?? ''}<br /><span class="muted">${feed.url}</span></td><td class="num">${feed.itemCount}</td><td>${feed.lastFetchedAt ?? 'never'}</td><td>${feed.nextFetchAt ?? ''}</td><td>${feed.disabledReason ?? feed.lastError ?? ''}</td></tr>`,
          )}
        </tbody>
      </table>`,
  );
}
