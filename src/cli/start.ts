/**
 * `claimwatch start`: migrate, load `feeds/`, poll on schedule until Ctrl-C.
 * @module
 */
import type { Command } from 'commander';
import { createLogger } from '../log.js';
import { chatDeps, openRuntime, syncData, type Runtime } from '../runtime.js';
import { runPollCycle } from '../ingest/poll-cycle.js';
import { startPollScheduler } from '../ingest/poll-clock.js';
import { startChat } from '../chat/start-chat.js';
import { releaseOrphanedDeliveries } from '../deliver/outbox.js';
import { startDeliveryScheduler } from '../deliver/delivery-clock.js';
import { CliError, loadConfig } from './context.js';
import { createLease } from '../db/leases.js';
import { createOutboxStore } from '../db/outbox-store.js';
import { createDeliveryStore } from '../db/delivery-store.js';
import { createHealthStore } from '../db/health-store.js';
import { createMetrics } from '../health/metrics.js';
import { databaseCheck, pollCheck, startHealthServer, type HealthServer, type ReadinessCheck } from '../health/server.js';
import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import { getRequestListener } from '@hono/node-server';
import { createBoardApp } from '../board/app.js';
import { createBoardStore } from '../db/board-store.js';

/** Registers `start`. */
export function registerStart(program: Command): void {
  const run = async (opts: { chat: boolean }) => {
    const config = loadConfig();
    const log = createLogger(config.logLevel, { format: config.logFormat });
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
    const chat = await startChat(config, {
      ...chatDeps(runtime.db, config.timeZone, log, config.board.publicUrl),
      // One process owns the embedded database; on PostgreSQL the gateways go to whichever worker holds the lease.
      role: runtime.dbKind === 'pglite' ? 'listen' : opts.chat ? 'lease' : 'off',
      lease: createLease(runtime.db, 'chat'),
      owner: runtime.pollDeps.workerId,
    });
    if (runtime.dbKind === 'pglite') {
      const released = await releaseOrphanedDeliveries(createOutboxStore(runtime.db), new Date());
      if (released > 0) log.warn({ released }, `deliver: ${released} deliveries were mid-send when the bot last stopped; re-checking them`);
    }
    const healthStore = createHealthStore(runtime.db);
    const metrics = createMetrics(healthStore);
    const delivery = startDeliveryScheduler({
      store: createDeliveryStore(runtime.db),
      posters: metrics.countPosts(chat.posters),
      log: log.child({ stage: 'deliver' }),
      workerId: runtime.pollDeps.workerId,
      now: () => new Date(),
      quietLine: config.digestQuietLine,
      boardUrl: config.board.publicUrl,
    leaseMs: config.poll.leaseMs,
    tick: config.deliveryTick,
    });
    runtime.onAlertsQueued(() => delivery.kick());
    const scheduler = startPollScheduler(
      async () => metrics.cycleFinished(await runPollCycle({ ...runtime.pollDeps, onFeedPolled: metrics.feedPolled }), new Date()),
      { log, expression: config.poll.tick },
    );
    const checks: Record<string, ReadinessCheck> = { database: databaseCheck(healthStore), poll: pollCheck(() => scheduler.status()) };
    // The gateways are this process's to hold with the embedded database; on PostgreSQL, whichever worker has the lease.
    if ((config.slack || config.discord) && runtime.dbKind === 'pglite') {
      checks.chat = async () => (chat.listening ? null : 'chat gateways not connected');
    }
    const board = getRequestListener(createBoardApp({ store: createBoardStore(runtime.db), token: config.board.token }).fetch);
    const health = await startHealth(config, { metrics, checks, log, fallback: board });
    log.info('claimwatch: running; press Ctrl-C to stop');
    const lostFolder = await Promise.race([waitForShutdownSignal(log).then(() => null), watchDataDir(runtime)]);
    if (lostFolder) {
      // Nothing written from here on would survive: stop at once, say why, and exit non-zero.
      log.error({ problem: lostFolder }, `claimwatch: stopping: ${lostFolder}; nothing more can be saved there`);
      process.exitCode = 1;
    } else log.info('claimwatch: stopping (waiting for the current poll and deliveries to finish; Ctrl-C again to force)');
    await scheduler.stop();
    await health?.close();
    await delivery.stop();
    await chat.stop();
    await runtime.close().catch((error: unknown) => log.warn({ err: error }, 'claimwatch: closing the database failed'));
    log.info('claimwatch: stopped');
  };
  program
    .command('start')
    .description('run the bot: poll feeds on schedule, deliver digests and alerts, serve chat commands (Ctrl-C stops)')
    .option('--no-chat', 'on PostgreSQL: never take the chat gateways (this process only polls and sends)')
    .action((opts: { chat: boolean }) => run(opts));
  program
    .command('worker')
    .description('run one of several workers sharing DATABASE_URL: poll, match and send; --chat to stand by for the chat gateways')
    .option('--chat', 'take the chat gateways when no other worker holds them', false)
    .action(async (opts: { chat: boolean }) => {
      if (loadConfig().database.kind === 'pglite') {
        throw new CliError('worker: workers share a PostgreSQL server; set DATABASE_URL (the embedded database allows one process: use `claimwatch start`)', 2);
      }
      await run(opts);
    });
}

/**
 * The health listener, unless CLAIMWATCH_HTTP_PORT=off. A port already taken (a second worker on this machine)
 * is reported with the fix, and the bot runs on without it.
 */
async function startHealth(
  config: Config,
  deps: { metrics: ReturnType<typeof createMetrics>; checks: Record<string, ReadinessCheck>; log: Logger; fallback: Parameters<typeof startHealthServer>[0]['fallback'] },
): Promise<HealthServer | null> {
  if (!config.http) return null;
  try {
    return await startHealthServer({ ...config.http, ...deps });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${config.http.port} is taken (another worker on this machine?): give each worker its own CLAIMWATCH_HTTP_PORT, or 0 for any free port` : String(error);
    deps.log.error({ err: error }, `health: no /healthz, /readyz or /metrics: ${reason}`);
    return null;
  }
}

/** How often the embedded database's folder is checked: well within one poll cycle. */
const DATA_DIR_CHECK_MS = 5_000;

/** Resolves with the problem when the data folder is deleted, replaced or taken (never, on PostgreSQL). */
function watchDataDir(runtime: Runtime): Promise<string> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const problem = runtime.dataDirProblem();
      if (problem) {
        clearInterval(timer);
        resolve(problem);
      }
    }, DATA_DIR_CHECK_MS);
    timer.unref();
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
