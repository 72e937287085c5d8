/**
 * At most `limit` feeds in flight per origin, waiting in FIFO order.
 *
 * undici's Agent `connections` option already caps sockets per origin (and the fetcher sets it too, which also
 * covers redirect hops to other origins), but a request queued inside undici is already under its deadline:
 * ten feeds of one slow outlet would time out in the queue without being sent. Waiting here, before the deadline
 * starts, keeps "timed out after 20s" true.
 */

/** Runs tasks keyed by origin, at most `limit` at once per key. */
export interface HostLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

interface Slot {
  active: number;
  waiting: (() => void)[];
}

/** A per-key semaphore whose idle keys are forgotten, so a long-running bot does not grow a map per host seen. */
export function createHostLimiter(limit: number): HostLimiter {
  const slots = new Map<string, Slot>();
  return {
    async run(key, task) {
      const slot = slots.get(key) ?? { active: 0, waiting: [] };
      slots.set(key, slot);
      if (slot.active < limit) slot.active += 1;
      else await new Promise<void>((resolve) => slot.waiting.push(resolve));
      try {
        return await task();
      } finally {
        // Hand the place straight to the next in line, so a newcomer cannot jump the queue.
        const next = slot.waiting.shift();
        if (next) next();
        else if (--slot.active === 0) slots.delete(key);
      }
    },
  };
}
