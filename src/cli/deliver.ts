/**
 * `claimwatch deliver --once`: queue due digests and send everything the outbox holds, then exit.
 * Also how a crashed bot's half-sent deliveries are finished without starting the poller.
 * @module
 */
import type { Command } from 'commander';
import { startChat } from '../chat/start-chat.js';
import { releaseOrphanedDeliveries } from '../deliver/outbox.js';
import { runDeliveryPass } from '../deliver/delivery-clock.js';
import { withRuntime } from './context.js';
import { chatDeps } from '../runtime.js';
import { createOutboxStore } from '../db/outbox-store.js';
import { createDeliveryStore } from '../db/delivery-store.js';

/** Registers `deliver`. */
export function registerDeliver(program: Command): void {
  program
    .command('deliver')
    .description('queue due digests and send every pending delivery, then exit')
    .option('--once', 'one pass (the only mode)', true)
    .action(async () => {
      await withRuntime(async (runtime) => {
        const chat = await startChat(runtime.config, { ...chatDeps(runtime.db, runtime.config.timeZone, runtime.log), role: 'off' });
        if (runtime.dbKind === 'pglite') await releaseOrphanedDeliveries(createOutboxStore(runtime.db), new Date());
        try {
          await runDeliveryPass({
            store: createDeliveryStore(runtime.db),
            posters: chat.posters,
            log: runtime.log.child({ stage: 'deliver' }),
            workerId: runtime.pollDeps.workerId,
            now: () => new Date(),
            quietLine: runtime.config.digestQuietLine,
            leaseMs: runtime.config.poll.leaseMs,
          });
        } finally {
          await chat.stop();
        }
      });
    });
}
