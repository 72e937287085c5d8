/**
 * `claimwatch start`: migrate, load `feeds/`, poll on schedule until Ctrl-C.
 * @module
 */
import type { Command } from 'commander';
import { createLogger } from '../log.js';
import { openRuntime, syncData } from '../runtime.js';
import { runPollCycle } from '../ingest/poll-cycle.js';
import { startPollScheduler } from '../scheduler.js';
import { loadConfig } from './context.js';

/** Registers `start`. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the bot: poll feeds on schedule and serve chat commands (Ctrl-C stops)')
    .action(async () => {
      const config = loadConfig();
      const log = createLogger(config.logLevel);
      const runtime = await openRuntime(config, log);
      try {
        await syncData(runtime);
      } catch (error) {
        await runtime.close();
        throw error;
      }
      if (!config.slack && !config.discord) {
        log.info('chat: no SLACK_BOT_TOKEN or DISCORD_TOKEN set; using the console adapter (try `npx claimwatch facts bytedance`)');
      }
      const scheduler = startPollScheduler(() => runPollCycle(runtime.pollDeps), { log });
      log.info('claimwatch: running; press Ctrl-C to stop');
      await waitForShutdownSignal(log);
      log.info('claimwatch: stopping (waiting for the current poll to finish; Ctrl-C again to force)');
      await scheduler.stop();
      await runtime.close();
      log.info('claimwatch: stopped');
    });
}

function waitForShutdownSignal(log: ReturnType<typeof createLogger>): Promise<void> {
  return new Promise((resolve) => {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (signalled) {
        log.warn({ signal }, 'claimwatch: forced exit');
        process.exit(130);
      }
      signalled = true;
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
