/**
 * `claimwatch demo`: what the product does, offline, in under a minute. The bundled sample coverage
 * (feeds/demo/coverage.yaml) is served as one RSS feed per outlet on 127.0.0.1 and polled twice into a
 * throwaway data folder, through the same fetch, parse, store and matching as `start`: first the older
 * coverage (a feed's first poll is backlog), then the newer. Then the walk-through: claims with status and
 * origins, a story and its rewrites, a drift, `/facts bytedance`, a digest.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { renderReplyText } from '../chat/console/render.js';
import { parseConfig } from '../config.js';
import { listClaims, listStories } from '../db/claim-queries.js';
import { loadDigestData } from '../db/digest-queries.js';
import { renderDigest } from '../deliver/render-digest.js';
import { runPollCycle } from '../ingest/poll-cycle.js';
import { createLogger } from '../log.js';
import { describeDrift } from '../match/bookkeeping/describe.js';
import { openRuntime, syncData, type Runtime } from '../runtime.js';
import { runConsoleCommand } from './chat-commands.js';
import { startBoardServer } from './board.js';
import { printClaimsTable } from './claims.js';

/** One article of the sample, as the file holds it. */
interface SampleArticle {
  outlet: string;
  url: string;
  language: 'en' | 'zh';
  published: string;
  title: string;
  text: string;
}

/** A sample article as served: its outlet's feed, and its time moved next to now. */
interface Served extends SampleArticle {
  feed: string;
  at: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Registers `demo`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('see claimwatch work, offline, in under a minute: sample coverage served on 127.0.0.1, polled, matched and explained')
    .option('--keep <dir>', 'keep the data folder here (a new folder) instead of deleting it')
    .option('--board', 'then serve the claim board of the demo data on 127.0.0.1 until Ctrl-C')
    .action(async (opts: { keep?: string; board?: boolean }) => {
      await runDemo({ keep: opts.keep, board: opts.board, out: process.stdout });
    });
}

