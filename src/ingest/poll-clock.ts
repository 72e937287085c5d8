/**
 * The clock of the bot: node-cron ticks, each tick runs a poll cycle over the feeds that are due.
 * Per-feed timing lives in the database (`next_fetch_at`), so the tick only has to be frequent.
 * @module
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface PollScheduler {
  /** Resolves when the running cycle (if any) has finished. */
  stop(): Promise<void>;
  /** The tick's interval, and when the last cycle finished and how long it took (readiness). */
  status(): { intervalMs: number; lastFinishedAt: Date | null; lastDurationMs: number | null };
}

/**
 * Runs `cycle` now and then on every tick (default every 30 s). A tick that finds the previous cycle still
 * running is skipped, never queued, so a slow cycle is not started twice.
 */
export function startPollScheduler(
  cycle: () => Promise<unknown>,
  opts: { log: Logger; expression?: string },
): PollScheduler {
  let running: Promise<void> | null = null;
  let lastFinishedAt: Date | null = null;
  let lastDurationMs: number | null = null;
  const runOnce = () => {
    if (running) {
      opts.log.debug('scheduler: previous cycle still running; tick skipped');
      return running;
    }
    const startedAt = Date.now();
    running = cycle()
      .then(() => {
        lastFinishedAt = new Date();
        lastDurationMs = lastFinishedAt.getTime() - startedAt;
      })
      .catch((error: unknown) => opts.log.error({ err: error }, 'scheduler: poll cycle failed'))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const task: ScheduledTask = cron.schedule(opts.expression ?? '*/30 * * * * *', () => runOnce(), {
    name: 'poll',
    noOverlap: true,
  });
  void runOnce();
  const [next, after] = task.getNextRuns(2);
  const intervalMs = next && after ? after.getTime() - next.getTime() : 30_000;
  return {
    async stop() {
      await task.destroy();
      await running;
    },
    status: () => ({ intervalMs, lastFinishedAt, lastDurationMs }),
  };
}
