/**
 * The outbox: every digest and alert is written as a delivery row with a unique key before anything is
 * sent, then claimed by a sender under a lease, posted, and marked sent with the platform's message ids.
 *
 * Exactly once across crashes: a row left in `sending` by a dead process is claimed again when its lease
 * expires, and posted in recovery mode, where the adapter first looks for the key on the platform (Slack:
 * message metadata read back with conversations.history; Discord: the message nonce with enforce_nonce,
 * which makes Discord return the earlier message instead of posting twice).
 * @module
 */
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chatChannels, deliveries } from '../db/schema.js';
import type { Platform } from '../model/index.js';
import type { PostResult } from '../chat/channel-health.js';
import type { Reply } from '../chat/types.js';

/** What posts a reply to a channel of one platform; `recover` asks it to check for an earlier post first. */
export interface Poster {
  post(channelExternalId: string, reply: Reply, opts: { key: string; recover: boolean }): Promise<PostResult>;
}

export interface DeliveryToQueue {
  channelId: number;
  kind: 'digest' | 'alert';
  key: string;
  reply: Reply;
}

/** Queues deliveries; a key already queued (by this or another worker) is skipped. Returns the new count. */
export async function enqueueDeliveries(db: Db, items: DeliveryToQueue[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const inserted = await db
    .insert(deliveries)
    .values(items.map((item) => ({ channelId: item.channelId, kind: item.kind, key: item.key, payload: item.reply, nextAttemptAt: now })))
    .onConflictDoNothing({ target: deliveries.key })
    .returning({ id: deliveries.id });
  return inserted.length;
}

export interface ClaimedDelivery {
  id: number;
  key: string;
  kind: string;
  reply: Reply;
  attempts: number;
  /** It was being sent when its previous sender died: check the platform before posting again. */
  recovering: boolean;
  platform: Platform;
  channelExternalId: string;
  /** The sender holding the lease; outcomes are only recorded while it still does. */
  owner: string;
}

const MAX_ATTEMPTS = 8;

/**
 * Claims due deliveries for `owner` (pending and due, or sending with an expired lease), marking them
 * `sending` under a lease, with `FOR UPDATE SKIP LOCKED` so concurrent senders never take the same row.
 */
export async function claimDueDeliveries(
  db: Db,
  opts: { owner: string; now: Date; leaseMs: number; limit: number; platforms: Platform[] },
): Promise<ClaimedDelivery[]> {
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

/** Records the outcome of one post: sent, retry later with backoff, or given up with the reason kept. */
export async function recordDeliveryOutcome(db: Db, delivery: ClaimedDelivery, result: PostResult, now: Date): Promise<'sent' | 'retry' | 'failed'> {
  if (result.status === 'sent') {
    await db
      .update(deliveries)
      .set({ status: 'sent', sentAt: now, platformMessageId: result.messageIds.join(','), leaseOwner: null, leaseUntil: null, lastError: null })
      .where(and(eq(deliveries.id, delivery.id), eq(deliveries.leaseOwner, delivery.owner)));
    return 'sent';
  }
  if (result.status === 'gone' || delivery.attempts >= MAX_ATTEMPTS) {
    await db
      .update(deliveries)
      .set({ status: 'failed', lastError: `${result.reason} (after ${delivery.attempts} attempts)`, leaseOwner: null, leaseUntil: null })
      .where(and(eq(deliveries.id, delivery.id), eq(deliveries.leaseOwner, delivery.owner)));
    return 'failed';
  }
  // 30 s, 1 min, 2 min … capped at 1 h, or the platform's Retry-After when longer.
  const backoff = Math.min(3_600_000, 30_000 * 2 ** (delivery.attempts - 1));
  await db
    .update(deliveries)
    .set({
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + Math.max(backoff, result.retryAfterMs ?? 0)),
      lastError: result.reason,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(deliveries.id, delivery.id), eq(deliveries.leaseOwner, delivery.owner)));
  return 'retry';
}

export interface SendSummary {
  sent: number;
  retry: number;
  failed: number;
}

/** Claims and sends due deliveries until none are left; deliveries for platforms without a poster stay queued. */
export async function sendDueDeliveries(
  db: Db,
  posters: Partial<Record<Platform, Poster>>,
  opts: { owner: string; now: () => Date; leaseMs?: number; batch?: number },
): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, retry: 0, failed: 0 };
  const platforms = Object.keys(posters) as Platform[];
  if (platforms.length === 0) return summary;
  for (;;) {
    // One row at a time: a lease covers a single post, so it cannot run out while earlier rows of a
    // batch are being paced out, which would let another worker take (and post) the rest.
    const claimed = await claimDueDeliveries(db, { owner: opts.owner, now: opts.now(), leaseMs: opts.leaseMs ?? 120_000, limit: opts.batch ?? 1, platforms });
    if (claimed.length === 0) break;
    for (const delivery of claimed) {
      const poster = posters[delivery.platform]!;
      const result: PostResult = await poster
        .post(delivery.channelExternalId, delivery.reply, { key: delivery.key, recover: delivery.recovering })
        .catch((error: unknown) => ({ status: 'failed' as const, reason: error instanceof Error ? error.message : String(error) }));
      summary[await recordDeliveryOutcome(db, delivery, result, opts.now())]++;
    }
  }
  return summary;
}

/**
 * With the embedded database only this process can have been sending, so rows left `sending` belong to a
 * process that died: make them due now (their attempt count makes the next send run in recovery mode).
 * Never call this on a shared PostgreSQL server, where another worker may be mid-send; leases cover that.
 */
export async function releaseOrphanedDeliveries(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(deliveries)
    .set({ status: 'pending', leaseOwner: null, leaseUntil: null, nextAttemptAt: now })
    .where(eq(deliveries.status, 'sending'))
    .returning({ id: deliveries.id });
  return rows.length;
}
