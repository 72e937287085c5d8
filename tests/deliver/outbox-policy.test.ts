/**
 * The outbox's retry policy and send loop, through a small in-memory implementation of its own store interface;
 * the database implementation (leases, SKIP LOCKED, crashes) is tested end to end in tests/integration.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf, sendDueDeliveries, type ClaimedDelivery, type DeliveryOutcome, type OutboxStore, type Poster } from '../../src/deliver/outbox.js';
import type { Platform } from '../../src/model/index.js';

const NOW = new Date('2026-03-06T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('outcomeOf', () => {
  it('backs off 30 s, 1 min, 2 min … up to an hour, or the platform’s Retry-After when longer', () => {
    const failed = { status: 'failed' as const, reason: 'HTTP 503' };
    expect(outcomeOf({ attempts: 1 }, failed, NOW)).toEqual({ status: 'pending', nextAttemptAt: later(30_000), error: 'HTTP 503' });
    expect(outcomeOf({ attempts: 3 }, failed, NOW)).toMatchObject({ nextAttemptAt: later(120_000) });
    expect(outcomeOf({ attempts: 7 }, failed, NOW)).toMatchObject({ nextAttemptAt: later(1_920_000) });
    expect(outcomeOf({ attempts: 2 }, { ...failed, retryAfterMs: 300_000 }, NOW)).toMatchObject({ nextAttemptAt: later(300_000) });
  });

  it('gives up on a channel that is gone at once, and on anything else after eight attempts, keeping the reason', () => {
    expect(outcomeOf({ attempts: 1 }, { status: 'gone', reason: 'channel_not_found' }, NOW)).toEqual({ status: 'failed', error: 'channel_not_found (after 1 attempts)' });
    expect(outcomeOf({ attempts: 8 }, { status: 'failed', reason: 'HTTP 500' }, NOW)).toEqual({ status: 'failed', error: 'HTTP 500 (after 8 attempts)' });
    expect(outcomeOf({ attempts: 1 }, { status: 'sent', messageIds: ['m1'] }, NOW)).toEqual({ status: 'sent', messageIds: ['m1'] });
  });
});

describe('sendDueDeliveries', () => {
  function memoryOutbox(platforms: Platform[]) {
    const queued: ClaimedDelivery[] = platforms.map((platform, i) => ({
      id: i + 1, key: `k${i + 1}`, kind: 'digest', reply: { title: `digest ${i + 1}`, sections: [], ephemeral: false }, attempts: 0, recovering: false,
      platform, channelExternalId: `C${i + 1}`, owner: '',
    }));
    const settled: [string, DeliveryOutcome][] = [];
    const store: OutboxStore = {
      enqueue: async () => 0,
      async claimDue({ owner, platforms: wanted, limit }) {
        const due = queued.filter((d) => wanted.includes(d.platform) && !settled.some(([key]) => key === d.key)).slice(0, limit);
        return due.map((d) => ({ ...d, owner, attempts: d.attempts + 1 }));
      },
      async settle(delivery, outcome) {
        settled.push([delivery.key, outcome]);
      },
      releaseSending: async () => 0,
    };
    return { store, settled };
  }

  it('posts each due delivery once, counts the outcomes, and leaves platforms without a poster queued', async () => {
    const { store, settled } = memoryOutbox(['slack', 'discord', 'slack']);
    const posted: string[] = [];
    const slack: Poster = {
      async post(channel, reply) {
        posted.push(`${channel}: ${reply.title}`);
        return channel === 'C3' ? { status: 'gone', reason: 'not_in_channel' } : { status: 'sent', messageIds: ['1.0'] };
      },
    };
    const summary = await sendDueDeliveries(store, { slack }, { owner: 'w1', now: () => NOW });
    expect(summary).toEqual({ sent: 1, retry: 0, failed: 1 });
    expect(posted).toEqual(['C1: digest 1', 'C3: digest 3']);
    expect(settled.map(([key, outcome]) => [key, outcome.status])).toEqual([['k1', 'sent'], ['k3', 'failed']]);
  });

  it('turns a poster that throws into a retry, not a crash of the loop', async () => {
    const { store, settled } = memoryOutbox(['discord']);
    const discord: Poster = { post: async () => Promise.reject(new Error('socket hang up')) };
    expect(await sendDueDeliveries(store, { discord }, { owner: 'w1', now: () => NOW })).toEqual({ sent: 0, retry: 1, failed: 0 });
    expect(settled[0]![1]).toEqual({ status: 'pending', nextAttemptAt: later(30_000), error: 'socket hang up' });
  });
});
