import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { addOpmlFeeds, REMOVED_FROM_FEEDS_FILE } from '../../src/db/feed-sync.js';
import {
  claimEntities,
  claims,
  claimStatusHistory,
  claimTopics,
  entities,
  entityAliases,
  feeds,
  topics,
} from '../../src/db/schema.js';
import {
  CatalogError,
  importOpml,
  loadCatalog,
  parseTopicQuery,
  type Catalog,
} from '../../src/catalog/index.js';
import { CLAIM_ADDED_CAUSE, syncCatalog } from '../../src/db/catalog-sync.js';

const shippedDir = fileURLToPath(new URL('../../feeds', import.meta.url));
const FILES = ['entities.yaml', 'topics.yaml', 'claims.yaml', 'feeds.yaml'];

const LAUNCH_CLAIMS = [
  'bytedance-azure-spend-1b',
  'bytedance-largest-ai-customer',
  'azure-china-ai-revenue-tripled-fy25',
  'azure-china-ai-revenue-growth-fy24',
  'china-fastest-growing-ai-territory',
  'china-share-of-microsoft-revenue',
  'openai-models-hosted-offshore',
  'azure-china-enterprise-only',
  'microsoft-monitoring-claims',
  'openai-blocks-china-api',
  'anthropic-no-china-sales',
  'openai-distillation-complaint',
  'api-access-not-export',
  'bytedance-azure-openai-2024-monthly',
  'bytedance-ai-capex',
  'fmf-distillation-intel-sharing',
  'openai-deepseek-distillation-evidence',
  'azure-china-customers-trained-models',
  'other-chinese-firms-azure-spend',
  'ant-group-own-models',
  'azure-china-21vianet',
];
const BRIEF_ENTITIES = [
  'microsoft',
  'openai',
  'anthropic',
  'google',
  'bytedance',
  'tencent',
  'ant-group',
  'meituan',
  'alibaba',
  'baidu',
  'deepseek',
  '21vianet',
  'frontier-model-forum',
  'cnas',
  'judson-althoff',
  'brad-smith',
];
const REQUIRED_TOPICS = [
  'azure-china',
  'openai-access',
  'distillation',
  'export-controls',
  'microsoft',
  'openai',
  'anthropic',
  'google',
  'bytedance',
  'tencent',
  'ant-group',
  'meituan',
  'alibaba',
  'baidu',
  'deepseek',
];

const tempDirs: string[] = [];

/** A copy of the shipped files with `edits` applied; each `from` must occur, so a test cannot silently no-op. */
async function brokenCopy(edits: Record<string, Array<[from: string, to: string]>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'claimwatch-catalog-'));
  tempDirs.push(dir);
  for (const file of FILES) {
    let text = await readFile(join(shippedDir, file), 'utf8');
    for (const [from, to] of edits[file] ?? []) {
      expect(text, `${file} should contain ${from}`).toContain(from);
      text = text.replace(from, to);
    }
    await writeFile(join(dir, file), text);
  }
  return dir;
}

