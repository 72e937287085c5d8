/**
 * What health checks and metrics read, declared here; src/db/health-store.ts implements it. Read at scrape time,
 * so the figures are the database's, shared by every worker, not one process's memory.
 * @module
 */
import type { DeliveryStatus, FeedStatus } from '../model/index.js';

export interface HealthStore {
  /** Resolves when the database answers; rejects with its error otherwise. */
  ping(): Promise<void>;
  /** Feeds by status (ok, error, disabled). */
  feedsByStatus(): Promise<Partial<Record<FeedStatus, number>>>;
  /** Articles stored but not matched yet: how far matching lags behind polling. */
  unmatchedArticles(): Promise<number>;
  /** Deliveries by state, and when the oldest one still waiting to be sent was queued. */
  deliveries(): Promise<{ byStatus: Partial<Record<DeliveryStatus, number>>; oldestPendingAt: Date | null }>;
}
