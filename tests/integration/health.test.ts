/**
 * The operator's view of a running bot: `claimwatch start` as a real process on PostgreSQL, reached through a
 * TCP proxy that the test takes down and brings back (a database restart, as the bot sees it). /healthz stays
 * 200; /readyz is 200 after a poll cycle, 503 naming the database while it is down, 200 again after; /metrics is
 * Prometheus text that a text-format parser reads, with the named series after a poll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshPostgresDatabase } from '../helpers/db.js';
import { startTestServer } from '../helpers/http-server.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { pollCheck } from '../../src/health/server.js';

interface MetricFamily {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string; buckets?: Record<string, string> }[];
}
const parsePrometheusTextFormat = createRequire(import.meta.url)('parse-prometheus-text-format') as (text: string) => MetricFamily[];

const bin = join(import.meta.dirname, '../../bin/claimwatch.js');
const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!baseUrl)('health and metrics of a running bot on PostgreSQL', { timeout: 120_000 }, () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createFreshPostgresDatabase>>;
  let proxy: TcpProxy;
  let feeds: Awaited<ReturnType<typeof startTestServer>>;
  let bot: ChildProcess;
  let health: string;

  const get = async (path: string) => {
    const res = await fetch(`${health}${path}`);
    return { status: res.status, text: await res.text() };
  };
  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 40_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claimwatch-health-'));
    database = await createFreshPostgresDatabase(baseUrl!);
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    feeds = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Cloud</title><item><title>Azure adds a region</title><link>https://cloud.example/1</link></item></channel></rss>');
    });
    const feedsFile = join(dir, 'feeds.yaml');
    await writeFile(feedsFile, `feeds:\n  - { url: "${feeds.url}/cloud.xml", title: Cloud, outlet: Cloud Example, language: en }\n`);
    bot = spawn(process.execPath, [bin, 'start'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: viaProxy.toString(),
        DATA_DIR: join(dir, 'data'),
        CLAIMWATCH_FEEDS: feedsFile,
        CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES: 'true',
        CLAIMWATCH_POLL_TICK: '*/2 * * * * *',
        CLAIMWATCH_HTTP_PORT: '0',
        CLAIMWATCH_PARSE_TIMEOUT_MS: '30000',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      },
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    bot.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor('the health listener', async () => /"msg":"health: [^"]*http:\/\/127\.0\.0\.1:(\d+)/.test(log));
    health = `http://127.0.0.1:${/"msg":"health: [^"]*http:\/\/127\.0\.0\.1:(\d+)/.exec(log)![1]}`;
  });
  afterAll(async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((resolve) => bot.once('exit', resolve));
      bot.kill('SIGTERM');
      await exited;
    }
    await proxy?.close();
    await feeds?.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is alive at once, and ready once a poll cycle has finished', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' });
    await waitFor('/readyz 200', async () => (await get('/readyz')).status === 200);
    expect((await get('/readyz')).text).toBe('database: ok\npoll: ok\n');
  });

  it('serves Prometheus text with the named series after a poll', async () => {
    const families = parsePrometheusTextFormat((await get('/metrics')).text);
    const family = (name: string) => families.find((f) => f.name === name);
    expect(family('claimwatch_feed_polls_total')?.metrics.find((m) => m.labels?.outcome === 'ok')?.value).toMatch(/^[1-9]/);
    expect(family('claimwatch_feed_poll_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(Number(family('claimwatch_articles_stored_total')?.metrics[0]?.value)).toBe(1);
    expect(family('claimwatch_feeds')?.metrics.find((m) => m.labels?.status === 'ok')?.value).toBe('1');
    expect(family('claimwatch_articles_unmatched')?.metrics[0]?.value).toBeDefined();
    expect(family('claimwatch_deliveries')?.metrics.map((m) => m.labels?.status).sort()).toEqual(['failed', 'pending', 'sending', 'sent']);
    expect(family('claimwatch_delivery_oldest_pending_age_seconds')?.metrics[0]?.value).toBe('0');
    expect(family('claimwatch_poll_cycles_total')?.metrics[0]?.value).toMatch(/^[1-9]/);
    expect(family('process_cpu_user_seconds_total')).toBeDefined();
  });

  it('goes 503 naming the database while it is down, and 200 again when it is back', async () => {
    proxy.down();
    await waitFor('/readyz 503', async () => (await get('/readyz')).status === 503);
    const down = await get('/readyz');
    expect(down.text).toMatch(/^database: (?!ok).+/m);
    expect((await get('/healthz')).status).toBe(200);
    proxy.up();
    await waitFor('/readyz 200 again', async () => (await get('/readyz')).status === 200);
  });
});

describe('readiness of polling', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  it('is not ready before the first cycle, ready within two intervals, and stale after', async () => {
    const status = { intervalMs: 30_000, lastFinishedAt: null as Date | null, lastDurationMs: null as number | null };
    let now = at(0);
    const check = pollCheck(() => status, () => now);
    expect(await check()).toBe('no poll cycle has finished yet');
    status.lastFinishedAt = at(0);
    status.lastDurationMs = 5_000;
    now = at(59);
    expect(await check()).toBeNull();
    now = at(61);
    expect(await check()).toMatch(/finished 61 s ago \(allowed 60 s\)/);
    // A cycle longer than the tick stretches the window: cycles of 50 s are due every 50 s.
    status.lastDurationMs = 50_000;
    expect(await check()).toBeNull();
  });
});