async function catalogError(dir: string): Promise<CatalogError> {
  const error = await loadCatalog({ dataDir: dir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return error as CatalogError;
}

afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the shipped data files', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog({ dataDir: shippedDir });
  });

  it('hold the 21 launch claims, in brief order', () => {
    expect(catalog.claims.map((c) => c.slug)).toEqual(LAUNCH_CLAIMS);
  });

  it('rank the claims 1 to 21 without ties', () => {
    expect(catalog.claims.map((c) => c.importance).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
  });

  it('hold every entity of the brief, with Chinese names for the companies', () => {
    const bySlug = new Map(catalog.entities.map((e) => [e.slug, e]));
    expect([...bySlug.keys()].sort()).toEqual([...BRIEF_ENTITIES].sort());
    expect(bySlug.get('microsoft')?.names).toEqual(expect.arrayContaining(['Microsoft', 'Azure', '微软', '微軟']));
    expect(bySlug.get('bytedance')?.names).toEqual(expect.arrayContaining(['字节跳动', '字節跳動', '豆包']));
    expect(bySlug.get('21vianet')?.names).toEqual(expect.arrayContaining(['世纪互联', '世紀互聯']));
  });

  it('hold every required topic, each with a query that parses', () => {
    expect(catalog.topics.map((t) => t.slug)).toEqual(expect.arrayContaining(REQUIRED_TOPICS));
    for (const topic of catalog.topics) expect(parseTopicQuery(topic.query).ok, topic.slug).toBe(true);
  });

  it('record the figures analysts compare rewrites against', () => {
    const figure = (slug: string) => catalog.claims.find((c) => c.slug === slug)?.figure;
    expect(figure('azure-china-ai-revenue-tripled-fy25')).toMatchObject({ value: 3, unit: 'multiplier', qualifier: 'nearly' });
    expect(figure('azure-china-ai-revenue-growth-fy24')).toMatchObject({ value: 400, unit: 'percent' });
    expect(figure('china-share-of-microsoft-revenue')).toMatchObject({ value: 1.5, base: 'total revenue' });
    expect(figure('bytedance-largest-ai-customer')).toMatchObject({ scope: 'AI' });
    expect(figure('bytedance-ai-capex')).toMatchObject({ value: 59e9, valueMax: 74e9, unit: 'USD' });
  });

  it('give every claim a one-line headline for chat', () => {
    for (const claim of catalog.claims) expect(claim.headline?.length ?? 0, claim.slug).toBeGreaterThan(10);
  });

  it('give every claim English and Chinese terms', () => {
    for (const claim of catalog.claims) {
      expect(claim.terms.some((t) => /[\u4e00-\u9fff]/.test(t)), claim.slug).toBe(true);
      expect(claim.terms.some((t) => /[a-z]/i.test(t)), claim.slug).toBe(true);
    }
  });

  it('list 15 to 25 feeds in English and Chinese, with the default interval applied', () => {
    expect(catalog.feeds.length).toBeGreaterThanOrEqual(15);
    expect(catalog.feeds.length).toBeLessThanOrEqual(25);
    expect(new Set(catalog.feeds.map((f) => f.language))).toEqual(new Set(['en', 'zh']));
    expect(catalog.feeds.every((f) => f.intervalMinutes >= 2)).toBe(true);
    expect(catalog.feeds.find((f) => f.outlet === 'Bloomberg')?.intervalMinutes).toBe(10);
  });

  it('take the feeds file from its own path when given', async () => {
    const dir = await brokenCopy({});
    await rm(join(dir, 'feeds.yaml'));
    const loaded = await loadCatalog({ dataDir: dir, feedsFile: join(shippedDir, 'feeds.yaml') });
    expect(loaded.feeds).toHaveLength(catalog.feeds.length);
  });
});

