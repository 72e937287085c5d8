/**
 * Delivery's store (src/deliver/store.ts) on PGlite and PostgreSQL: the outbox, alert routing, digest
 * subscriptions and data, and the candidate claims a digest hints at.
 * @module
 */
import type { DeliveryStore } from '../deliver/store.js';
import { alertedChannels } from './alert-queries.js';
import { loadCandidates } from './candidate-queries.js';
import type { Db } from './client.js';
import { loadDigestData, loadDigestSubscriptions, markDigested } from './digest-queries.js';
import { createOutboxStore } from './outbox-store.js';

export function createDeliveryStore(db: Db): DeliveryStore {
  return {
    outbox: createOutboxStore(db),
    alertedChannels: (claimSlugs) => alertedChannels(db, claimSlugs),
    digestSubscriptions: () => loadDigestSubscriptions(db),
    digestData: (topicSlugs, since, until) => loadDigestData(db, topicSlugs, since, until),
    candidates: (window) => loadCandidates(db, window),
    queueDigest: (digest, subscriptionIds, scheduledAt, now) =>
      db.transaction(async (tx) => {
        const txDb = tx as unknown as Db;
        const queued = digest ? await createOutboxStore(txDb).enqueue([digest], now) : 0;
        await markDigested(txDb, subscriptionIds, scheduledAt);
        return queued;
      }),
  };
}
