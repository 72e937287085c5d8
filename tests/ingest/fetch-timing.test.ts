import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  nextSlot,
  scheduleAfterPoll,
  slotOffsetMs,
  type FeedScheduleState,
} from '../../src/ingest/fetch-timing/index.js';

const now = new Date('2026-11-23T12:00:00Z');
const healthy: FeedScheduleState = { url: 'https://a.example/feed', intervalSeconds: 600, consecutiveFailures: 0, failingSince: null };

describe('feed schedule', () => {
  it('spreads feeds sharing an interval over it, stably per URL', () => {
    const offsets = Array.from({ length: 200 }, (_, i) => slotOffsetMs(`https://feeds.example/${i}`, 600));
    expect(slotOffsetMs('https://feeds.example/7', 600)).toBe(offsets[7]);
    // 200 feeds over ten one-minute buckets: every bucket gets some, none gets most.
    const buckets = new Array(10).fill(0);
    for (const offset of offsets) buckets[Math.floor(offset / 60_000)]++;
    expect(Math.min(...buckets)).toBeGreaterThan(5);
    expect(Math.max(...buckets)).toBeLessThan(45);
  });

  it('puts the next slot within one interval, on the feed’s own phase', () => {
    const a = nextSlot(healthy.url, 600, now);
    const b = nextSlot(healthy.url, 600, new Date(a.getTime() + 1));
    expect(a.getTime()).toBeGreaterThan(now.getTime());
    expect(a.getTime() - now.getTime()).toBeLessThanOrEqual(600_000);
    expect(b.getTime() - a.getTime()).toBe(600_000);
  });

  it('never polls more often than every 2 minutes', () => {
    const slot = nextSlot(healthy.url, 10, now);
    expect(nextSlot(healthy.url, 10, slot).getTime() - slot.getTime()).toBe(120_000);
  });

  it.each([
    [1, 600_000],
    [2, 1_200_000],
    [5, 9_600_000],
    [30, 24 * 3_600_000],
  ])('backs off exponentially: %i failures wait %i ms (capped at 24 h)', (failures, expected) => {
    expect(backoffMs(600, failures)).toBe(expected);
  });

  it('honours Retry-After but never polls sooner than the interval', () => {
    const later = scheduleAfterPoll(healthy, { kind: 'rate-limited', retryAfterMs: 3_600_000, message: 'HTTP 429' }, now);
    expect(later.nextFetchAt.getTime() - now.getTime()).toBe(3_600_000);
    const soon = scheduleAfterPoll(healthy, { kind: 'rate-limited', retryAfterMs: 5_000, message: 'HTTP 429' }, now);
    expect(soon.nextFetchAt.getTime() - now.getTime()).toBe(600_000);
    expect(soon.status).toBe('error');
    expect(soon.lastError).toBe('HTTP 429');
  });

  it('disables a feed failing for 7 days, keeping the reason', () => {
    const failing: FeedScheduleState = {
      ...healthy,
      consecutiveFailures: 40,
      failingSince: new Date(now.getTime() - 7 * 86_400_000),
    };
    const update = scheduleAfterPoll(failing, { kind: 'failure', message: 'fetch: HTTP 404 Not Found' }, now);
    expect(update.status).toBe('disabled');
    expect(update.disabledReason).toContain('fetch: HTTP 404 Not Found');
    expect(update.disabledReason).toContain('7 days');
  });

  it('clears failures on success', () => {
    const failing: FeedScheduleState = { ...healthy, consecutiveFailures: 3, failingSince: new Date(now.getTime() - 3_600_000) };
    const update = scheduleAfterPoll(failing, { kind: 'success' }, now);
    expect(update).toMatchObject({ status: 'ok', consecutiveFailures: 0, failingSince: null, lastError: null });
  });
});
