/**
 * Measuring without touching the code measured: stage functions wrapped with timers, the database's
 * `transaction` timed through a proxy, and peak RSS sampled every 100 ms.
 * @module
 */
import type { Db } from '../src/db/client.js';
import type { StageTiming } from './protocol.js';

export const newStage = (): StageTiming => ({ calls: 0, ms: 0, maxMs: 0 });

function record(stage: StageTiming, started: number): void {
  const ms = performance.now() - started;
  stage.calls++;
  stage.ms += ms;
  if (ms > stage.maxMs) stage.maxMs = ms;
}

/** Wraps an async function so each call's latency is added to `stage`. */
export function timedAsync<A extends unknown[], R>(stage: StageTiming, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    const started = performance.now();
    try {
      return await fn(...args);
    } finally {
      record(stage, started);
    }
  };
}

/**
 * The same database, with every `transaction(...)` timed into `stage`. In a poll that is storeArticles (one per
 * feed) plus claimDueFeeds (one per batch of 200).
 */
export function timedTransactions(db: Db, stage: StageTiming): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'transaction' && typeof value === 'function') {
        return timedAsync(stage, (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Memory at the sampled peak: the main thread's V8 heap and the off-heap buffers (PGlite's wasm memory is external). */
export interface MemoryAtPeak {
  heapTotalMb: number;
  externalMb: number;
}

/** Samples RSS every 100 ms; `stop()` gives the sampled peak (with its split) and the kernel's lifetime peak, in MB. */
export function startRssSampler(): { stop(): { peakRssMb: number; maxRssMb: number; atPeak: MemoryAtPeak } } {
  let peak = 0;
  let atPeak: MemoryAtPeak = { heapTotalMb: 0, externalMb: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    if (usage.rss <= peak) return;
    peak = usage.rss;
    atPeak = { heapTotalMb: usage.heapTotal / 2 ** 20, externalMb: usage.external / 2 ** 20 };
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      // maxRSS is in kilobytes and covers the whole process life, worker threads included.
      return { peakRssMb: peak / 2 ** 20, maxRssMb: process.resourceUsage().maxRSS / 1024, atPeak };
    },
  };
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
