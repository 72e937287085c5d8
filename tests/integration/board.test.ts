/**
 * The claim board in a real headless browser: Debian's chromium driven by playwright-core, against the board
 * served on 127.0.0.1 (the same listener `start` runs) over a database filled from an evaluation fixture plus
 * one hostile feed item. Screenshots of `/`, a claim page and `/graph` are taken (docs/ holds the reviewed ones). Page weight and
 * first render are printed, not asserted (timing belongs in `npm run bench`).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardApp } from '../../src/board/app.js';
import { createBoardStore } from '../../src/db/board-store.js';
import { storeArticles } from '../../src/db/article-store.js';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createHealthStore } from '../../src/db/health-store.js';
import { createMatchingStore } from '../../src/db/matching-store.js';
import { createMetrics } from '../../src/health/metrics.js';
import { startHealthServer, type HealthServer } from '../../src/health/server.js';
import { contentHash } from '../../src/ingest/normalize/index.js';
import { matchArticles } from '../../src/match/run-matching.js';
import type { ClaimListing } from '../../src/model/index.js';
import { createEvalFeed, storeAndMatchEval, syncRealCatalog } from '../helpers/eval-db.js';

const CHROMIUM = '/usr/bin/chromium';
const DOCS = join(import.meta.dirname, '../../docs');
/**
 * The reviewed screenshots in docs/ are written when missing or with UPDATE_FIXTURES=1 (as the chat fixtures are);
 * other runs write theirs to a scratch folder, so a test run leaves the working tree as it found it.
 */
const SHOTS: string = process.env.UPDATE_FIXTURES || !existsSync(join(DOCS, 'board-graph.png')) ? DOCS : join(tmpdir(), 'claimwatch-board-shots');
const log = pino({ level: 'silent' });
const NOW = new Date('2026-11-23T12:00:00Z');
// Flags for a closed network: without the background-networking ones Chromium keeps trying Google's hosts.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A feed item that tries every trick a feed can: script tags, an event handler, a javascript: link. */
const HOSTILE = {
  url: 'javascript:window.__pwned=1',
  title: 'ByteDance to pay Microsoft over $1 billion a year <script>window.__pwned=2</script>',
  text: 'ByteDance is on course to pay Microsoft more than $1 billion a year for AI services, mostly OpenAI models on Azure, people familiar said. <img src=x onerror="window.__pwned=3"> <a href="javascript:window.__pwned=4">more</a>',
};