describe('broken data files', () => {
  it('name file, field path and line of an unknown entity', async () => {
    const dir = await brokenCopy({ 'claims.yaml': [['entities: [bytedance, microsoft, openai]', 'entities: [bytdance, microsoft, openai]']] });
    const error = await catalogError(dir);
    expect(error.message).toContain('claims.yaml: claims[0].entities[0]: unknown entity "bytdance" (line ');
    expect(error.issues).toHaveLength(1);
  });

  it('accept a claim with parts and no terms, and name what is wrong with bad parts', async () => {
    const ok = await brokenCopy({
      'claims.yaml': [[
        'statement: China brought in roughly 1.5% of all Microsoft revenue in 2024.\n',
        'statement: China brought in roughly 1.5% of all Microsoft revenue in 2024.\n    parts:\n      subject: [microsoft]\n      relation: sells-to\n      place: China\n',
      ]],
    });
    const claim = (await loadCatalog({ dataDir: ok })).claims[5]!;
    expect(claim.headline).toBe("China was about 1.5% of Microsoft's 2024 revenue");
    expect(claim.parts).toEqual({ subject: ['microsoft'], relation: 'sells-to', counterpart: [], place: 'China', negated: false });

    const bad = await brokenCopy({
      'claims.yaml': [[
        'statement: China brought in roughly 1.5% of all Microsoft revenue in 2024.\n',
        'statement: China brought in roughly 1.5% of all Microsoft revenue in 2024.\n    parts:\n      subject: [tencent]\n      relation: rents-from\n',
      ]],
    });
    const message = (await catalogError(bad)).message;
    expect(message).toContain('claims[5].parts.relation');
    const unlisted = await brokenCopy({
      'claims.yaml': [[
        'statement: China brought in roughly 1.5% of all Microsoft revenue in 2024.\n',
        'statement: China brought in roughly 1.5% of all Microsoft revenue in 2024.\n    parts:\n      subject: [tencent]\n      relation: buys-from\n',
      ]],
    });
    expect((await catalogError(unlisted)).message).toContain(`claims[5].parts.subject[0]: entity "tencent" must also be listed in the claim's entities`);
  });

  it('reject a duplicate slug', async () => {
    const dir = await brokenCopy({ 'claims.yaml': [['slug: bytedance-largest-ai-customer', 'slug: bytedance-azure-spend-1b']] });
    expect((await catalogError(dir)).message).toContain(
      'claims[1].slug: duplicate slug "bytedance-azure-spend-1b" (first used at claims[0])',
    );
  });

  it('reject a wrong type and an unknown field', async () => {
    const dir = await brokenCopy({
      'claims.yaml': [['importance: 2\n', 'importance: high\n']],
      'feeds.yaml': [['title: Techmeme', 'titel: Techmeme']],
    });
    const { message } = await catalogError(dir);
    expect(message).toMatch(/claims\.yaml: claims\[1\]\.importance: .*expected number/);
    expect(message).toContain('feeds.yaml: feeds[2].title: missing (string required)');
    expect(message).toContain('feeds.yaml: feeds[2].titel: unknown field');
  });

  it('report a YAML syntax error with its line', async () => {
    const dir = await brokenCopy({ 'topics.yaml': [['  - slug: openai-access\n', '  - slug: [openai-access\n']] });
    const error = await catalogError(dir);
    const expectedLine = (await readFile(join(dir, 'topics.yaml'), 'utf8')).split('\n').indexOf('  - slug: [openai-access') + 1;
    expect(error.issues[0]).toMatchObject({ path: '', message: expect.stringMatching(/^YAML syntax error: /) });
    expect(error.issues[0]?.line).toBeGreaterThanOrEqual(expectedLine);
    expect(error.issues.every((i) => i.file.endsWith('topics.yaml'))).toBe(true);
  });

  it('reject an alias claimed by two entities, whatever its case', async () => {
    const dir = await brokenCopy({ 'entities.yaml': [['      - Claude\n', '      - Claude\n      - azure\n']] });
    expect((await catalogError(dir)).message).toContain('entities[2].aliases[1]: "azure" already belongs to entity "microsoft"');
  });

  it('reject topic queries with unknown entities or bad syntax', async () => {
    const dir = await brokenCopy({
      'topics.yaml': [
        ["query: '@deepseek'", "query: '@deepsek'"],
        ["query: '@openai'", "query: '@openai AND (ChatGPT'"],
      ],
    });
    const { message } = await catalogError(dir);
    expect(message).toMatch(/topics\[\d+\]\.query: unknown entity "@deepsek"/);
    expect(message).toMatch(/topics\[\d+\]\.query: syntax error at column 13: "\(" is never closed/);
  });

  it('reject a too-short feed interval and a non-http URL', async () => {
    const dir = await brokenCopy({
      'feeds.yaml': [
        ['intervalMinutes: 60', 'intervalMinutes: 1'],
        ['url: https://techcrunch.com/feed/', 'url: ftp://techcrunch.com/feed/'],
      ],
    });
    const { message } = await catalogError(dir);
    expect(message).toMatch(/feeds\[\d+\]\.intervalMinutes: must be at least 2/);
    expect(message).toMatch(/feeds\[\d+\]\.url: must be an http\(s\) URL/);
  });

  it('gather the problems of every file into one error', async () => {
    const dir = await brokenCopy({
      'claims.yaml': [['date: 2024-08', 'date: August 2024']],
      'entities.yaml': [['kind: person', 'kind: human']],
    });
    await rm(join(dir, 'feeds.yaml'));
    const error = await catalogError(dir);
    expect(error.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        'must be YYYY, YYYY-MM or YYYY-MM-DD',
        expect.stringContaining('Invalid option'),
        'file not found',
      ]),
    );
  });
});