/** Runs the demo, writing the walk-through to `out`. */
export async function runDemo(opts: { keep?: string; board?: boolean; out: NodeJS.WritableStream }): Promise<void> {
  const started = Date.now();
  const say = (text = '') => opts.out.write(`${text}\n`);
  const samplePath = resolve('feeds/demo/coverage.yaml');
  const articles = servedAt(((parse(await readFile(samplePath, 'utf8')) as { articles: SampleArticle[] }).articles), new Date());
  // The older coverage first, then the newer: the last report and what followed it arrive in the second poll.
  const lastReportAt = articles.at(-1)!.at.getTime() - 6.5 * DAY_MS;
  let visibleUntil = lastReportAt;
  const server = await serveFeeds(articles, () => visibleUntil);
  const dataDir = opts.keep ? resolve(opts.keep) : await mkdtemp(join(tmpdir(), 'claimwatch-demo-'));
  let runtime: Runtime | null = null;
  try {
    await mkdir(dataDir, { recursive: true });
    const feedsFile = join(dataDir, 'demo-feeds.yaml');
    const outlets = [...new Map(articles.map((a) => [a.feed, a])).values()];
    await writeFile(
      feedsFile,
      `feeds:\n${outlets.map((a) => `  - { url: ${JSON.stringify(`${server.url}/${a.feed}.xml`)}, title: ${JSON.stringify(a.outlet)}, outlet: ${JSON.stringify(a.outlet)}, language: ${a.language} }`).join('\n')}\n`,
    );
    // A throwaway embedded database, whatever DATABASE_URL says: the demo never touches a real deployment.
    const config = parseConfig({
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: join(dataDir, 'data'),
      CLAIMWATCH_FEEDS: feedsFile,
      CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    runtime = await openRuntime(config, createLogger('warn', { format: config.logFormat }));
    say(`claimwatch demo: ${articles.length} sample articles from ${outlets.length} outlets, served as RSS on ${server.url} (nothing leaves this machine)`);
    await syncData(runtime);

    const first = await runPollCycle(runtime.pollDeps, { all: true });
    say(`poll 1: ${first.feeds} feeds, ${first.newArticles} articles stored (a feed's first poll is backlog: matched, never alerted)`);
    visibleUntil = Infinity;
    const second = await runPollCycle(runtime.pollDeps, { all: true });
    const tracked = await listClaims(runtime.db);
    say(`poll 2: ${second.newArticles} new articles, matched against ${tracked.length} tracked claims`);

    const claims = tracked.filter((claim) => claim.evidence.length > 0);
    heading(say, 'Claims with coverage (`claimwatch claims`)');
    printClaimsTable(claims);

    const story = (await listStories(runtime.db, { limit: 50 })).sort((a, b) => b.articles.length - a.articles.length)[0];
    if (story) {
      heading(say, `The biggest story: one report and its rewrites (\`claimwatch stories\`, \`claimwatch explain URL\`)`);
      say(`#${story.id} ${story.title}`);
      say(`  origin: ${story.origin ?? 'unknown'}; ${story.articles.length} articles in ${new Set(story.articles.map((a) => a.language)).size} languages`);
      for (const article of story.articles) say(`  - ${article.outlet ?? '?'} (${article.language}): ${article.originReason ?? article.origin ?? ''}`);
    }

    const drifting = claims.find((claim) => claim.drifts.length > 0);
    if (drifting) {
      heading(say, `A drift: outlets word one fact differently (${drifting.slug})`);
      for (const drift of drifting.drifts) say(`  ${describeDrift(drift)}`);
    }

    heading(say, '/facts bytedance, as the console shows it (Slack and Discord render the same reply)');
    opts.out.write(renderReplyText(await runConsoleCommand(runtime, 'facts', 'bytedance')));

    heading(say, 'The azure-china digest a subscribed channel would get for the last week');
    const until = new Date();
    const data = await loadDigestData(runtime.db, ['azure-china'], new Date(until.getTime() - 7 * DAY_MS), until);
    opts.out.write(renderReplyText(renderDigest(data, { title: 'claimwatch digest: azure-china', quietLine: true })!));

    heading(say, 'Next');
    say(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. ${opts.keep ? `The data folder is kept in ${dataDir}: DATA_DIR=${join(dataDir, 'data')} claimwatch claims` : 'Nothing was kept (add --keep DIR to keep the data folder).'}`);
    say('Run the real thing with `npm start`: it polls feeds/feeds.yaml and posts to Slack or Discord when their tokens are set.');
    if (opts.board) await serveBoardUntilStopped(runtime, say);
    else say('To browse all of it (claims, stories, drift variants, the players graph): `claimwatch demo --board`.');
  } finally {
    await runtime?.close();
    await server.close();
    if (!opts.keep) await rm(dataDir, { recursive: true, force: true });
  }
}

/** The claim board over the demo data, on the configured listener (or any free port), until Ctrl-C. */
async function serveBoardUntilStopped(runtime: Runtime, say: (text?: string) => void): Promise<void> {
  const host = runtime.config.http?.host ?? '127.0.0.1';
  // The usual port, or any free one when a running bot already has it.
  const server = await startBoardServer(runtime, { host, port: runtime.config.http?.port ?? 0 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return startBoardServer(runtime, { host, port: 0 });
  });
  heading(say, 'The claim board');
  say(`Open http://${host}:${server.port}/ (Ctrl-C stops it and cleans up).`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
}

function heading(say: (text?: string) => void, text: string): void {
  say();
  say(`== ${text}`);
}

/** The sample in time order, moved so the newest article is an hour old; one feed per outlet. */
function servedAt(sample: readonly SampleArticle[], now: Date): Served[] {
  const sorted = [...sample].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  const shift = now.getTime() - HOUR_MS - Date.parse(sorted.at(-1)!.published);
  const slugs = new Map<string, string>();
  return sorted.map((article) => {
    const feed = slugs.get(article.outlet) ?? `feed-${slugs.size + 1}`;
    slugs.set(article.outlet, feed);
    return { ...article, feed, at: new Date(Date.parse(article.published) + shift) };
  });
}

/** Serves each outlet's articles published up to `visibleUntil()` as RSS 2.0 at /<feed>.xml. */
async function serveFeeds(articles: readonly Served[], visibleUntil: () => number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const feed = /^\/([\w-]+)\.xml$/.exec(req.url ?? '')?.[1];
    const items = articles.filter((a) => a.feed === feed);
    if (items.length === 0) {
      res.writeHead(404).end();
      return;
    }
    const visible = items.filter((a) => a.at.getTime() <= visibleUntil());
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(rss(items[0]!.outlet, visible));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function rss(outlet: string, items: readonly Served[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = items
    .map((a) => `<item><title>${escape(a.title)}</title><link>${escape(a.url)}</link><guid>${escape(a.url)}</guid><pubDate>${a.at.toUTCString()}</pubDate><description>${escape(a.text)}</description></item>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escape(outlet)}</title><link>https://example.invalid/</link><description>claimwatch demo</description>${entries}</channel></rss>`;
}