describe.skipIf(!existsSync(CHROMIUM))('the claim board in a headless browser', { timeout: 120_000 }, () => {
  let handle: DbHandle;
  let server: HealthServer;
  let guarded: HealthServer;
  let browser: Browser;
  let base: string;
  let claims: ClaimListing[];
  const dialogs: string[] = [];

  beforeAll(async () => {
    handle = await createDb({ kind: 'pglite', dataDir: null });
    await syncRealCatalog(handle.db);
    const feed = await createEvalFeed(handle.db);
    // holdout12: fictional coverage from invented outlets, so the screenshots show no real publication's name on our text.
    await storeAndMatchEval(handle.db, feed, { now: NOW, set: 'holdout12' });
    const stored = await storeArticles(
      handle.db,
      feed,
      [{ backlog: false, article: { url: HOSTILE.url, guid: null, title: HOSTILE.title, summary: '', content: HOSTILE.text, language: 'en', publishedAt: NOW, publishedEstimated: false, outlet: 'Hostile <b>Wire</b>', author: null, contentHash: contentHash(HOSTILE.title, HOSTILE.text) } }],
      NOW,
    );
    await matchArticles(stored.newArticleIds, { store: createMatchingStore(handle.db), now: () => NOW, log });
    claims = await createBoardStore(handle.db).claims();
    const serve = (token: string | null) =>
      startHealthServer({
        host: '127.0.0.1',
        port: 0,
        metrics: createMetrics(createHealthStore(handle.db)),
        checks: {},
        log,
        fallback: getRequestListener(createBoardApp({ store: createBoardStore(handle.db), token }).fetch),
      });
    server = await serve(null);
    guarded = await serve('a-long-enough-board-token');
    base = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await guarded?.close();
    await handle?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}${path}`);
    return page;
  }

  it('lists every claim with its status, and prints the page weight and first render', async () => {
    const page = await open('/');
    const rows = await page.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ status: tr.querySelector('.status')!.textContent, href: tr.querySelector('a')!.getAttribute('href') })),
    );
    expect(rows).toEqual(claims.map((claim) => ({ status: claim.status, href: `/claims/${claim.slug}` })));
    type Timing = { transferSize: number; responseEnd: number; startTime: number };
    const measure = (tab: Page) =>
      tab.evaluate(async () => {
        // Browser entry types; Node's typings (which this file is checked with) know other ones.
        const entries = (type: string) => performance.getEntriesByType(type as never) as unknown as Timing[];
        const navigation = entries('navigation')[0]!;
        const firstPaintMs = await new Promise<number>((resolve) => {
          setTimeout(() => resolve(Number.NaN), 2_000);
          new PerformanceObserver((list) => {
            const paint = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
            if (paint) resolve(paint.startTime);
          }).observe({ type: 'paint' as never, buffered: true });
        });
        return { bytes: [navigation, ...entries('resource')].reduce((sum, r) => sum + r.transferSize, 0), serverMs: navigation.responseEnd, firstPaintMs };
      });
    const cold = await measure(page);
    const again = await open('/');
    const warm = await measure(again);
    await again.close();
    console.log(
      `claim board /: ${claims.length} claims, ${(cold.bytes / 1024).toFixed(1)} KB transferred; response complete / first contentful paint: ` +
        `${cold.serverMs.toFixed(0)} / ${cold.firstPaintMs.toFixed(0)} ms on the first page the browser opened, ${warm.serverMs.toFixed(0)} / ${warm.firstPaintMs.toFixed(0)} ms on a second`,
    );
    await page.screenshot({ path: join(SHOTS, 'board-claims.png') });
    await page.close();
  });

  it('filters by topic and finds a company by its Chinese name', async () => {
    const page = await open(`/?q=${encodeURIComponent('字节跳动')}`);
    const slugs = await page.locator('tbody tr a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(slugs).toEqual(claims.filter((c) => c.entities.includes('bytedance')).map((c) => `/claims/${c.slug}`));
    await page.close();
  });

  it('shows a claim with its drift variants, evidence grouped by origin, history and coverage chart', async () => {
    const drifting = claims.find((claim) => claim.slug === 'azure-china-ai-revenue-tripled-fy25')!;
    const page = await open(`/claims/${drifting.slug}`);
    expect(await page.locator('h1').textContent()).toBe(drifting.headline);
    const variants = await page.locator('tr.variant td:first-child').allTextContents();
    expect(variants.length).toBe(drifting.drifts[0]!.variants.length);
    expect(variants.join(' ')).toContain("'tripled'");
    expect(await page.locator('h3').allTextContents()).toEqual(expect.arrayContaining(drifting.origins));
    expect(await page.locator('blockquote').count()).toBeGreaterThanOrEqual(drifting.evidence.filter((e) => e.tier === 'auto').length);
    expect(await page.locator('ol.timeline li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('figure svg[role="img"] title').first().textContent()).toMatch(/^Articles per day/);
    await page.screenshot({ path: join(SHOTS, 'board-claim.png'), fullPage: true });
    await page.close();
  });

  it('draws the players graph with a node per entity in the claims, each opening its entity page', async () => {
    const page = await open('/graph');
    const nodes = await page.locator('.graph svg g.node a').evaluateAll((links) => links.map((a) => a.getAttribute('xlink:href') ?? a.getAttribute('href')));
    const entities = [...new Set((await (await fetch(`${base}/api/graph`)).json() as { from: string; to: string }[]).flatMap((edge) => [edge.from, edge.to]))];
    expect(nodes.sort()).toEqual(entities.map((slug) => `/entities/${slug}`).sort());
    expect(entities).toEqual(expect.arrayContaining(['bytedance', 'microsoft', 'openai']));
    await page.screenshot({ path: join(SHOTS, 'board-graph.png') });
    await page.locator('.graph svg g.node a', { hasText: 'ByteDance' }).click();
    await page.waitForURL(/\/entities\/bytedance$/);
    expect(await page.locator('h1').textContent()).toBe('ByteDance');
    expect(await page.locator('p.muted').first().textContent()).toContain('字节跳动');
    await page.close();
  });

  it('renders a hostile feed item inert: no dialog, no script, no javascript: link', async () => {
    const spend = claims.find((claim) => claim.slug === 'bytedance-azure-spend-1b')!;
    expect(spend.evidence.some((e) => e.articleTitle === HOSTILE.title)).toBe(true);
    const page = await open(`/claims/${spend.slug}`);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.getByText('<script>window.__pwned=2</script>', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    // Clicking everything the hostile item could have turned into a link still runs nothing.
    for (const link of await page.getByText('ByteDance to pay Microsoft over $1 billion a year').all()) await link.click({ trial: true }).catch(() => undefined);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('answers 404 for an unknown claim, entity or story, and for an id that is not a number', async () => {
    for (const path of ['/claims/no-such-claim', '/entities/no-such-entity', '/stories/999999', '/stories/abc', '/api/stories/abc', '/api/claims/nope', '/nowhere']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it('with a token set, answers 401 without it and serves the board with it', async () => {
    const url = `http://127.0.0.1:${guarded.port}`;
    expect((await fetch(`${url}/`)).status).toBe(401);
    expect((await fetch(`${url}/api/claims`)).status).toBe(401);
    expect((await fetch(`${url}/`, { headers: { authorization: 'Bearer a-long-enough-board-token' } })).status).toBe(200);
    // A person opens it once with ?token=…; the browser keeps a cookie and the token leaves the address bar.
    const page = await browser.newPage();
    await page.goto(`${url}/graph?token=a-long-enough-board-token`);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('h1').textContent()).toBe('How the players connect');
    await page.goto(`${url}/feeds`);
    expect(await page.locator('h1').textContent()).toBe('Feeds');
    await page.close();
    // Health stays open to the local scraper.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
