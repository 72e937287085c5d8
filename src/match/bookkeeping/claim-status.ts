/**
 * A claim's status from its evidence. Only known origins count: an article whose source is unknown never
 * corroborates, disputes or updates anything.
 *   - `disputed`: an origin that did not support the claim contradicts it;
 *   - `updated`: an origin other than its supporters publishes a newer fact that replaces it (the newest
 *     value is named in the cause);
 *   - `corroborated`: two or more independent origins support it;
 *   - `reported`: otherwise.
 * `confirmed`, `denied` and `superseded` are set by a person and never changed by evidence.
 * @module
 */
import type { ClaimStatus } from '../../model/index.js';
import { isKnownOrigin } from '../../stories/place-article.js';

export const MANUAL_STATUSES: readonly ClaimStatus[] = ['confirmed', 'denied', 'superseded'];
export const ALL_STATUSES: readonly ClaimStatus[] = ['reported', 'corroborated', 'updated', 'disputed', 'confirmed', 'denied', 'superseded'];

/** Origins behind a claim's automatic (not suggested) evidence. */
export interface ClaimOrigins {
  supporting: readonly string[];
  contradicting: readonly string[];
  /** Newer facts replacing the claim, oldest first, with the value or sentence that states them. */
  updating?: readonly { origin: string; value: string }[];
}

/** The origins behind a claim, from its automatic evidence as (stance, origin, the value it states). */
export function claimOriginsOf(stances: readonly { stance: string; origin: string; value: string }[]): ClaimOrigins {
  return {
    supporting: stances.filter((s) => s.stance === 'supports').map((s) => s.origin),
    contradicting: stances.filter((s) => s.stance === 'contradicts').map((s) => s.origin),
    updating: stances.filter((s) => s.stance === 'updates').map((s) => ({ origin: s.origin, value: s.value })),
  };
}

/** The status the evidence calls for, with the cause to keep in the history; null when nothing changes. */
export function deriveClaimStatus(current: ClaimStatus, origins: ClaimOrigins): { status: ClaimStatus; cause: string } | null {
  if (MANUAL_STATUSES.includes(current)) return null;
  const supporting = [...new Set(origins.supporting.filter(isKnownOrigin))].sort();
  // A source contradicting or updating its own earlier report is a correction, not an independent dispute.
  const independentContradictions = [...new Set(origins.contradicting.filter(isKnownOrigin))].filter((origin) => !supporting.includes(origin)).sort();
  const updates = (origins.updating ?? []).filter((update) => isKnownOrigin(update.origin) && !supporting.includes(update.origin));
  let next: { status: ClaimStatus; cause: string };
  if (independentContradictions.length > 0) {
    next = { status: 'disputed', cause: `contradicted by ${independentContradictions.join(', ')}` };
  } else if (updates.length > 0) {
    const newest = updates[updates.length - 1]!;
    next = { status: 'updated', cause: `updated by ${[...new Set(updates.map((u) => u.origin))].sort().join(', ')}: now "${newest.value}"` };
  } else if (supporting.length >= 2) {
    next = { status: 'corroborated', cause: `${supporting.length} independent origins: ${supporting.join(', ')}` };
  } else {
    next = { status: 'reported', cause: supporting.length === 1 ? `1 origin: ${supporting[0]}` : 'no automatic evidence from a known origin' };
  }
  return next.status === current ? null : next;
}
