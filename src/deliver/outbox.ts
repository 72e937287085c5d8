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
import type { Platform, Reply } from '../model/index.js';

/** The outcome of posting one message, as every chat adapter reports it. */
export type PostResult =
  | { status: 'sent'; messageIds: string[] }
  /** 403/404 and their platform codes: the channel is paused; retrying will not help. */
  | { status: 'gone'; reason: string }
  /** 5xx, network, or a 429 that outlasted the retries: try again later. */
  | { status: 'failed'; reason: string; retryAfterMs?: number };

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

/** What happens to a claimed delivery after one post. */
export type DeliveryOutcome =
  | { status: 'sent'; messageIds: string[] }
  | { status: 'failed'; error: string }
  | { status: 'pending'; nextAttemptAt: Date; error: string };

/** The outbox's storage, implemented by src/db/outbox-store.ts. */
export interface OutboxStore {
  /** Queues deliveries; a key already queued (by this or another worker) is skipped. Returns the new count. */
  enqueue(items: readonly DeliveryToQueue[], now: Date): Promise<number>;
  /**
   * Claims due deliveries for `owner` (pending and due, or sending with an expired lease), under a lease, so
   * concurrent senders never take the same row; channels that are paused are skipped.
   */
  claimDue(opts: { owner: string; now: Date; leaseMs: number; limit: number; platforms: Platform[] }): Promise<ClaimedDelivery[]>;
  /** Records an outcome, only while `delivery.owner` still holds the lease. */
  settle(delivery: ClaimedDelivery, outcome: DeliveryOutcome, now: Date): Promise<void>;
  /** Makes every delivery left `sending` due now (see releaseOrphanedDeliveries). Returns how many. */
  releaseSending(now: Date): Promise<number>;
}

const MAX_ATTEMPTS = 8;

/** The outcome of one post: sent, retry later with backoff, or given up with the reason kept. */
export function outcomeOf(delivery: Pick<ClaimedDelivery, 'attempts'>, result: PostResult, now: Date): DeliveryOutcome {
  if (result.status === 'sent') return { status: 'sent', messageIds: result.messageIds };
  if (result.status === 'gone' || delivery.attempts >= MAX_ATTEMPTS) return { status: 'failed', error: `${result.reason} (after ${delivery.attempts} attempts)` };
  // 30 s, 1 min, 2 min … capped at 1 h, or the platform's Retry-After when longer.
  const backoff = Math.min(3_600_000, 30_000 * 2 ** (delivery.attempts - 1));
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + Math.max(backoff, result.retryAfterMs ?? 0)), error: result.reason };
}

export interface SendSummary {
  sent: number;
  retry: number;
  failed: number;
}

/** Claims and sends due deliveries until none are left; deliveries for platforms without a poster stay queued. */
export async function sendDueDeliveries(
  store: OutboxStore,
  posters: Partial<Record<Platform, Poster>>,
  opts: { owner: string; now: () => Date; leaseMs?: number; batch?: number },
): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, retry: 0, failed: 0 };
  const platforms = Object.keys(posters) as Platform[];
  if (platforms.length === 0) return summary;
  for (;;) {
    // One row at a time: a lease covers a single post, so it cannot run out while earlier rows of a
    // batch are being paced out, which would let another worker take (and post) the rest.
    const claimed = await store.claimDue({ owner: opts.owner, now: opts.now(), leaseMs: opts.leaseMs ?? 120_000, limit: opts.batch ?? 1, platforms });
    if (claimed.length === 0) break;
    for (const delivery of claimed) {
      const poster = posters[delivery.platform]!;
      const result: PostResult = await poster
        .post(delivery.channelExternalId, delivery.reply, { key: delivery.key, recover: delivery.recovering })
        .catch((error: unknown) => ({ status: 'failed' as const, reason: error instanceof Error ? error.message : String(error) }));
      const now = opts.now();
      const outcome = outcomeOf(delivery, result, now);
      await store.settle(delivery, outcome, now);
      summary[outcome.status === 'pending' ? 'retry' : outcome.status]++;
    }
  }
  return summary;
}

/**
 * With the embedded database only this process can have been sending, so rows left `sending` belong to a
 * process that died: make them due now (their attempt count makes the next send run in recovery mode).
 * Never call this on a shared PostgreSQL server, where another worker may be mid-send; leases cover that.
 */
export function releaseOrphanedDeliveries(store: Pick<OutboxStore, 'releaseSending'>, now: Date): Promise<number> {
  return store.releaseSending(now);
}
