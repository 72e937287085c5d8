/**
 * How a reply words who reported a claim and how coverage words it: shared by `/facts`, `claimwatch claims`
 * and the digest, so every surface counts sources the same way.
 * @module
 */
import type { DriftPhrasing, DriftVariant } from '../../model/index.js';

/** "1 independent origin (Bloomberg), repeated by 7 outlets": origins are what corroboration counts. */
export function describeSources(origins: readonly string[], outlets: readonly string[]): string {
  if (origins.length === 0) return outlets.length ? `no known origin yet (${outlets.length} outlet${outlets.length === 1 ? '' : 's'}, none naming a source)` : 'none yet';
  const head = `${origins.length} independent origin${origins.length === 1 ? '' : 's'} (${origins.join(', ')})`;
  return outlets.length > origins.length ? `${head}, repeated by ${outlets.length} outlets` : head;
}

/**
 * A drift as one line: each variant wording with the outlets and origins behind it, most used first:
 * "'nearly tripled' / '近三倍' — 3 outlets (Bloomberg) vs 'tripled' — 2 outlets (Bloomberg)".
 */
export function describeDrift(drift: { kind: string; phrasings: readonly DriftPhrasing[]; variants?: readonly DriftVariant[] }): string {
  if (!drift.variants || drift.variants.length === 0) {
    return `${drift.kind} drift: ${drift.phrasings.map((p) => `'${p.text}' (${p.origin})`).join(' vs ')}`;
  }
  const parts = drift.variants.map((variant) => {
    const texts = variant.texts.slice(0, 3).map((text) => `'${text}'`).join(' / ');
    const outlets = [...new Set(variant.articles.map((a) => a.outlet ?? a.url ?? a.origin))];
    return `${texts} — ${outlets.length === 1 ? outlets[0] : `${outlets.length} outlets`} (${variant.origins.join(', ')})`;
  });
  return `${drift.kind} drift: ${parts.join(' vs ')}`;
}

/** A claim as chat shows it: its headline, or its slug when the claims file gives none. */
export function claimTitle(claim: { slug: string; headline: string | null }): string {
  return claim.headline ?? claim.slug;
}
