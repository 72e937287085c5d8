/**
 * `claimwatch board`: serve the claim board of a data folder (or DATABASE_URL) read-only, without polling or
 * posting: for looking at what a bot collected, or at a `demo --keep` folder.
 * @module
 */
import { getRequestListener } from '@hono/node-server';
import type { Command } from 'commander';
import { createBoardApp } from '../board/app.js';
import { createBoardStore } from '../db/board-store.js';
import { createHealthStore } from '../db/health-store.js';
import { createMetrics } from '../health/metrics.js';
import { databaseCheck, startHealthServer, type HealthServer } from '../health/server.js';
import { createLogger } from '../log.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { CliError, loadConfig } from './context.js';

/** The board, with /healthz, /readyz (the database) and /metrics, on one listener, for a process that only serves it. */
export async function startBoardServer(runtime: Runtime, listen: { host: string; port: number }): Promise<HealthServer> {
  const healthStore = createHealthStore(runtime.db);
  return startHealthServer({
    ...listen,
    metrics: createMetrics(healthStore),
    checks: { database: databaseCheck(healthStore) },
    log: runtime.log,
    fallback: getRequestListener(createBoardApp({ store: createBoardStore(runtime.db), token: runtime.config.board.token }).fetch),
  });
}

/** Registers `board`. */
export function registerBoard(program: Command): void {
  program
    .command('board')
    .description('serve the claim board (claims, stories, entities, graph, feeds) read-only on CLAIMWATCH_HTTP_HOST:CLAIMWATCH_HTTP_PORT')
    .action(async () => {
      const config = loadConfig();
      if (!config.http) throw new CliError('board: CLAIMWATCH_HTTP_PORT is off; set a port (or 0 for any free one)', 2);
      const log = createLogger(config.logLevel, { format: config.logFormat });
      const runtime = await openRuntime(config, log);
      try {
        const server = await startBoardServer(runtime, config.http);
        process.stdout.write(`claim board on http://${config.http.host}:${server.port}/ (Ctrl-C stops)\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await server.close();
      } finally {
        await runtime.close();
      }
    });
}
