/**
 * A digest as the neutral reply model: one section per story (never split across messages by the
 * adapters), then one per changed claim. Slack, Discord and the console all render this same model.
 * @module
 */
import type { DigestData } from './store.js';
import type { Reply, ReplySection } from '../model/index.js';
import type { Candidate } from '../match/bookkeeping/candidates.js';
import { describeDrift, describeSources } from '../match/bookkeeping/describe.js';

/** At most this many possible new claims in one digest: it is a hint to review, not a list. */
const MAX_CANDIDATES = 3;

/** Renders digest data; `null` when there is nothing new (and `quietLine` is off). */
export function renderDigest(
  data: DigestData,
  opts: { title: string; quietLine?: boolean; candidates?: readonly Candidate[]; /** The claim board's public address: stories and claims link to their pages. */ boardUrl?: string | null },
): Reply | null {
  const board = opts.boardUrl ?? null;
  if (data.stories.length === 0 && data.claimChanges.length === 0) {
    if (!opts.quietLine) return null;
    return { title: opts.title, summary: 'Nothing new since the last digest.', sections: [], ephemeral: false };
  }
  const storySections: ReplySection[] = data.stories.map((story) => ({
    heading: story.headline,
    lines: [
      `${describeSources(story.origins, story.outlets)} · ${story.outlets.slice(0, 6).join(', ')}${story.outlets.length > 6 ? ', …' : ''}`,
      ...(story.claims.length ? [`Claims: ${story.claims.join(', ')}`] : []),
    ],
    links: [
      ...(story.url ? [{ label: story.headline.slice(0, 120), url: story.url }] : []),
      ...(board ? [{ label: 'Story page: the report and its rewrites', url: `${board}/stories/${story.storyId}` }] : []),
    ],
  }));
  const claimSections: ReplySection[] = data.claimChanges.map((change) => {
    const lines = [change.statement];
    for (const status of change.statusChanges) lines.push(`Status: ${status.from} → ${status.to} (${status.cause})`);
    for (const drift of change.drifts) lines.push(`⚠ ${describeDrift(drift)}`);
    if (change.newEvidence.length) {
      const origins = [...new Set(change.newEvidence.map((e) => e.origin))];
      lines.push(`${change.newEvidence.length} new piece${change.newEvidence.length === 1 ? '' : 's'} of evidence from ${origins.join(', ')}`);
    }
    const seen = new Set<string>();
    const links = change.newEvidence
      .filter((e) => e.url && !seen.has(e.origin) && seen.add(e.origin))
      .slice(0, 3)
      .map((e) => ({ label: `${e.outlet ?? e.origin} (${e.stance})`, url: e.url! }));
    if (change.headline) lines.push(`Claim: ${change.slug}`);
    if (board) links.unshift({ label: 'Claim page: every source, wording and status change', url: `${board}/claims/${encodeURIComponent(change.slug)}` });
    return { heading: `${change.headline ?? `Claim ${change.slug}`} (${change.status})`, lines, links };
  });
  const candidates = (opts.candidates ?? []).slice(0, MAX_CANDIDATES);
  const candidateSections: ReplySection[] = candidates.length
    ? [
        {
          heading: 'Possible new claims (not tracked)',
          lines: [
            ...candidates.map(
              (c) => `“${c.wording.length > 200 ? `${c.wording.slice(0, 199)}…` : c.wording}” — ${c.articles.length} articles${c.origins.length ? ` (${c.origins.join(', ')})` : ''} · ${c.id}`,
            ),
            'Review with `claimwatch candidates`; track one with `claimwatch claim add --from-candidate ID`.',
          ],
        },
      ]
    : [];
  return {
    title: opts.title,
    summary: `${data.stories.length} stor${data.stories.length === 1 ? 'y' : 'ies'} and ${data.claimChanges.length} claim change${data.claimChanges.length === 1 ? '' : 's'} for ${data.topics.join(', ')}.`,
    sections: [...storySections, ...claimSections, ...candidateSections],
    context: `Since ${data.since.toISOString().slice(0, 16).replace('T', ' ')} UTC · stories ranked by independent origins`,
    ephemeral: false,
  };
}
