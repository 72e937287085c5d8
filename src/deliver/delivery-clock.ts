/**
 * The delivery clock: every minute, queue the digests that are due and send what the outbox holds.
 * `kick()` sends at once (after a poll cycle queued alerts). Runs are never concurrent in one process.
 * @module
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Platform } from '../model/index.js';
import { queueDueDigests } from './digests.js';
import { sendDueDeliveries, type Poster } from './outbox.js';
import type { DeliveryStore } from './store.js';

export interface DeliveryScheduler {
  /** Sends due deliveries now (alerts just queued); resolves when done. */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

export interface DeliveryDeps {
  store: DeliveryStore;
  posters: Partial<Record<Platform, Poster>>;
  log: Logger;
  workerId: string;
  now(): Date;
  quietLine: boolean;
  /** The claim board's public address, for links in digests. */
  boardUrl?: string | null;
  /** Delivery lease: a sender that dies mid-send leaves its rows to another after this. */
  leaseMs: number;
  /** Cron expression of the pass (default every minute). */
  tick?: string;
}

/** One pass: queue due digests, then send everything due. */
export async function runDeliveryPass(deps: DeliveryDeps): Promise<void> {
  const digests = await queueDueDigests(deps.store, deps.now(), { quietLine: deps.quietLine, boardUrl: deps.boardUrl ?? null });
  if (digests.queued || digests.empty) deps.log.info(digests, `deliver: ${digests.queued} digests queued, ${digests.empty} with nothing new`);
  const sent = await sendDueDeliveries(deps.store.outbox, deps.posters, { owner: deps.workerId, now: deps.now, leaseMs: deps.leaseMs });
  if (sent.sent || sent.retry || sent.failed) deps.log.info(sent, `deliver: ${sent.sent} sent, ${sent.retry} to retry, ${sent.failed} failed`);
}

/** Starts the per-minute delivery task. */
export function startDeliveryScheduler(deps: DeliveryDeps): DeliveryScheduler {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      // A kick during a pass runs one more pass after it, so nothing queued meanwhile waits a minute.
      again = true;
      return running;
    }
    running = runDeliveryPass(deps)
      .catch((error: unknown) => deps.log.error({ err: error }, 'deliver: pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  const task: ScheduledTask = cron.schedule(deps.tick ?? '* * * * *', () => run(), { name: 'deliver', noOverlap: true });
  void run();
  return {
    kick: run,
    async stop() {
      await task.destroy();
      await running;
    },
  };
}
