/**
 * The whole ingest pipeline, for real: node:http feed server on 127.0.0.1 → undici fetch → parse worker pool →
 * normalize → PGlite / PostgreSQL. Each bad input must end as a clear per-feed reason while the cycle goes on.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { pino } from 'pino';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client.js';
import { listFeeds } from '../../src/db/feed-store.js';
import type { FeedListing } from '../../src/model/index.js';
import { articleFeeds, articles, feeds } from '../../src/db/schema.js';
import { createFeedFetcher } from '../../src/ingest/fetch/index.js';
import { createFeedParser } from '../../src/ingest/parse/index.js';
import { runPollCycle, type PollCycleDeps } from '../../src/ingest/poll-cycle.js';
import { createIngestStore } from '../../src/db/ingest-store.js';
import { loadMatcherCatalog } from '../eval/evaluate.js';
import { testDbTargets } from '../helpers/db.js';

interface Item {
  title: string;
  link?: string;
  guid?: string;
  description: string;
  pubDate: Date;
}

function rss(items: Item[], opts: { prolog?: string; title?: string } = {}): string {
  const body = items
    .map(
      (item) =>
        `<item><title>${item.title}</title>${item.link ? `<link>${item.link.replaceAll('&', '&amp;')}</link>` : ''}${
          item.guid ? `<guid isPermaLink="false">${item.guid}</guid>` : ''
        }<description><![CDATA[<p>${item.description}</p>]]></description><pubDate>${item.pubDate.toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="${opts.prolog ?? 'UTF-8'}"?><rss version="2.0"><channel><title>${
    opts.title ?? 'Test feed'
  }</title><link>https://news.example/</link>${body}</channel></rss>`;
}

const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

const chineseTitle = '字节跳动今年在微软人工智能服务上的支出将超过10亿美元';
const traditionalTitle = '微軟在新加坡為中國客戶提供模型服務';

/** Routes of the fake feed server; `etagItems` and `growItems` change between polls. */
function createFeedServer() {
  const requests = new Map<string, IncomingMessage[]>();
  const state = { growItems: [] as Item[] };
  const shared: Item = {
    title: 'Microsoft sells OpenAI models to Chinese firms',
    link: 'https://wire.example/story/1?utm_source=rss&utm_medium=feed',
    description: 'A wire story carried by two feeds.',
    pubDate: hoursAgo(2),
  };
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/gbk.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=GBK' });
      res.end(iconv.encode(rss([{ title: chineseTitle, link: 'https://cn.example/a/1', description: '据彭博社报道，字节跳动是微软最大的AI客户。', pubDate: hoursAgo(1) }], { prolog: 'GBK' }), 'gbk'));
    },
    '/big5.xml': (_req, res) => {
      // No charset in the header: the prolog must be honoured.
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(iconv.encode(rss([{ title: traditionalTitle, link: 'https://tw.example/a/1', description: '報導指出模型不在中國大陸託管。', pubDate: hoursAgo(1) }], { prolog: 'Big5' }), 'big5'));
    },
    '/gzip.xml': (req, res) => {
      const body = gzipSync(Buffer.from(rss([{ title: 'Compressed item', link: 'https://gz.example/1', description: 'gzip body', pubDate: hoursAgo(1) }])));
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      res.end(body);
      void req;
    },
    '/etag.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': new Date(now.getTime() - 60_000).toUTCString() });
      res.end(rss([{ title: 'Tagged item', link: 'https://etag.example/1', description: 'stable', pubDate: hoursAgo(1) }]));
    },
    '/retry.xml': (_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' });
      res.end('slow down');
    },
    '/slow.xml': () => {
      // Never answers: the fetch deadline must end it.
    },
    '/huge.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (res.write(chunk)) {
          if (res.destroyed) return;
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    },
    '/malformed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</item></channel></rss>');
    },
    '/loop.xml': (_req, res) => {
      res.writeHead(302, { location: '/loop.xml' });
      res.end();
    },
    '/page.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><head><title>Home</title></head><body>Not a feed</body></html>');
    },
    '/empty.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('');
    },
    '/noguid.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([
        { title: 'Anonymous one', description: 'first', pubDate: hoursAgo(1) },
        { title: 'Anonymous two', description: 'second', pubDate: hoursAgo(1) },
      ]));
    },
    '/refused.xml': (_req, res) => {
      // The test database refuses this title (a trigger, see beforeAll): a store the database rejects.
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([{ title: 'Refused by the database', link: 'https://refused.example/1', description: 'x', pubDate: hoursAgo(1) }]));
    },
    '/dup-a.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([shared]));
    },
    '/dup-b.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([{ ...shared, link: 'https://wire.example/story/1#comments' }, ...state.growItems]));
    },
    '/old.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rss([{ title: 'Month-old item', link: 'https://old.example/1', description: 'old', pubDate: hoursAgo(24 * 30) }, ...state.growItems.map((i) => ({ ...i, link: `${i.link}-old`, title: `${i.title} (old feed)`, pubDate: hoursAgo(24 * 30) }))]));
    },
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.set(path, [...(requests.get(path) ?? []), req]);
    const route = routes[path];
    if (!route) {
      res.writeHead(404);
      res.end();
      return;
    }
    route(req, res);
  });
  return { server, requests, state, paths: Object.keys(routes) };
}

