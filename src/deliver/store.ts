/**
 * What delivery reads and writes, declared here by the stage that needs it; src/db/delivery-store.ts
 * implements it on PGlite and PostgreSQL. Delivery reaches storage through nothing else.
 * @module
 */
import type { Candidate } from '../match/bookkeeping/candidates.js';
import type { DriftPhrasing, DriftVariant } from '../model/index.js';
import type { DigestSubscription } from './digest-schedule.js';
import type { DeliveryToQueue, OutboxStore } from './outbox.js';

export interface DigestStory {
  storyId: number;
  headline: string;
  url: string | null;
  outlets: string[];
  origins: string[];
  latestAt: Date;
  claims: string[];
}

export interface DigestClaimChange {
  slug: string;
  headline: string | null;
  statement: string;
  status: string;
  newEvidence: { url: string | null; outlet: string | null; origin: string; stance: string }[];
  statusChanges: { from: string | null; to: string; cause: string }[];
  drifts: { kind: string; phrasings: DriftPhrasing[]; variants: DriftVariant[] }[];
}

export interface DigestData {
  topics: string[];
  since: Date;
  until: Date;
  stories: DigestStory[];
  claimChanges: DigestClaimChange[];
  /** The articles the digest's stories are made of: what its candidate claims are drawn from. */
  articleIds: number[];
}

export interface DeliveryStore {
  /** The outbox every digest and alert goes through. */
  outbox: OutboxStore;
  /** Channels that take alerts for any of these claims, once per channel and claim. */
  alertedChannels(claimSlugs: readonly string[]): Promise<{ channelId: number; claimSlug: string }[]>;
  /** Every digest subscription, with when it was last digested. */
  digestSubscriptions(): Promise<DigestSubscription[]>;
  /** Stories and claim changes for topics over (since, until]. */
  digestData(topicSlugs: string[], since: Date, until: Date): Promise<DigestData>;
  /** Possible new claims from the coverage over a window. */
  candidates(window: { since: Date; until: Date }): Promise<Candidate[]>;
  /**
   * Queues a digest (null: there was nothing new) and marks its subscriptions digested up to `scheduledAt`, in
   * one transaction, so a digest is queued exactly once across workers and restarts. Returns how many were queued.
   */
  queueDigest(digest: DeliveryToQueue | null, subscriptionIds: number[], scheduledAt: Date, now: Date): Promise<number>;
}
