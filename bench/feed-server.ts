/**
 * The fake feed server, run as a child process (`fork`) so serving never competes with the pipeline's event
 * loop. Serves `/feed/<i>.xml` (RSS 2.0 from text-gen.ts) with an ETag, answers a matching If-None-Match
 * with 304, and counts requests per feed. Bodies are generated once at start, so a cycle measures the
 * pipeline, not the generator (it reports how long generating took).
 *
 * Parent → child messages: `{ type: 'stats' }`, `{ type: 'reset' }`. Child → parent: `{ type: 'ready', port,
 * genMs, bytes }`, `{ type: 'stats', ... }`.
 * @module
 */
import { createServer } from 'node:http';
import { loadGold } from '../tests/eval/evaluate.js';
import { feedXml } from './text-gen.js';

export interface ServerStats {
  type: 'stats';
  requests: number;
  ok: number;
  notModified: number;
  notFound: number;
  bytesSent: number;
  /** Feeds sent in full (200) exactly once, more than once, never; 304s are not counted here. */
  once: number;
  many: number;
  never: number;
  /** CPU the server used since the last reset (user + system, ms). */
  cpuMs: number;
}

const feeds = Number(process.env.BENCH_FEEDS);
const items = Number(process.env.BENCH_ITEMS);
const baseTime = Number(process.env.BENCH_BASE_TIME);

const gold = await loadGold();
const genStart = performance.now();
const bodies: Buffer[] = [];
let totalBytes = 0;
for (let i = 0; i < feeds; i++) {
  const body = Buffer.from(feedXml({ feeds, items, baseTime, gold }, i));
  bodies.push(body);
  totalBytes += body.length;
}
const genMs = performance.now() - genStart;

let counts = new Uint32Array(feeds);
let stats = { requests: 0, ok: 0, notModified: 0, notFound: 0, bytesSent: 0 };
let cpuStart = process.cpuUsage();
const etagOf = (i: number) => `"bench-${baseTime}-${i}"`;

const server = createServer((req, res) => {
  stats.requests++;
  const match = /^\/feed\/(\d+)\.xml$/.exec(req.url ?? '');
  const i = match ? Number(match[1]) : -1;
  const body = bodies[i];
  if (!body) {
    stats.notFound++;
    res.writeHead(404).end();
    return;
  }
  const etag = etagOf(i);
  // RFC 9110 §13.1.2: If-None-Match with the current entity tag → 304, no body.
  if (req.headers['if-none-match'] === etag) {
    stats.notModified++;
    res.writeHead(304, { etag }).end();
    return;
  }
  counts[i]!++;
  stats.ok++;
  stats.bytesSent += body.length;
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length, etag });
  res.end(body);
});
server.keepAliveTimeout = 60_000;

process.on('message', (message: { type: string }) => {
  if (message.type === 'reset') {
    counts = new Uint32Array(feeds);
    stats = { requests: 0, ok: 0, notModified: 0, notFound: 0, bytesSent: 0 };
    cpuStart = process.cpuUsage();
    process.send?.({ type: 'reset' });
  } else if (message.type === 'stats') {
    let once = 0, many = 0, never = 0;
    for (const count of counts) {
      if (count === 0) never++;
      else if (count === 1) once++;
      else many++;
    }
    const cpu = process.cpuUsage(cpuStart);
    const reply: ServerStats = { type: 'stats', ...stats, once, many, never, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.send?.(reply);
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port, genMs, bytes: totalBytes });
});