describe('syncCatalog', () => {
  let h: DbHandle;
  let catalog: Catalog;
  const t0 = new Date('2026-07-01T00:00:00Z');
  const t1 = new Date('2026-07-02T00:00:00Z');

  beforeAll(async () => {
    h = await createDb({ kind: 'pglite', dataDir: null });
    catalog = await loadCatalog({ dataDir: shippedDir });
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.db.execute(sql`truncate entities, topics, claims, feeds restart identity cascade`);
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const tables = { entities, entityAliases, topics, claims, claimEntities, claimTopics, claimStatusHistory, feeds };
    const out: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) {
      const [row] = await h.db.select({ n: count() }).from(table);
      out[name] = row!.n;
    }
    return out;
  }

  const edited = (change: (c: Catalog) => void): Catalog => {
    const copy = structuredClone(catalog);
    change(copy);
    return copy;
  };

  it('adds everything on the first run, each claim with a first status', async () => {
    const summary = await syncCatalog(h.db, catalog, t0);
    const aliases = catalog.entities.reduce((n, e) => n + e.names.length, 0);
    expect(summary).toEqual({
      entities: 16,
      aliases,
      topics: catalog.topics.length,
      claims: { added: 21, updated: 0, retired: 0 },
      feeds: { added: catalog.feeds.length, updated: 0, removed: 0 },
    });
    const history = await h.db.select().from(claimStatusHistory);
    expect(history).toHaveLength(21);
    expect(history[0]).toMatchObject({ fromStatus: null, toStatus: 'reported', cause: CLAIM_ADDED_CAUSE, at: t0 });
  });

  it('is idempotent: a second run changes nothing', async () => {
    await syncCatalog(h.db, catalog, t0);
    const before = await rowCounts();
    const summary = await syncCatalog(h.db, catalog, t1);
    expect(summary.claims).toEqual({ added: 0, updated: 0, retired: 0 });
    expect(summary.feeds).toEqual({ added: 0, updated: 0, removed: 0 });
    expect(await rowCounts()).toEqual(before);
    const [claim] = await h.db.select().from(claims).where(eq(claims.slug, 'bytedance-azure-spend-1b'));
    expect(claim?.updatedAt).toEqual(t0);
  });

  it('stores aliases with their lower-cased form', async () => {
    await syncCatalog(h.db, catalog, t0);
    const rows = await h.db
      .select({ alias: entityAliases.alias, normalized: entityAliases.normalized })
      .from(entityAliases)
      .innerJoin(entities, eq(entities.id, entityAliases.entityId))
      .where(eq(entities.slug, 'microsoft'));
    expect(rows).toEqual(
      expect.arrayContaining([
        { alias: 'Azure OpenAI', normalized: 'azure openai' },
        { alias: '微软', normalized: '微软' },
      ]),
    );
  });

  it('updates an edited statement and keeps status and history', async () => {
    await syncCatalog(h.db, catalog, t0);
    const slug = 'bytedance-largest-ai-customer';
    const [row] = await h.db.select().from(claims).where(eq(claims.slug, slug));
    await h.db.execute(sql`update claims set status = 'corroborated' where id = ${row!.id}`);
    await h.db.execute(sql`insert into claim_status_history (claim_id, from_status, to_status, cause)
      values (${row!.id}, 'reported', 'corroborated', '2 independent origins')`);

    const summary = await syncCatalog(h.db, edited((c) => (c.claims[1]!.statement = 'ByteDance tops Microsoft AI spend.')), t1);

    expect(summary.claims).toEqual({ added: 0, updated: 1, retired: 0 });
    const [after] = await h.db.select().from(claims).where(eq(claims.slug, slug));
    expect(after).toMatchObject({ statement: 'ByteDance tops Microsoft AI spend.', status: 'corroborated', updatedAt: t1 });
    const history = await h.db.select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, row!.id));
    expect(history.map((r) => r.toStatus)).toEqual(['reported', 'corroborated']);
  });

  it('counts a change of entity links as an update and replaces the links', async () => {
    await syncCatalog(h.db, catalog, t0);
    const summary = await syncCatalog(h.db, edited((c) => c.claims[0]!.entities.push('alibaba')), t1);
    expect(summary.claims.updated).toBe(1);
    const links = await h.db
      .select({ slug: entities.slug })
      .from(claimEntities)
      .innerJoin(entities, eq(entities.id, claimEntities.entityId))
      .innerJoin(claims, eq(claims.id, claimEntities.claimId))
      .where(eq(claims.slug, 'bytedance-azure-spend-1b'))
      .orderBy(entities.slug);
    expect(links.map((r) => r.slug)).toEqual(['alibaba', 'bytedance', 'microsoft', 'openai']);
  });

  it('retires a claim removed from the file and revives it when it returns', async () => {
    await syncCatalog(h.db, catalog, t0);
    const summary = await syncCatalog(h.db, edited((c) => c.claims.pop()), t1);
    expect(summary.claims).toEqual({ added: 0, updated: 0, retired: 1 });
    const [retired] = await h.db.select().from(claims).where(eq(claims.slug, 'azure-china-21vianet'));
    expect(retired).toMatchObject({ active: false, status: 'reported' });

    const back = await syncCatalog(h.db, catalog, t1);
    expect(back.claims).toEqual({ added: 0, updated: 1, retired: 0 });
    const [revived] = await h.db.select().from(claims).where(eq(claims.slug, 'azure-china-21vianet'));
    expect(revived?.active).toBe(true);
    expect(await h.db.select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, revived!.id))).toHaveLength(1);
  });

  it('keeps feed fetch state across a resync that edits the feed', async () => {
    await syncCatalog(h.db, catalog, t0);
    const url = catalog.feeds[0]!.url;
    await h.db
      .update(feeds)
      .set({ etag: '"abc"', lastModified: 'Wed, 01 Jul 2026 00:00:00 GMT', consecutiveFailures: 3, nextFetchAt: t1, lastError: 'timeout' })
      .where(eq(feeds.url, url));

    const summary = await syncCatalog(h.db, edited((c) => (c.feeds[0]!.title = 'Bloomberg Tech')), t1);

    expect(summary.feeds).toEqual({ added: 0, updated: 1, removed: 0 });
    const [row] = await h.db.select().from(feeds).where(eq(feeds.url, url));
    expect(row).toMatchObject({
      title: 'Bloomberg Tech',
      etag: '"abc"',
      consecutiveFailures: 3,
      nextFetchAt: t1,
      lastError: 'timeout',
      intervalSeconds: 600,
    });
  });

  it('disables a feed removed from the file, re-enables it when it returns, and leaves others alone', async () => {
    await syncCatalog(h.db, catalog, t0);
    const removedUrl = catalog.feeds.at(-1)!.url;
    const goneUrl = catalog.feeds.at(-2)!.url;
    await h.db.update(feeds).set({ enabled: false, disabledReason: 'gone (410)' }).where(eq(feeds.url, goneUrl));
    await h.db.insert(feeds).values({ url: 'https://example.com/opml.xml', source: 'opml' });

    const summary = await syncCatalog(h.db, edited((c) => c.feeds.pop()), t1);
    expect(summary.feeds).toEqual({ added: 0, updated: 0, removed: 1 });
    const [removed] = await h.db.select().from(feeds).where(eq(feeds.url, removedUrl));
    expect(removed).toMatchObject({ enabled: false, disabledReason: REMOVED_FROM_FEEDS_FILE });

    const back = await syncCatalog(h.db, catalog, t1);
    expect(back.feeds).toEqual({ added: 0, updated: 1, removed: 0 });
    const rows = new Map((await h.db.select().from(feeds)).map((f) => [f.url, f]));
    expect(rows.get(removedUrl)).toMatchObject({ enabled: true, disabledReason: null, status: 'ok' });
    expect(rows.get(goneUrl)).toMatchObject({ enabled: false, disabledReason: 'gone (410)' });
    expect(rows.get('https://example.com/opml.xml')).toMatchObject({ enabled: true, source: 'opml' });
  });
});

