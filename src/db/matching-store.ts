/**
 * Matching's store (src/match/store.ts) on PGlite and PostgreSQL: the catalog, articles, recent stories, match
 * batches, and claims' drifts and status.
 * @module
 */
import type { MatchingStore } from '../match/store.js';
import { loadClaimEvidence, saveDrifts, setClaimStatus } from './claim-store.js';
import type { Db } from './client.js';
import { loadArticles, loadCandidateStories, loadMatcherCatalog, saveMatchBatch } from './match-store.js';

export function createMatchingStore(db: Db): MatchingStore {
  return {
    matcherCatalog: () => loadMatcherCatalog(db),
    articles: (ids) => loadArticles(db, ids),
    candidateStories: (lookups, windowMs, alsoIds) => loadCandidateStories(db, lookups, windowMs, alsoIds),
    saveBatch: (batch) => saveMatchBatch(db, batch),
    claimEvidence: (claimIds) => loadClaimEvidence(db, claimIds),
    saveDrifts: (claimId, drifts, now) => saveDrifts(db, claimId, drifts, now),
    setClaimStatus: (claimId, change) => setClaimStatus(db, claimId, change),
  };
}