describe.each(testDbTargets)('poll cycle over real HTTP on $name', (target) => {
  let handle: DbHandle;
  let base: string;
  const fake = createFeedServer();
  const fetcher = createFeedFetcher({
    userAgent: 'claimwatch-test/1.0',
    timeoutMs: 800,
    maxBodyBytes: 1024 * 1024,
    allowPrivateAddresses: true,
  });
  const parser = createFeedParser({ deadlineMs: 5_000 });
  let deps: PollCycleDeps;
  let firstListing: Map<string, FeedListing>;

  const feedUrl = (path: string) => `${base}${path}`;
  const byPath = async () => new Map((await listFeeds(handle.db)).map((row) => [new URL(row.url).pathname, row]));

  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    handle = await target.open();
    const catalog = await loadMatcherCatalog();
    await handle.db.execute(sql`create function refuse_article() returns trigger language plpgsql as $$
      begin
        if new.title = 'Refused by the database' then raise exception 'article refused by a test trigger'; end if;
        return new;
      end $$`);
    await handle.db.execute(sql`create trigger refuse_article before insert on articles for each row execute function refuse_article()`);
    await handle.db.insert(feeds).values(fake.paths.map((path) => ({ url: feedUrl(path), outlet: path.slice(1) })));
    deps = {
      store: createIngestStore(handle.db),
      fetchFeed: (request) => fetcher.fetchFeed(request),
      prepareFeed: (body, contentType, ctx) => parser.prepareFeed(body, contentType, { ...ctx, screening: { version: 'test-catalog', catalog } }),
      now: () => new Date(),
      maxAgeMs: 7 * 86_400_000,
      log: pino({ level: 'silent' }),
      workerId: 'test-worker',
      concurrency: 8,
      leaseMs: 60_000,
    };
    await runPollCycle(deps, { all: true });
    firstListing = await byPath();
  });

  afterAll(async () => {
    await Promise.allSettled([fetcher.close(), parser.close()]);
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
    await handle?.close();
  });

  it('decodes GBK (from the header) and Big5 (from the prolog) to the right Chinese text', async () => {
    const titles = (await handle.db.select({ title: articles.title, content: articles.content, language: articles.language }).from(articles)).map((row) => row);
    expect(titles).toContainEqual(expect.objectContaining({ title: chineseTitle, language: 'zh' }));
    expect(titles.find((row) => row.title === chineseTitle)?.content).toContain('据彭博社报道');
    expect(titles).toContainEqual(expect.objectContaining({ title: traditionalTitle, language: 'zh' }));
  });

  it('reads a gzip-compressed feed', () => {
    expect(firstListing.get('/gzip.xml')).toMatchObject({ status: 'ok', itemCount: 1 });
  });

  it.each([
    ['/slow.xml', /timed out/i],
    ['/huge.xml', /too large|exceed|limit/i],
    ['/malformed.xml', /malformed XML/i],
    ['/loop.xml', /redirect/i],
    ['/page.html', /HTML page/i],
    ['/empty.xml', /empty/i],
    ['/retry.xml', /429/],
  ])('reports %s with a clear reason and carries on', (path, reason) => {
    const row = firstListing.get(path);
    expect(row?.status).toBe('error');
    expect(row?.lastError).toMatch(reason);
    expect(row?.lastError?.split('\n')).toHaveLength(1);
  });

  it('records a store the database refuses as the feed\'s error, with back-off, and stores the feeds written with it', async () => {
    const row = firstListing.get('/refused.xml');
    expect(row?.status).toBe('error');
    expect(row?.lastError).toMatch(/^store: .*refused by a test trigger/);
    const [feed] = await handle.db.select().from(feeds).where(eq(feeds.url, feedUrl('/refused.xml')));
    expect(feed!.leaseOwner).toBeNull();
    expect(feed!.consecutiveFailures).toBe(1);
    expect(firstListing.get('/noguid.xml')).toMatchObject({ status: 'ok', itemCount: 2 });
  });

  it('pushes a 429 feed out by its Retry-After', async () => {
    const [row] = await handle.db.select().from(feeds).where(eq(feeds.url, feedUrl('/retry.xml')));
    expect(row!.nextFetchAt!.getTime() - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('stores items with no guid or link once, by content hash, with a notice', async () => {
    expect(firstListing.get('/noguid.xml')).toMatchObject({ status: 'ok', itemCount: 2 });
    expect(firstListing.get('/noguid.xml')?.lastNotice).toMatch(/no guid or link/);
  });

  it('stores a story carried by two feeds once, linked to both', async () => {
    const rows = await handle.db.select().from(articles).where(eq(articles.url, 'https://wire.example/story/1'));
    expect(rows).toHaveLength(1);
    const links = await handle.db.select().from(articleFeeds).where(eq(articleFeeds.articleId, rows[0]!.id));
    expect(links).toHaveLength(2);
    expect(firstListing.get('/dup-a.xml')).toMatchObject({ status: 'ok', itemCount: 1 });
    expect(firstListing.get('/dup-b.xml')).toMatchObject({ status: 'ok', itemCount: 1 });
  });

  it('marks everything of a first poll as backlog', async () => {
    const all = await handle.db.select({ backlog: articles.backlog }).from(articles);
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((row) => row.backlog)).toBe(true);
  });

  it('on the next poll: reuses the ETag (304), stores only new items as fresh, keeps old items as backlog', async () => {
    fake.state.growItems = [{ title: 'Fresh item', link: 'https://wire.example/story/2', description: 'new today', pubDate: hoursAgo(1) }];
    const summary = await runPollCycle(deps, { all: true });
    const etagRequests = fake.requests.get('/etag.xml') ?? [];
    expect(etagRequests.at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(etagRequests.at(-1)?.headers['if-modified-since']).toBeTruthy();
    expect(summary.byStatus['not-modified']).toBeGreaterThanOrEqual(1);
    expect(summary.newArticles).toBe(2);

    const fresh = await handle.db.select().from(articles).where(eq(articles.url, 'https://wire.example/story/2'));
    expect(fresh[0]?.backlog).toBe(false);
    const old = await handle.db.select().from(articles).where(eq(articles.url, 'https://wire.example/story/2-old'));
    expect(old[0]?.backlog).toBe(true);
    expect(summary.feeds).toBe(fake.paths.length);
  });

  it('stores an article on nothing tracked as already matched, and leaves one naming a tracked entity for matching', async () => {
    const [tracked] = await handle.db.select().from(articles).where(eq(articles.title, chineseTitle));
    expect(tracked?.matchedAt).toBeNull();
    const [offTopic] = await handle.db.select().from(articles).where(eq(articles.title, 'Compressed item'));
    expect(offTopic?.matchedAt).not.toBeNull();
    expect(offTopic?.storyId).toBeNull();
  });

  it('sends an honest User-Agent and asks for compression', () => {
    const req = fake.requests.get('/gzip.xml')?.[0];
    expect(req?.headers['user-agent']).toBe('claimwatch-test/1.0');
    expect(req?.headers['accept-encoding']).toMatch(/gzip/);
  });
});