describe('importOpml', () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createDb({ kind: 'pglite', dataDir: null });
  });
  afterAll(async () => {
    await h?.close();
  });

  const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>subs</title></head>
  <body>
    <outline text="Tech">
      <outline type="rss" text="Ars" title="Ars Technica" xmlUrl="https://feeds.arstechnica.com/arstechnica/index"/>
      <outline text="China">
        <outline type="rss" text="36氪 &amp; more" xmlurl='https://36kr.com/feed' />
        <outline type="rss" text="Search" xmlUrl="https://news.google.com/rss/search?q=a&amp;hl=en-US"></outline>
      </outline>
    </outline>
    <!-- <outline xmlUrl="https://commented.example/feed"/> -->
    <outline text="again" xmlUrl="https://36kr.com/feed"/>
    <outline text="not http" xmlUrl="javascript:alert(1)"/>
  </body>
</opml>`;

  it('adds nested feeds once, decoding entities, and skips duplicates and bad URLs', async () => {
    expect(await importOpml((feeds) => addOpmlFeeds(h.db, feeds), opml)).toEqual({
      added: 3,
      skipped: [
        { url: 'javascript:alert(1)', reason: 'not an http(s) URL (javascript:)' },
        { url: 'https://36kr.com/feed', reason: 'listed twice in the file' },
      ],
    });
    const rows = await h.db.select().from(feeds).orderBy(feeds.id);
    expect(rows.map((r) => [r.url, r.title, r.source])).toEqual([
      ['https://feeds.arstechnica.com/arstechnica/index', 'Ars Technica', 'opml'],
      ['https://36kr.com/feed', '36氪 & more', 'opml'],
      ['https://news.google.com/rss/search?q=a&hl=en-US', 'Search', 'opml'],
    ]);
  });

  it('skips feeds already present on a second import', async () => {
    const again = await importOpml((feeds) => addOpmlFeeds(h.db, feeds), opml);
    expect(again.added).toBe(0);
    expect(again.skipped.map((s) => s.reason)).toEqual(['not an http(s) URL (javascript:)', 'listed twice in the file', 'already a feed', 'already a feed', 'already a feed']);
  });
});
