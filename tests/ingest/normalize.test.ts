import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFeedParser } from '../../src/ingest/parse/index.js';
import {
  canonicalizeUrl,
  detectLanguage,
  htmlToPlainText,
  normalizeItems,
  resolvePublished,
} from '../../src/ingest/normalize/index.js';
import type { ParsedFeed, ParsedItem } from '../../src/ingest/types.js';

const now = new Date('2024-03-06T00:00:00.000Z');
const ctx = { feedUrl: 'https://feeds.example.com/tech/rss.xml', outlet: 'Example News', now };

function item(fields: Partial<ParsedItem>): ParsedItem {
  return {
    title: null,
    link: null,
    guid: null,
    contentHtml: null,
    summaryHtml: null,
    author: null,
    publishedIso: null,
    categories: [],
    ...fields,
  };
}

function feedOf(items: ParsedItem[], fields: Partial<ParsedFeed> = {}): ParsedFeed {
  return { format: 'rss', title: 'Feed Title', link: 'https://www.example.com/', language: null, items, ...fields };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('canonicalizeUrl', () => {
  it.each([
    ['strips fragment and tracking, sorts the rest', 'https://Example.COM:443/a/b?utm_source=x&id=2&fbclid=y&b=1#frag', null, 'https://example.com/a/b?b=1&id=2'],
    ['resolves relative to the base', '/tech/x.html?spm=a1.b2&ref=rss', 'https://news.example.cn/', 'https://news.example.cn/tech/x.html'],
    ['resolves protocol-relative links', '//cdn.example.com/a', 'https://www.example.com/', 'https://cdn.example.com/a'],
    ['drops default ports and lowercases the scheme', 'HTTP://example.com:80/Path', null, 'http://example.com/Path'],
    ['keeps a non-default port', 'https://example.com:8443/a', null, 'https://example.com:8443/a'],
    ['drops every tracking family', 'https://x.com/?gclid=1&mc_cid=2&mc_eid=3&igshid=4&cmpid=5&ocid=6&taid=7&smid=8&UTM_Medium=9&keep=1', null, 'https://x.com/?keep=1'],
    ['keeps value encoding and bare names as written', 'https://x.com/s?q=a%20b+c&amp', null, 'https://x.com/s?amp&q=a%20b+c'],
    ['keeps the order of repeated names', 'https://x.com/?tag=b&tag=a&a=1', null, 'https://x.com/?a=1&tag=b&tag=a'],
    ['punycodes international hosts', 'https://例子.中国/文章', null, 'https://xn--fsqu00a.xn--fiqs8s/%E6%96%87%E7%AB%A0'],
    ['removes an empty query', 'https://x.com/a?utm_campaign=z#top', null, 'https://x.com/a'],
  ])('%s', (_name, raw, base, expected) => {
    expect(canonicalizeUrl(raw, base)).toBe(expected);
  });

  it.each([
    ['mailto:desk@example.com', null],
    ['javascript:void(0)', 'https://x.com/'],
    ['ftp://files.example.com/a', null],
    ['', 'https://x.com/'],
    ['not a url', null],
  ])('rejects %j', (raw, base) => {
    expect(canonicalizeUrl(raw, base)).toBeNull();
  });
});

describe('detectLanguage', () => {
  it.each([
    ['据报道微软通过云服务向字节跳动提供模型', null, 'zh'],
    ['微软Azure向ByteDance提供OpenAI GPT-4模型', null, 'zh'],
    ['Microsoft sells OpenAI models to Chinese firms via Azure', null, 'en'],
    ['ByteDance (字节跳动) has used Azure to reach OpenAI models, according to reports', null, 'en'],
    ['マイクロソフト、中国企業へのAIモデル提供について説明', null, 'und'],
    ['마이크로소프트 중국 기업', null, 'und'],
    ['2024 — 100%', null, 'und'],
    ['', null, 'und'],
    ['Le café de Microsoft vend des modèles', 'fr-FR', 'und'],
    ['Microsoft sells models', 'en-us', 'en'],
    ['Microsoft sells models', 'zh-cn', 'en'],
  ] as const)('%j (declared %s) → %s', (text, declared, expected) => {
    expect(detectLanguage(text, declared)).toBe(expected);
  });
});

describe('resolvePublished', () => {
  it.each([
    ['a valid date', '2024-03-05T08:00:00.000Z', '2024-03-05T08:00:00.000Z', false],
    ['a date 12 h ahead (time zones)', '2024-03-06T12:00:00.000Z', '2024-03-06T12:00:00.000Z', false],
    ['a date 2 days ahead', '2024-03-08T00:00:00.000Z', now.toISOString(), true],
    ['no date', null, now.toISOString(), true],
    ['garbage', 'yesterday-ish', now.toISOString(), true],
    ['epoch zero', '1970-01-01T00:00:00.000Z', now.toISOString(), true],
  ])('%s', (_name, iso, expected, estimated) => {
    const result = resolvePublished(iso, now);
    expect(result.publishedAt.toISOString()).toBe(expected);
    expect(result.publishedEstimated).toBe(estimated);
  });
});

describe('htmlToPlainText', () => {
  it('decodes entities, drops hrefs, images and scripts, keeps heading case and one line per block', () => {
    const html =
      '<h2>Azure &amp; OpenAI</h2><p>Microsoft&rsquo;s&nbsp;cloud <a href="https://x.com/?utm_source=a">sells</a> ' +
      'access.<img src="x.png" alt="chart"></p><script>alert(1)</script><blockquote>Quoted   words</blockquote>' +
      '<ul><li>one</li></ul>';
    expect(htmlToPlainText(html, 1000)).toBe('Azure & OpenAI\nMicrosoft’s cloud sells access.\nQuoted words\n* one');
  });

  it('caps 5 MB of HTML in bounded time', () => {
    const html = '<p>OpenAI models on Azure. </p>'.repeat(180_000);
    const started = performance.now();
    const text = htmlToPlainText(html, 200_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(text.length).toBeLessThanOrEqual(200_000);
    expect(text.length).toBeGreaterThan(100_000);
  });
});

describe('normalizeItems', () => {
  it('builds a full article: canonical URL, clean text, summary, author, hash', () => {
    const { articles, problems } = normalizeItems(
      feedOf([
        item({
          title: 'Microsoft &amp; OpenAI <em>in China</em>',
          link: '/2024/03/ms-openai?utm_source=rss&id=7#comments',
          guid: ' tag:example.com,2024:1 ',
          contentHtml: '<p>Azure &ldquo;sells&rdquo; <a href="https://x.com">models</a>.</p><p>Second   paragraph.</p>',
          summaryHtml: '<b>Short</b> summary.',
          author: 'desk@example.com (Jane Doe)',
          publishedIso: '2024-03-05T01:30:00.000Z',
        }),
      ]),
      ctx,
    );
    expect(problems).toEqual([]);
    expect(articles).toEqual([
      {
        url: 'https://www.example.com/2024/03/ms-openai?id=7',
        guid: 'tag:example.com,2024:1',
        title: 'Microsoft & OpenAI in China',
        summary: 'Short summary.',
        content: 'Azure “sells” models.\nSecond paragraph.',
        language: 'en',
        publishedAt: new Date('2024-03-05T01:30:00.000Z'),
        publishedEstimated: false,
        outlet: 'Example News',
        author: 'Jane Doe',
        contentHash: sha256('microsoft & openai in china\nazure “sells” models. second paragraph.'),
      },
    ]);
  });

  it('reads a GBK feed end to end: exact Chinese title, zh, canonical URL, feed title as outlet', async () => {
    const parser = createFeedParser();
    try {
      const body = readFileSync(new URL('../fixtures/feeds/gbk.xml', import.meta.url));
      const parsed = await parser.parseFeed(body, 'application/rss+xml');
      if (parsed.status !== 'ok') throw new Error(parsed.message);
      const { articles } = normalizeItems(parsed.feed, { ...ctx, feedUrl: 'https://news.example.cn/rss', outlet: null });
      expect(articles[0]).toMatchObject({
        url: 'https://news.example.cn/tech/2024/ms-openai.html',
        title: '据报道微软通过Azure向字节跳动提供OpenAI模型',
        content: '报道称，字节跳动等中国公司可以通过微软的云服务使用GPT-4模型。（记者 张喆）',
        language: 'zh',
        outlet: '科技新闻',
        publishedAt: new Date('2024-03-05T00:00:00.000Z'),
      });
    } finally {
      await parser.close();
    }
  });

  it('falls back for outlet: config, then feed title, then the article host without www', () => {
    const one = [item({ title: 'T', link: 'https://www.reuters.example/a' })];
    expect(normalizeItems(feedOf(one), ctx).articles[0]?.outlet).toBe('Example News');
    expect(normalizeItems(feedOf(one), { ...ctx, outlet: null }).articles[0]?.outlet).toBe('Feed Title');
    expect(normalizeItems(feedOf(one, { title: null }), { ...ctx, outlet: null }).articles[0]?.outlet).toBe('reuters.example');
  });

  it('titles an untitled item with the first 80 characters of its text', () => {
    const text = 'Microsoft said on Tuesday that its Azure OpenAI service is not offered to customers in mainland China.';
    const [article] = normalizeItems(feedOf([item({ contentHtml: `<p>${text}</p>`, link: 'https://x.com/1' })]), ctx).articles;
    expect(article?.title).toBe(`${text.slice(0, 79).trimEnd()}…`);
    expect(article?.title.length).toBeLessThanOrEqual(80);
  });

  it('drops items with no title, link or text, numbering problems from 1', () => {
    const { articles, problems } = normalizeItems(
      feedOf([item({ title: 'Kept' }), item({ contentHtml: '<p> </p>', guid: 'g-2' }), item({ link: 'https://x.com/3' })]),
      ctx,
    );
    expect(articles.map((a) => a.title)).toEqual(['Kept', 'https://x.com/3']);
    expect(problems).toEqual(['item 2: no title, link or text']);
  });

  it('drops NUL and control characters, which PostgreSQL text cannot hold, from title, text, author and guid', () => {
    const { articles } = normalizeItems(
      feedOf([item({ title: 'Azure\u0000 deal \ud83d', contentHtml: '<p>a\u0001b Microsoft\u000bsaid</p>\u0000', author: 'Jane\u0007 Doe', guid: 'g\u0000-1' })]),
      ctx,
    );
    // A vertical tab (a soft line break pasted from a word processor) separates words; a surrogate cut from
    // its pair becomes U+FFFD.
    expect(articles[0]).toMatchObject({ title: 'Azure deal \ufffd', content: 'ab Microsoft said', author: 'Jane Doe', guid: 'g-1' });
  });

  it('keeps an item with neither guid nor link, without a problem (the hash dedups it)', () => {
    const { articles, problems } = normalizeItems(feedOf([item({ title: '只有标题', contentHtml: '正文' })]), ctx);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ url: null, guid: null, title: '只有标题', content: '正文', language: 'zh' });
  });

  it('uses a permalink guid when <link> is missing, and reports unusable links', () => {
    const { articles, problems } = normalizeItems(
      feedOf([item({ title: 'A', guid: 'https://x.com/a?utm_medium=rss' }), item({ title: 'B', link: 'javascript:void(0)' })]),
      ctx,
    );
    expect(articles.map((a) => a.url)).toEqual(['https://x.com/a', null]);
    expect(problems).toEqual(['item 2: unusable link "javascript:void(0)"']);
  });

  it('estimates missing and far-future dates as now', () => {
    const { articles } = normalizeItems(
      feedOf([item({ title: 'none' }), item({ title: 'future', publishedIso: '2030-01-01T00:00:00.000Z' })]),
      ctx,
    );
    expect(articles.map((a) => [a.publishedAt.toISOString(), a.publishedEstimated])).toEqual([
      [now.toISOString(), true],
      [now.toISOString(), true],
    ]);
  });

  it('uses an Atom summary as the body when there is no content, and caps summary and content', () => {
    const long = 'word '.repeat(60_000);
    const { articles } = normalizeItems(
      feedOf([
        item({ title: 'S', summaryHtml: '<p>Only the summary.</p>' }),
        item({ title: 'L', contentHtml: `<div>${long}</div>`.repeat(20), summaryHtml: null }),
      ]),
      ctx,
    );
    expect(articles[0]).toMatchObject({ content: 'Only the summary.', summary: 'Only the summary.' });
    expect(articles[1]?.content.length).toBeLessThanOrEqual(200_000);
    expect(articles[1]?.summary.length).toBeLessThanOrEqual(1_000);
    expect(articles[1]?.summary.endsWith('…')).toBe(true);
  });

  it('hashes the same story the same despite case, whitespace, markup and URL', () => {
    const { articles } = normalizeItems(
      feedOf([
        item({ title: 'Azure  News', link: 'https://a.com/1', contentHtml: '<p>Same  TEXT</p>' }),
        item({ title: 'azure news', link: 'https://b.com/2', contentHtml: 'same text' }),
        item({ title: 'azure news', link: 'https://b.com/3', contentHtml: 'other text' }),
      ]),
      ctx,
    );
    expect(articles[0]?.contentHash).toBe(articles[1]?.contentHash);
    expect(articles[0]?.contentHash).not.toBe(articles[2]?.contentHash);
    expect(articles[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
