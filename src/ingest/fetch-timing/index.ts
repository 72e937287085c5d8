/**
 * When each feed is fetched next: stable slots spread over the interval, exponential backoff on failure,
 * Retry-After on rate limits, and disabling after a week of failures. Pure functions of state and time.
 * @module
 */
import { createHash } from 'node:crypto';

export const MIN_INTERVAL_SECONDS = 120;
export const DEFAULT_INTERVAL_SECONDS = 600;
export const MAX_BACKOFF_MS = 24 * 3_600_000;
export const DISABLE_AFTER_MS = 7 * 24 * 3_600_000;

/** The fetch state a feed carries between polls. */
export interface FeedScheduleState {
  url: string;
  intervalSeconds: number;
  consecutiveFailures: number;
  failingSince: Date | null;
}

/** What happened on one poll, reduced to what scheduling needs. */
export type PollOutcome =
  | { kind: 'success' }
  | { kind: 'rate-limited'; retryAfterMs: number | null; message: string }
  | { kind: 'failure'; message: string };

export interface ScheduleUpdate {
  nextFetchAt: Date;
  consecutiveFailures: number;
  failingSince: Date | null;
  status: 'ok' | 'error' | 'disabled';
  lastError: string | null;
  /** Set when a week of failures disables the feed. */
  disabledReason: string | null;
}

/** The feed's interval clamped to the floor (2 minutes). */
export function effectiveIntervalSeconds(intervalSeconds: number): number {
  return Math.max(MIN_INTERVAL_SECONDS, Math.round(intervalSeconds));
}

/**
 * Offset of a feed's slot within its interval, from a stable hash of its URL, so feeds sharing an interval
 * are spread over it instead of all firing on the same tick.
 */
export function slotOffsetMs(url: string, intervalSeconds: number): number {
  const intervalMs = effectiveIntervalSeconds(intervalSeconds) * 1000;
  const hash = createHash('sha1').update(url).digest().readUInt32BE(0);
  return hash % intervalMs;
}

/** The first slot of this feed strictly after `now`. */
export function nextSlot(url: string, intervalSeconds: number, now: Date): Date {
  const intervalMs = effectiveIntervalSeconds(intervalSeconds) * 1000;
  const offset = slotOffsetMs(url, intervalSeconds);
  const sinceSlot = (((now.getTime() - offset) % intervalMs) + intervalMs) % intervalMs;
  return new Date(now.getTime() - sinceSlot + intervalMs);
}

/** Backoff after `failures` consecutive failures: interval × 2^(failures-1), capped at 24 h. */
export function backoffMs(intervalSeconds: number, failures: number): number {
  const base = effectiveIntervalSeconds(intervalSeconds) * 1000;
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

/** The state after one poll: the next due time, failure counters, status and the reason kept. */
export function scheduleAfterPoll(state: FeedScheduleState, outcome: PollOutcome, now: Date): ScheduleUpdate {
  if (outcome.kind === 'success') {
    return {
      nextFetchAt: nextSlot(state.url, state.intervalSeconds, now),
      consecutiveFailures: 0,
      failingSince: null,
      status: 'ok',
      lastError: null,
      disabledReason: null,
    };
  }
  const failures = state.consecutiveFailures + 1;
  const failingSince = state.failingSince ?? now;
  if (now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS) {
    return {
      nextFetchAt: now,
      consecutiveFailures: failures,
      failingSince,
      status: 'disabled',
      lastError: outcome.message,
      disabledReason: `failing since ${failingSince.toISOString()} (7 days): ${outcome.message}`,
    };
  }
  // A server-given Retry-After (RFC 9110 §10.2.3) is honoured, but never sooner than the normal interval.
  const delayMs =
    outcome.kind === 'rate-limited' && outcome.retryAfterMs !== null
      ? Math.min(MAX_BACKOFF_MS, Math.max(outcome.retryAfterMs, effectiveIntervalSeconds(state.intervalSeconds) * 1000))
      : backoffMs(state.intervalSeconds, failures);
  return {
    nextFetchAt: new Date(now.getTime() + delayMs),
    consecutiveFailures: failures,
    failingSince,
    status: 'error',
    lastError: outcome.message,
    disabledReason: null,
  };
}
