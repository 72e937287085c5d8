/**
 * Counting sources the way an analyst would, end to end on a real database: rewrites that credit nobody
 * take the origin of the report they repeat (even when the report is stored after them), an independent
 * report corroborates, a newer figure from another origin updates, and a drift lists its variants with
 * their outlets. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listClaims, listStories } from '../../src/db/claim-queries.js';
import type { DbHandle } from '../../src/db/client.js';
import { storeArticles } from '../../src/db/article-store.js';
import { stories as storiesTable } from '../../src/db/schema.js';
import { contentHash } from '../../src/ingest/normalize/index.js';
import { matchArticles, type MatchingSummary } from '../../src/match/run-matching.js';
import { renderFacts } from '../../commands/facts.js';
import { testDbTargets } from '../helpers/db.js';
import { createEvalFeed, syncRealCatalog } from '../helpers/eval-db.js';
import { createMatchingStore } from '../../src/db/matching-store.js';

const log = pino({ level: 'silent' });
const DAY = 86_400_000;
const START = Date.parse('2026-06-17T08:00:00Z');

interface Page {
  slug: string;
  outlet: string;
  day: number;
  title: string;
  text: string;
  language?: 'en' | 'zh';
}

// Page chrome around each text, as feeds carry it.
const chrome = (text: string) => `Share this article · Listen (4 min)\n\n${text}\n\nYou might also like: Ten gadgets for summer travel\n\n3 comments · Log in to comment`;

const pages: Page[] = [
  {
    slug: 'aggregator',
    outlet: 'Daily Byte Digest',
    day: 0.2,
    title: 'TikTok owner set to pay Microsoft over $1 billion a year for AI',
    text: chrome(
      'ByteDance is on track to spend more than $1 billion a year on Microsoft AI and cloud services, most of it to use OpenAI models through Azure, people familiar with the matter said. ' +
        'The spending makes ByteDance the largest AI customer of Microsoft. Microsoft declined to comment.',
    ),
  },
  {
    slug: 'scoop-rewrite',
    outlet: 'Harbor Street Tech',
    day: 0.5,
    title: 'Bloomberg: ByteDance to spend over $1 billion a year with Microsoft',
    text: chrome(
      'ByteDance is on course to pay Microsoft more than $1 billion annually for AI and cloud services, mostly to run OpenAI models hosted on Azure, Bloomberg News reported, citing people familiar with the matter. ' +
        'That makes the TikTok owner the largest AI customer Microsoft has.',
    ),
  },
  {
    slug: 'chinese-rewrite',
    outlet: '科创速递',
    day: 1,
    language: 'zh',
    title: '字节跳动每年在微软AI上的花费将超10亿美元',
    text: '字节跳动每年向微软支付的人工智能和云服务费用有望超过10亿美元，其中大部分用于通过Azure使用OpenAI模型。字节跳动由此成为微软最大的中国客户。免责声明：本文仅供参考，不构成投资建议。',
  },
  {
    slug: 'independent',
    outlet: 'Kestrel Wire',
    day: 2,
    title: "Inside ByteDance's Azure contracts",
    text: chrome(
      "ByteDance pays Microsoft more than $1 billion a year for AI and cloud services, mostly for OpenAI models on Azure, two people involved in negotiating the contracts told Kestrel Wire. " +
        'Kestrel Wire reviewed a summary of one purchase agreement.',
    ),
  },
];

async function storeAndMatch(handle: DbHandle, feedId: number, list: Page[]): Promise<MatchingSummary> {
  const stored = await storeArticles(
    handle.db,
    feedId,
    list.map((page) => ({
      backlog: false,
      article: {
        url: `https://example.com/${page.slug}`,
        guid: null,
        title: page.title,
        summary: '',
        content: page.text,
        language: page.language ?? 'en',
        publishedAt: new Date(START + page.day * DAY),
        publishedEstimated: false,
        outlet: page.outlet,
        author: null,
        contentHash: contentHash(page.title, page.text),
      },
    })),
    new Date(START + 3 * DAY),
  );
  return matchArticles(stored.newArticleIds, { store: createMatchingStore(handle.db), now: () => new Date(START + 3 * DAY), log });
}

const bySlug = (slug: string) => pages.find((p) => p.slug === slug)!;

describe.each(testDbTargets)('counting sources on $name', (target) => {
  let handle: DbHandle;
  let feedId: number;

  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
    feedId = await createEvalFeed(handle.db);
  });
  afterAll(async () => handle?.close());

  it('gives an earlier rewrite that credits nobody the origin a later article of its story names', async () => {
    // Polled one at a time, as separate cycles would: the aggregator is matched before anyone names Bloomberg.
    await storeAndMatch(handle, feedId, [bySlug('aggregator')]);
    let stories = await listStories(handle.db);
    // Its unnamed sources make it its outlet's, provisionally: the story itself records no origin yet.
    expect(stories[0]!.articles[0]).toMatchObject({ outlet: 'Daily Byte Digest', origin: 'Daily Byte Digest', originBasis: 'unnamed-sources' });
    expect(stories[0]!.origin).toBeNull();

    await storeAndMatch(handle, feedId, [bySlug('scoop-rewrite')]);
    await storeAndMatch(handle, feedId, [bySlug('chinese-rewrite')]);
    stories = await listStories(handle.db);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.origin).toBe('Bloomberg');
    expect(stories[0]!.articles.map((a) => [a.outlet, a.origin, a.originBasis])).toEqual([
      ['Daily Byte Digest', 'Bloomberg', 'rewrite'],
      ['Harbor Street Tech', 'Bloomberg', 'named'],
      ['科创速递', 'Bloomberg', 'rewrite'],
    ]);
    expect(stories[0]!.articles[0]!.originReason).toMatch(/whose origin Bloomberg was learned from a later article/);

    // The story's claims are every claim its members assert, so a later rewrite of any of them finds it.
    const [story] = await handle.db.select({ claims: storiesTable.claims }).from(storiesTable);
    expect([...story!.claims].sort()).toEqual(['bytedance-azure-spend-1b', 'bytedance-largest-ai-customer']);
    const [claim] = await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] });
    expect(claim!.evidence.every((e) => e.origin === 'Bloomberg')).toBe(true);
    expect(claim!.origins).toEqual(['Bloomberg']);
    expect(claim!.status).toBe('reported');
  });

  it('lists the drift between "largest AI customer" and "largest Chinese customer" with the outlets on each side', async () => {
    const [claim] = await listClaims(handle.db, { slugs: ['bytedance-largest-ai-customer'] });
    const scope = claim!.drifts.find((d) => d.kind === 'scope')!;
    expect(scope.variants.map((v) => [v.value, v.articles.map((a) => a.outlet).sort(), v.origins])).toEqual([
      ['superlative:ai customer', ['Daily Byte Digest', 'Harbor Street Tech'], ['Bloomberg']],
      ['superlative:chinese customer', ['科创速递'], ['Bloomberg']],
    ]);
  });

  it('corroborates with an independent report and says how many outlets repeat how many origins', async () => {
    const summary = await storeAndMatch(handle, feedId, [bySlug('independent')]);
    const [claim] = await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] });
    expect(claim!.origins).toEqual(['Bloomberg', 'Kestrel Wire']);
    expect(claim!.status).toBe('corroborated');
    expect(summary.alerts.map((a) => a.key)).toContain('new-origin:bytedance-azure-spend-1b:Kestrel Wire');
    const stories = await listStories(handle.db);
    expect(stories).toHaveLength(2);

    const reply = renderFacts({ name: 'ByteDance', slug: 'bytedance', aliases: [] }, await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] }));
    expect(reply.sections[0]!.fields!.find((f) => f.name === 'Independent origins')!.value).toBe(
      '2 independent origins (Bloomberg, Kestrel Wire), repeated by 4 outlets',
    );
  });
});

const copies: Record<string, Page> = {
  copy: {
    slug: 'copy',
    outlet: 'CoinHarbor News',
    day: 0.1,
    title: 'ByteDance to spend over $1 billion a year on Microsoft AI',
    text: 'ByteDance is on track to spend more than $1 billion a year on Microsoft AI and cloud services, making it the largest AI customer of Microsoft. Disclaimer: this is not investment advice.',
  },
  copyWithSources: {
    slug: 'copy-with-sources',
    outlet: 'CoinHarbor News',
    day: 0.1,
    title: 'ByteDance to spend over $1 billion a year on Microsoft AI',
    text: 'ByteDance is on track to spend more than $1 billion a year on Microsoft AI and cloud services, people familiar with the matter said, making it the largest AI customer of Microsoft.',
  },
  copyEarlier: {
    slug: 'copy-earlier',
    outlet: 'Daily Byte Digest',
    day: 0.05,
    title: 'TikTok owner set to pay Microsoft over $1 billion a year for AI',
    text: 'ByteDance is on track to spend more than $1 billion a year on Microsoft AI and cloud services, people familiar with the matter said, which makes it the largest AI customer of Microsoft.',
  },
  kestrel: {
    slug: 'kestrel-largest',
    outlet: 'Kestrel Wire',
    day: 0.3,
    title: "ByteDance is Microsoft's largest AI customer, contracts show",
    text: "ByteDance is Microsoft's largest AI customer by spending on Azure OpenAI, two people involved in the contracts told Kestrel Wire.",
  },
  named: {
    slug: 'named-spend',
    outlet: 'Harbor Street Tech',
    day: 0.6,
    title: 'ByteDance on course to pay Microsoft over $1 billion a year',
    text: 'ByteDance is on course to pay Microsoft more than $1 billion annually for AI and cloud services, mostly to run OpenAI models on Azure, Bloomberg News reported.',
  },
};

describe.each(testDbTargets)('copies of one scoop on $name', (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
  });
  afterAll(async () => handle?.close());

  it('never counts two copies citing the same unnamed sources as two origins, whichever is polled first', async () => {
    const feedId = await createEvalFeed(handle.db);
    await storeAndMatch(handle, feedId, [copies.copyWithSources!]);
    // Published earlier, polled later: it joins the copy's story, and its unnamed sources are the story's.
    const summary = await storeAndMatch(handle, feedId, [copies.copyEarlier!]);
    const [claim] = await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] });
    expect(claim!.status).toBe('reported');
    expect(claim!.origins).toEqual(['CoinHarbor News']);
    expect(summary.alerts.filter((a) => a.kind !== 'drift')).toEqual([]);
  });
});

describe.each(testDbTargets)('a story learning its origin on $name', (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
  });
  afterAll(async () => handle?.close());

  it('re-derives every claim whose evidence a learned origin changes, and alerts only for a second origin', async () => {
    const feedId = await createEvalFeed(handle.db);
    await storeAndMatch(handle, feedId, [copies.copy!, copies.kestrel!]);
    let [largest] = await listClaims(handle.db, { slugs: ['bytedance-largest-ai-customer'] });
    expect(largest!.status).toBe('reported');
    const summary = await storeAndMatch(handle, feedId, [copies.named!]);
    [largest] = await listClaims(handle.db, { slugs: ['bytedance-largest-ai-customer'] });
    // The named article asserts only the spending claim; the copy's largest-customer evidence became Bloomberg's.
    expect(largest!.origins).toEqual(['Bloomberg', 'Kestrel Wire']);
    expect(largest!.status).toBe('corroborated');
    const [spend] = await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] });
    expect(spend!.origins).toEqual(['Bloomberg']);
    expect(summary.alerts.filter((a) => a.kind === 'new-origin')).toEqual([]);
  });
});

// Two reports of overlapping facts on one day, from different origins, and a digest that credits nobody.
const sameDay: Record<string, Page> = {
  twoBillion: {
    slug: 'two-billion',
    outlet: 'Harbor Street Tech',
    day: 0,
    title: "Reuters: ByteDance's Microsoft AI bill passes $2 billion a year",
    text: chrome(
      'ByteDance now pays Microsoft more than $2 billion a year for AI and cloud services, most of it for OpenAI models hosted on Azure, Reuters reported, citing three people with knowledge of the matter. ' +
        "The TikTok owner remains Microsoft's largest AI customer, and its spending has grown quickly since 2024.",
    ),
  },
  capex: {
    slug: 'capex',
    outlet: 'Pacific Ledger',
    day: 0.1,
    title: 'Caixin: ByteDance lines up CNY 400 billion for AI as its Azure bill tops $1 billion',
    text: chrome(
      'ByteDance pays Microsoft more than $1 billion a year for AI and cloud services, mostly for OpenAI models on Azure, Caixin reported. ' +
        'The company plans AI capital spending of CNY 400 billion to 500 billion next year. Tencent, Meituan and Ant Group also buy AI models through Azure, Caixin said.',
    ),
  },
  digest: {
    slug: 'digest',
    outlet: '金叶财讯',
    day: 0.3,
    language: 'zh',
    title: '盘前参考｜字节跳动年付微软AI费用升至约20亿美元',
    text: '【宏观】美元指数小幅回落，十年期美债收益率下行3个基点。\n\n【科技】字节跳动每年向微软支付的AI与云服务费用已升至约20亿美元以上，主要用于调用Azure上的OpenAI模型。腾讯、美团、蚂蚁集团亦通过Azure采购模型，主要服务海外业务。\n\n【港股】恒生科技指数夜期上涨0.9%。\n\n以上内容仅供参考，不构成投资建议。',
  },
};

describe.each(testDbTargets)('two reports of overlapping facts on one day on $name', (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
  });
  afterAll(async () => handle?.close());

  it('sends a digest that credits nobody to the report whose amount it repeats, across languages and poll cycles', async () => {
    const feedId = await createEvalFeed(handle.db);
    await storeAndMatch(handle, feedId, [sameDay.twoBillion!]);
    await storeAndMatch(handle, feedId, [sameDay.capex!]);
    await storeAndMatch(handle, feedId, [sameDay.digest!]);
    const stories = await listStories(handle.db);
    const byOrigin = [...stories].sort((a, b) => (a.origin! < b.origin! ? -1 : 1));
    expect(byOrigin.map((s) => [s.origin, s.articles.map((a) => a.outlet)])).toEqual([
      ['Caixin', ['Pacific Ledger']],
      ['Reuters', ['Harbor Street Tech', '金叶财讯']],
    ]);
    const digest = byOrigin[1]!.articles.find((a) => a.outlet === '金叶财讯')!;
    expect(digest).toMatchObject({ origin: 'Reuters', originBasis: 'rewrite' });
    // The story keeps its members' facts, the digest's included, for the next rewrite to compare with.
    const rows = await handle.db.select({ origin: storiesTable.origin, details: storiesTable.details }).from(storiesTable);
    const reuters = rows.find((row) => row.origin === 'Reuters')!;
    // The digest's claim (Tencent, Meituan and Ant Group on Azure) is only the other report's; its amount decided.
    expect(digest.originReason).toMatch(/figure money:2\.00e\+9:USD/);
    expect(reuters.details).toContain('figure money:2.00e+9:USD');
    expect(reuters.details).toContain('claim other-chinese-firms-azure-spend');
  });
});

describe.each(testDbTargets)('a credit a rewrite drops on $name', (target) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
  });
  afterAll(async () => handle?.close());

  it('keeps a claim the scoop credits to another outlet on that outlet when a rewrite drops the credit: no false corroboration', async () => {
    const feedId = await createEvalFeed(handle.db);
    const scoop: Page = {
      slug: 'credit-scoop',
      outlet: 'Harbor Street Tech',
      day: 0,
      title: "Bloomberg: ByteDance is Microsoft's largest AI customer",
      text: chrome(
        "ByteDance is on track to spend more than $1 billion a year on Microsoft AI and cloud services, making it Microsoft's largest AI customer, Bloomberg News reported, citing people familiar with the matter. " +
          'The Information reported in 2024 that ByteDance was paying about $20 million a month for Azure OpenAI as of March 2024, nearly a quarter of what the service earned at the time.',
      ),
    };
    const copy: Page = {
      slug: 'credit-copy',
      outlet: 'Newsnode Daily',
      day: 0.4,
      title: "TikTok owner now Microsoft's biggest AI customer",
      text:
        "ByteDance is on track to spend more than $1 billion a year on Microsoft AI and cloud services, making it Microsoft's largest AI customer. " +
        'As of March 2024, ByteDance was paying about $20 million a month for Azure OpenAI, nearly a quarter of what the service earned at the time.',
    };
    await storeAndMatch(handle, feedId, [scoop]);
    await storeAndMatch(handle, feedId, [copy]);
    const stories = await listStories(handle.db);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.articles.map((a) => [a.outlet, a.origin, a.originBasis])).toEqual([
      ['Harbor Street Tech', 'Bloomberg', 'named'],
      ['Newsnode Daily', 'Bloomberg', 'rewrite'],
    ]);
    const [monthly] = await listClaims(handle.db, { slugs: ['bytedance-azure-openai-2024-monthly'] });
    expect(monthly!.evidence.map((e) => e.origin)).toEqual(['The Information', 'The Information']);
    expect(monthly!.origins).toEqual(['The Information']);
    expect(monthly!.status).toBe('reported');
  });
});
