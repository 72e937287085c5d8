/**
 * The operator's HTTP listener (127.0.0.1 by default): `/healthz` says the process is alive, `/readyz` whether it
 * is doing its job (database reachable, a poll cycle finished lately, chat gateways connected when this process
 * holds them; 503 naming the failing check otherwise), `/metrics` the Prometheus text of metrics.ts.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { Metrics } from './metrics.js';
import type { HealthStore } from './store.js';

/** One readiness check: null when it passes, else what is wrong. */
export type ReadinessCheck = () => Promise<string | null>;

export interface HealthServer {
  /** The port listened on (the configured one, or the one picked for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** A database that does not answer within this is not ready: a scrape must not hang on it. */
const DB_PING_TIMEOUT_MS = 2_000;

/** Readiness of the database: it answers a ping in time. */
export function databaseCheck(store: HealthStore): ReadinessCheck {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${DB_PING_TIMEOUT_MS} ms`), DB_PING_TIMEOUT_MS);
    });
    try {
      return await Promise.race([store.ping().then(() => null), timeout]);
    } catch (error) {
      return error instanceof Error ? error.message.split('\n')[0]! : String(error);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Readiness of polling: a cycle finished within two intervals, an interval being the tick's or the last cycle's
 * duration when cycles run longer than the tick. Until the first cycle ends, the process is starting: not ready.
 */
export function pollCheck(status: () => { intervalMs: number; lastFinishedAt: Date | null; lastDurationMs: number | null }, now: () => Date = () => new Date()): ReadinessCheck {
  return async () => {
    const { intervalMs, lastFinishedAt, lastDurationMs } = status();
    if (!lastFinishedAt) return 'no poll cycle has finished yet';
    const allowedMs = 2 * Math.max(intervalMs, lastDurationMs ?? 0);
    const ageMs = now().getTime() - lastFinishedAt.getTime();
    return ageMs <= allowedMs ? null : `the last poll cycle finished ${Math.round(ageMs / 1000)} s ago (allowed ${Math.round(allowedMs / 1000)} s)`;
  };
}

/** Starts the listener; a port already taken is an error the caller reports (another worker on this machine). */
export async function startHealthServer(opts: {
  host: string;
  port: number;
  metrics: Metrics;
  checks: Record<string, ReadinessCheck>;
  log: Logger;
  /** Serves every other path (the claim board). */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // Everything here only reads.
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      void readiness(opts.checks).then(({ ok, results }) => {
        const body = Object.entries(results)
          .map(([name, problem]) => `${name}: ${problem ?? 'ok'}`)
          .join('\n');
        res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' }).end(`${body}\n`);
      });
      return;
    }
    if (path === '/metrics') {
      opts.metrics.registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': opts.metrics.registry.contentType }).end(text))
        .catch((error: unknown) => {
          opts.log.warn({ err: error }, 'health: could not collect metrics');
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable; see the log\n');
        });
      return;
    }
    if (opts.fallback) opts.fallback(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /healthz, /readyz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  opts.log.info({ host: opts.host, port }, `health: /healthz, /readyz and /metrics${opts.fallback ? ', and the claim board at /,' : ''} on http://${opts.host}:${port}`);
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readiness(checks: Record<string, ReadinessCheck>): Promise<{ ok: boolean; results: Record<string, string | null> }> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await check().catch((error: unknown) => String(error))] as const));
  const results = Object.fromEntries(entries);
  return { ok: entries.every(([, problem]) => problem === null), results };
}
