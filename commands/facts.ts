/**
 * `/facts <entity>`: the tracked claims about an entity, by importance, with status, figure, drifts,
 * independent origins and the best sources. With no entity: the entities and their claim counts.
 * @module
 */
import type { ClaimListing, Reply, ReplySection } from '../src/model/index.js';
import { type CommandDefinition, UserFacingError } from './types.js';
import { claimTitle, describeDrift, describeSources } from '../src/match/bookkeeping/describe.js';
import { isKnownOrigin } from '../src/stories/index.js';
import { closestEntities, resolveEntity } from './lookup.js';

const MAX_SOURCES = 3;

/** The `/facts` command. */
export const factsCommand: CommandDefinition = {
  name: 'facts',
  description: 'Tracked claims about a company or person, with their status and sources',
  usage: '/facts <entity>   e.g. /facts bytedance, /facts 字节跳动',
  options: [{ name: 'entity', description: 'Company or person, in English or Chinese', type: 'string', required: false, autocomplete: 'entity' }],
  permission: 'everyone',
  async run(ctx, options) {
    const query = typeof options.entity === 'string' ? options.entity.trim() : '';
    const { store } = ctx.services;
    if (query === '') {
      const rows = await store.entitiesWithCounts();
      return {
        title: 'Entities claimwatch tracks',
        summary: 'Ask `/facts <entity>` for the claims about one of them.',
        sections: [{ lines: rows.map((row) => `${row.name} (${row.slug}): ${row.claims} claim${row.claims === 1 ? '' : 's'}`) }],
        ephemeral: false,
      };
    }
    const entity = await resolveEntity(store, query);
    if (!entity) {
      const suggestions = await closestEntities(store, query, 3);
      throw new UserFacingError(`No tracked entity matches "${query}".`, suggestions.length ? [`Did you mean: ${suggestions.join(', ')}?`] : []);
    }
    const claims = await store.claimsAbout(entity.slug);
    return renderFacts(entity, claims, ctx.services.boardUrl ?? null);
  },
};

/** The reply for one entity's claims; shared with the console's `claimwatch facts`. */
export function renderFacts(entity: { name: string; slug: string; aliases: string[] }, claims: ClaimListing[], boardUrl: string | null = null): Reply {
  const sections: ReplySection[] = claims.map((claim) => {
    const autoEvidence = claim.evidence.filter((e) => e.tier === 'auto');
    const lines = [claim.statement];
    if (claim.figure?.text) lines.push(`Figure: ${claim.figure.text}`);
    for (const drift of claim.drifts) lines.push(`⚠ ${describeDrift(drift)}`);
    const best = bestSources(autoEvidence);
    return {
      heading: claimTitle(claim),
      lines,
      fields: [
        { name: 'Status', value: claim.status },
        ...(claim.headline ? [{ name: 'Claim', value: claim.slug }] : []),
        { name: 'Independent origins', value: describeSources(claim.origins, claim.outlets) },
        { name: 'Evidence', value: `${autoEvidence.length} article${autoEvidence.length === 1 ? '' : 's'}` },
      ],
      links: [
        // The whole trail behind the status, when the board is reachable.
        ...(boardUrl ? [{ label: 'Claim page: every source, wording and status change', url: `${boardUrl}/claims/${encodeURIComponent(claim.slug)}` }] : []),
        ...best.map((e) => ({ label: `${e.outlet ?? e.origin}: ${e.articleTitle}`, url: e.articleUrl! })),
      ],
    };
  });
  return {
    title: `Facts: ${entity.name}`,
    summary: claims.length
      ? `${claims.length} tracked claim${claims.length === 1 ? '' : 's'}, most important first.`
      : `No tracked claims about ${entity.name} yet.`,
    sections,
    context: `Also known as: ${entity.aliases.slice(0, 8).join(', ') || '-'}`,
    ephemeral: false,
  };
}

/**
 * One link per origin, supporting evidence before the rest and strongest first, so three links are three
 * independent sources for the claim (a contradicting source still shows when there are fewer supporters).
 */
function bestSources(evidence: ClaimListing['evidence']): ClaimListing['evidence'] {
  const byOrigin = new Map<string, ClaimListing['evidence'][number]>();
  const ordered = [...evidence.filter((e) => e.stance === 'supports'), ...evidence.filter((e) => e.stance !== 'supports')];
  for (const item of ordered) {
    // An article whose source is unknown is no independent source: it is never listed as one.
    if (!item.articleUrl || !isKnownOrigin(item.origin) || byOrigin.has(item.origin)) continue;
    byOrigin.set(item.origin, item);
  }
  return [...byOrigin.values()].slice(0, MAX_SOURCES);
}
