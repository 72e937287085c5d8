/**
 * A claim's status from its evidence: `reported` until two independent origins support it
 * (`corroborated`), `disputed` once an origin that did not support it contradicts it. `confirmed`, `denied`
 * and `superseded` are set by a person and never changed by evidence.
 * @module
 */
import type { ClaimStatus } from '../db/schema.js';

export const MANUAL_STATUSES: readonly ClaimStatus[] = ['confirmed', 'denied', 'superseded'];
export const ALL_STATUSES: readonly ClaimStatus[] = ['reported', 'corroborated', 'disputed', 'confirmed', 'denied', 'superseded'];

/** Origins behind a claim's automatic (not suggested) evidence. */
export interface ClaimOrigins {
  supporting: readonly string[];
  contradicting: readonly string[];
}

/** The status the evidence calls for, with the cause to keep in the history; null when nothing changes. */
export function deriveClaimStatus(current: ClaimStatus, origins: ClaimOrigins): { status: ClaimStatus; cause: string } | null {
  if (MANUAL_STATUSES.includes(current)) return null;
  const supporting = [...new Set(origins.supporting)].sort();
  // A source contradicting its own earlier report is a correction, not an independent dispute.
  const independentContradictions = [...new Set(origins.contradicting)].filter((origin) => !supporting.includes(origin)).sort();
  let next: { status: ClaimStatus; cause: string };
  if (independentContradictions.length > 0) {
    next = { status: 'disputed', cause: `contradicted by ${independentContradictions.join(', ')}` };
  } else if (supporting.length >= 2) {
    next = { status: 'corroborated', cause: `${supporting.length} independent origins: ${supporting.join(', ')}` };
  } else {
    next = { status: 'reported', cause: supporting.length === 1 ? `1 origin: ${supporting[0]}` : 'no automatic evidence' };
  }
  return next.status === current ? null : next;
}
