/**
 * What the claim board reads, declared here; src/db/board-store.ts implements it. The board only reads.
 * @module
 */
import type { ClaimListing, ClaimParts, ClaimStatus, FeedListing, StoryListing } from '../model/index.js';

/** One change of a claim's status, as its history keeps it. */
export interface StatusChange {
  from: ClaimStatus | null;
  to: ClaimStatus;
  cause: string;
  actor: string;
  at: Date;
}

/** A tracked company or person with every name it goes by, in both languages. */
export interface BoardEntity {
  slug: string;
  name: string;
  aliases: string[];
}

export interface BoardStore {
  /** Active claims (all, or the named ones, or those about one entity) with their evidence, origins, outlets and drifts, most important first. */
  claims(filter?: { slugs?: string[]; entitySlug?: string }): Promise<ClaimListing[]>;
  /** What each claim asserts, part by part (claims.yaml `parts`), by slug: the players graph's edges. */
  claimParts(): Promise<Map<string, ClaimParts | null>>;
  /** What a claim asserts, part by part, and its status history, oldest first; null for an unknown slug. */
  claimDetail(slug: string): Promise<{ parts: ClaimParts | null; history: StatusChange[] } | null>;
  story(id: number): Promise<StoryListing | null>;
  entities(): Promise<BoardEntity[]>;
  feeds(): Promise<FeedListing[]>;
}
