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
  const runOnce = () => {
    if (running) {
      opts.log.debug('scheduler: previous cycle still running; tick skipped');
      return running;
    }
    running = cycle()
      .then(() => undefined)
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
  return {
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
