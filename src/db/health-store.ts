/**
 * Health's store (src/health/store.ts): a ping and a few counts, each one indexed query.
 * @module
 */
import { count, isNull, min, sql } from 'drizzle-orm';
import type { HealthStore } from '../health/store.js';
import type { DeliveryStatus, FeedStatus } from '../model/index.js';
import type { Db } from './client.js';
import { articles, deliveries, feeds } from './schema.js';

export function createHealthStore(db: Db): HealthStore {
  return {
    async ping() {
      await db.execute(sql`select 1`);
    },
    async feedsByStatus() {
      const rows = await db.select({ status: feeds.status, n: count() }).from(feeds).groupBy(feeds.status);
      return Object.fromEntries(rows.map((row) => [row.status as FeedStatus, row.n]));
    },
    async unmatchedArticles() {
      const [row] = await db.select({ n: count() }).from(articles).where(isNull(articles.matchedAt));
      return row?.n ?? 0;
    },
    async deliveries() {
      const rows = await db.select({ status: deliveries.status, n: count(), oldest: min(deliveries.createdAt) }).from(deliveries).groupBy(deliveries.status);
      const pending = rows.find((row) => row.status === 'pending');
      return {
        byStatus: Object.fromEntries(rows.map((row) => [row.status as DeliveryStatus, row.n])),
        oldestPendingAt: pending?.oldest ? new Date(pending.oldest) : null,
      };
    },
  };
}
