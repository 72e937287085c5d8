/**
 * The outbox (deliver/outbox.ts) on PGlite and PostgreSQL: delivery rows with unique keys, claimed under a
 * lease with FOR UPDATE SKIP LOCKED.
 * @module
 */
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Reply } from '../model/index.js';
import type { ClaimedDelivery, OutboxStore } from '../deliver/outbox.js';
import type { Db } from './client.js';
import { chatChannels, deliveries } from './schema.js';

export function createOutboxStore(db: Db): OutboxStore {
  return {
    async enqueue(items, now) {
      if (items.length === 0) return 0;
      const inserted = await db
        .insert(deliveries)
        .values(items.map((item) => ({ channelId: item.channelId, kind: item.kind, key: item.key, payload: item.reply, nextAttemptAt: now })))
        .onConflictDoNothing({ target: deliveries.key })
        .returning({ id: deliveries.id });
      return inserted.length;
    },

    claimDue: (opts) => claimDue(db, opts),

    async settle(delivery, outcome, now) {
      const held = and(eq(deliveries.id, delivery.id), eq(deliveries.leaseOwner, delivery.owner));
      const released = { leaseOwner: null, leaseUntil: null };
      if (outcome.status === 'sent') {
        await db.update(deliveries).set({ status: 'sent', sentAt: now, platformMessageId: outcome.messageIds.join(','), lastError: null, ...released }).where(held);
      } else if (outcome.status === 'failed') {
        await db.update(deliveries).set({ status: 'failed', lastError: outcome.error, ...released }).where(held);
      } else {
        await db.update(deliveries).set({ status: 'pending', nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error, ...released }).where(held);
      }
    },

    async releaseSending(now) {
      const rows = await db
        .update(deliveries)
        .set({ status: 'pending', leaseOwner: null, leaseUntil: null, nextAttemptAt: now })
        .where(eq(deliveries.status, 'sending'))
        .returning({ id: deliveries.id });
      return rows.length;
    },
  };
}

async function claimDue(db: Db, opts: Parameters<OutboxStore['claimDue']>[0]): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: deliveries.id, status: deliveries.status })
      .from(deliveries)
      .innerJoin(chatChannels, eq(chatChannels.id, deliveries.channelId))
      .where(
        and(
          sql`${chatChannels.pausedAt} is null`,
          inArray(chatChannels.platform, opts.platforms),
          or(
            and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, opts.now)),
            and(eq(deliveries.status, 'sending'), lte(deliveries.leaseUntil, opts.now)),
          ),
        ),
      )
      .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
      .limit(opts.limit)
      .for('update', { of: deliveries, skipLocked: true });
    if (due.length === 0) return [];
    const recovering = new Set(due.filter((row) => row.status === 'sending').map((row) => row.id));
    const rows = await tx
      .update(deliveries)
      .set({
        status: 'sending',
        leaseOwner: opts.owner,
        leaseUntil: new Date(opts.now.getTime() + opts.leaseMs),
        attempts: sql`${deliveries.attempts} + 1`,
      })
      .where(inArray(deliveries.id, due.map((row) => row.id)))
      .returning({ id: deliveries.id, key: deliveries.key, kind: deliveries.kind, payload: deliveries.payload, attempts: deliveries.attempts, channelId: deliveries.channelId });
    const channels = await tx
      .select({ id: chatChannels.id, platform: chatChannels.platform, externalId: chatChannels.externalId })
      .from(chatChannels)
      .where(inArray(chatChannels.id, [...new Set(rows.map((row) => row.channelId))]));
    const channelById = new Map(channels.map((c) => [c.id, c]));
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      kind: row.kind,
      reply: row.payload as Reply,
      attempts: row.attempts,
      // Any earlier attempt may have reached the platform before the process died or the call timed out.
      recovering: recovering.has(row.id) || row.attempts > 1,
      platform: channelById.get(row.channelId)!.platform,
      channelExternalId: channelById.get(row.channelId)!.externalId,
      owner: opts.owner,
    }));
  });
}
