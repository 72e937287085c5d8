import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedParser, decodeBody, type FeedParser } from '../../src/ingest/parse/index.js';
import { describeXmlError } from '../../src/ingest/parse/xml-errors.js';
import type { ParsedFeed } from '../../src/ingest/types.js';
import { loadMatcherCatalog } from '../eval/evaluate.js';

function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
}

/** A feed whose one description is `size` characters of `<` and no `>`: quadratic in contentSnippet. */
function regexBomb(size: number): Buffer {
  return Buffer.from(
    `<rss version="2.0"><channel><title>Bomb</title><item><title>b</title>` +
      `<description><![CDATA[${'<'.repeat(size)}]]></description></item></channel></rss>`,
  );
}

let parser: FeedParser;
beforeAll(() => {
  parser = createFeedParser({ deadlineMs: 5_000 });
});
afterAll(async () => {
  await parser.close();
});

async function parseOk(body: Buffer, contentType: string | null = null): Promise<{ feed: ParsedFeed; charset: string }> {
  const result = await parser.parseFeed(body, contentType);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.message}`);
  return result;
}

describe('decodeBody', () => {
  it.each([
    ['GBK by XML prolog', fixture('gbk.xml'), null, 'gb18030', '据报道微软通过Azure向字节跳动提供OpenAI模型'],
    ['GBK bytes labelled gb2312 in HTTP (GBK-only 喆 survives)', fixture('gbk.xml'), 'text/xml; charset=gb2312', 'gb18030', '张喆'],
    ['Big5 by prolog', fixture('big5.xml'), null, 'big5', '報導：字節跳動透過微軟雲端使用OpenAI模型'],
    ['Shift_JIS by prolog', fixture('shift_jis.xml'), null, 'shift_jis', 'マイクロソフト、中国企業へのAIモデル提供について説明'],
    ['windows-1252 by prolog', fixture('windows-1252.xml'), null, 'windows-1252', 'Café owners ask “who sells AI?”'],
    ['UTF-8 behind an ISO-8859-1 prolog (valid UTF-8 wins)', fixture('utf8-prolog-iso-8859-1.xml'), null, 'utf-8', 'Café and 微软'],
    ['UTF-16LE with BOM', fixture('utf16le-bom.xml'), null, 'utf-16le', '微软 Azure 与 OpenAI'],
    ['UTF-16BE with BOM', fixture('utf16be-bom.xml'), null, 'utf-16be', '微软 Azure 与 OpenAI'],
    ['UTF-16LE without BOM', iconv.encode('<?xml version="1.0"?><rss>微软</rss>', 'utf-16le'), null, 'utf-16le', '<rss>微软</rss>'],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>微软</rss>')]), 'text/xml; charset=gbk', 'utf-8', '<rss>微软</rss>'],
    ['HTTP charset over prolog', iconv.encode('<?xml version="1.0" encoding="utf-8"?><r>Привет</r>', 'koi8-r'), 'application/rss+xml; charset="KOI8-R"', 'koi8-r', 'Привет'],
    ['HTTP utf-8 on GBK bytes yields to the prolog', iconv.encode('<?xml version="1.0" encoding="gbk"?><r>字节跳动</r>', 'gbk'), 'text/xml; charset=utf-8', 'gb18030', '字节跳动'],
    ['EUC-KR by HTTP', iconv.encode('<r>마이크로소프트</r>', 'euc-kr'), 'text/xml; charset=euc-kr', 'euc-kr', '마이크로소프트'],
    ['unknown HTTP charset falls back to UTF-8', Buffer.from('<r>微软</r>'), 'text/xml; charset=x-martian', 'utf-8', '<r>微软</r>'],
    ['unknown prolog charset falls back to UTF-8', Buffer.from('<?xml version="1.0" encoding="klingon"?><r>ok</r>'), null, 'utf-8', '<r>ok</r>'],
  ])('%s', (_name, body, contentType, charset, expected) => {
    const decoded = decodeBody(body, contentType);
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(expected);
    expect(decoded.text).not.toContain('\uFFFD');
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe('decodeBody: undeclared legacy encodings are detected', () => {
  // Feed-sized text in each encoding, with no BOM, no prolog encoding and no HTTP charset (or a default utf-8).
  const zhHans = '据知情人士透露，字节跳动每年向微软支付逾十亿美元，主要用于通过Azure调用OpenAI模型。微软表示不对具体客户置评。';
  const zhHant = '據知情人士透露，字節跳動每年向微軟支付逾十億美元，主要用於透過Azure調用OpenAI模型。微軟表示不對具體客戶置評。';
  const ja = '関係者によると、バイトダンスはマイクロソフトに年間十億ドル以上を支払っており、主にAzure経由でOpenAIのモデルを利用している。';
  const ko = '소식통에 따르면 마이크로소프트는 애저 클라우드를 통해 중국 기업에 오픈AI 모델을 판매하고 있으며 최대 고객은 바이트댄스다.';
  const ru = 'Компания Microsoft продаёт модели OpenAI китайским компаниям через облако Azure, сообщают источники. Крупнейшим клиентом стала ByteDance.';
  const he = 'מיקרוסופט מוכרת את המודלים של OpenAI לחברות סיניות דרך הענן Azure, כך לפי מקורות המכירים את העניין. הלקוח הגדול ביותר הוא ByteDance.';
  const feed = (title: string) => `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><description>${title}</description></item></channel></rss>`;
  it.each([
    ['GB2312 with no charset anywhere', zhHans, 'gb2312', null, 'gb18030'],
    ['GBK under a default charset=utf-8', zhHans, 'gbk', 'text/xml; charset=utf-8', 'gb18030'],
    ['Big5 with no charset anywhere', zhHant, 'big5', null, 'big5'],
    ['Shift_JIS with no charset anywhere', ja, 'shift_jis', 'application/rss+xml', 'shift_jis'],
    ['EUC-JP with no charset anywhere', ja, 'euc-jp', null, 'euc-jp'],
    ['EUC-KR with no charset anywhere', ko, 'euc-kr', null, 'euc-kr'],
    ['KOI8-R with no charset anywhere', ru, 'koi8-r', null, 'koi8-r'],
    ['windows-1251 with no charset anywhere', ru, 'windows-1251', null, 'windows-1251'],
    // chardet names Hebrew windows-1255 text ISO-8859-8, which decodes the same letters.
    ['windows-1255 with no charset anywhere', he, 'windows-1255', null, 'iso-8859-8'],
  ])('%s', (_name, text, encoding, contentType, charset) => {
    const decoded = decodeBody(iconv.encode(feed(text), encoding), contentType);
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toBe(feed(text));
  });
});

describe('parseFeed: encodings decode to exact text', () => {
  it('reads a GBK RSS feed', async () => {
    const { feed, charset } = await parseOk(fixture('gbk.xml'), 'application/rss+xml');
    expect(charset).toBe('gb18030');
    expect(feed).toMatchObject({ format: 'rss', title: '科技新闻', link: 'https://news.example.cn/', language: 'zh-cn' });
    expect(feed.items).toEqual([
      {
        title: '据报道微软通过Azure向字节跳动提供OpenAI模型',
        link: '/tech/2024/ms-openai.html?utm_source=rss&spm=a1.b2',
        guid: 'gbk-1',
        contentHtml: '<p>报道称，字节跳动等中国公司可以通过微软的云服务使用GPT-4模型。（记者 张喆）</p>',
        summaryHtml: null,
        author: null,
        publishedIso: '2024-03-05T00:00:00.000Z',
        categories: [],
      },
    ]);
  });

  it.each([
    ['big5.xml', 'big5', '報導：字節跳動透過微軟雲端使用OpenAI模型'],
    ['shift_jis.xml', 'shift_jis', 'マイクロソフト、中国企業へのAIモデル提供について説明'],
    ['windows-1252.xml', 'windows-1252', 'Café owners ask “who sells AI?”'],
    ['utf8-prolog-iso-8859-1.xml', 'utf-8', 'Café and 微软'],
    ['utf16le-bom.xml', 'utf-16le', '微软 Azure 与 OpenAI'],
    ['utf16be-bom.xml', 'utf-16be', '微软 Azure 与 OpenAI'],
  ])('reads %s as %s', async (name, charset, title) => {
    const result = await parseOk(fixture(name));
    expect(result.charset).toBe(charset);
    expect(result.feed.items.map((item) => item.title)).toEqual([title]);
  });

  it('keeps the euro sign that only windows-1252 has', async () => {
    const { feed } = await parseOk(fixture('windows-1252.xml'), 'text/xml; charset=iso-8859-1');
    expect(feed.items[0]?.contentHtml).toBe('Prices rose to €5 a cup.');
  });
});

describe('parseFeed: formats map to ParsedItem', () => {
  it('reads Atom: id as guid, html title, content vs summary, term/label categories, xml:lang', async () => {
    const { feed } = await parseOk(fixture('atom.xml'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Cloud Wire', link: 'https://wire.example.com/', language: 'en' });
    expect(feed.items[0]).toEqual({
      title: 'Microsoft &amp; OpenAI models in China',
      link: '/2024/03/ms-openai-china#comments',
      guid: 'tag:wire.example.com,2024:1',
      contentHtml: '<p>Full <b>body</b> text.</p>',
      summaryHtml: 'Short summary.',
      author: 'Jane Doe',
      publishedIso: '2024-03-05T01:30:00.000Z',
      categories: ['Cloud', 'ai'],
    });
    expect(feed.items[1]).toMatchObject({
      contentHtml: null,
      summaryHtml: 'The summary is all there is.',
      publishedIso: '2024-03-04T08:00:00.000Z',
    });
  });

  it('reads RSS 1.0 (RDF) with Dublin Core fields', async () => {
    const { feed } = await parseOk(fixture('rss1-rdf.xml'));
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Daily', language: 'en' });
    expect(feed.items).toEqual([
      {
        title: 'Azure region news',
        link: 'https://rdf.example.org/item/1',
        guid: 'https://rdf.example.org/item/1',
        contentHtml: 'An RSS 1.0 item.',
        summaryHtml: null,
        author: 'R. Writer',
        publishedIso: '2024-03-01T12:00:00.000Z',
        categories: ['Cloud'],
      },
    ]);
  });

  it('reads RSS 2.0 content:encoded, dc:creator and categories with attributes', async () => {
    const xml = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://w.example.com/</link>
<item><title>T</title><link>https://w.example.com/1</link><guid isPermaLink="true">https://w.example.com/1</guid>
<description>Teaser</description><content:encoded><![CDATA[<p>Full</p>]]></content:encoded>
<dc:creator>Li Wei</dc:creator><category domain="https://w.example.com/c">Asia</category><category>Cloud</category>
<pubDate>not a date</pubDate></item></channel></rss>`;
    const { feed } = await parseOk(Buffer.from(xml));
    expect(feed.items).toEqual([
      {
        title: 'T',
        link: 'https://w.example.com/1',
        guid: 'https://w.example.com/1',
        contentHtml: '<p>Full</p>',
        summaryHtml: 'Teaser',
        author: 'Li Wei',
        publishedIso: null,
        categories: ['Asia', 'Cloud'],
      },
    ]);
  });

  it('reads JSON Feed 1.1, skipping an item that is not an object', async () => {
    const { feed, charset } = await parseOk(fixture('json-feed.json'), 'application/feed+json');
    expect(charset).toBe('utf-8');
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Wire', link: 'https://json.example.com/', language: 'en-US' });
    expect(feed.items).toEqual([
      {
        title: 'OpenAI models on Azure',
        link: 'https://json.example.com/1',
        guid: '1',
        contentHtml: '<p>HTML body</p>',
        summaryHtml: 'A summary',
        author: 'Ann Author',
        publishedIso: '2024-03-05T10:00:00.000Z',
        categories: ['ai', 'cloud'],
      },
      {
        title: null,
        link: 'https://json.example.com/2',
        guid: '2',
        contentHtml: 'Plain &lt;text&gt; &amp; more',
        summaryHtml: null,
        author: null,
        publishedIso: null,
        categories: [],
      },
    ]);
  });

  it('accepts whitespace before the prolog and <rss> with no version', async () => {
    const { feed } = await parseOk(fixture('rss-no-version.xml'));
    expect(feed.items.map((item) => item.title)).toEqual(['Still an item']);
  });

  it('keeps the other Atom entries when one <published> is unreadable', async () => {
    const { feed } = await parseOk(fixture('atom-bad-date.xml'));
    expect(feed.items.map((item) => [item.title, item.publishedIso])).toEqual([
      ['Good one', '2024-03-01T00:00:00.000Z'],
      ['Bad one', null],
      ['Good two', '2024-03-03T00:00:00.000Z'],
    ]);
  });
});

describe('parseFeed: feeds whose elements carry a namespace prefix', () => {
  it.each([
    ['RSS 2.0 under a prefix', '<?xml version="1.0"?><r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>Prefixed</r:title><r:item><r:title>one</r:title><r:link>https://p.example/1</r:link></r:item></r:channel></r:rss>', 'Prefixed', 'one'],
    ['RDF with prefixed RSS 1.0 elements', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/"><rss:channel rdf:about="https://p.example/"><rss:title>RDF prefixed</rss:title></rss:channel><rss:item rdf:about="https://p.example/2"><rss:title>two</rss:title><rss:link>https://p.example/2</rss:link></rss:item></rdf:RDF>', 'RDF prefixed', 'two'],
    ['Atom under a prefix', '<?xml version="1.0"?><a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Atom prefixed</a:title><a:entry><a:title>three</a:title><a:link href="https://p.example/3"/><a:id>x3</a:id></a:entry></a:feed>', 'Atom prefixed', 'three'],
  ])('reads %s', async (_name, xml, title, item) => {
    const result = await parseOk(Buffer.from(xml));
    expect(result.feed.title).toBe(title);
    expect(result.feed.items.map((i) => i.title)).toEqual([item]);
  });

  it('expands entities the doctype declares, once and within a size limit', async () => {
    const declared = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY co "Contoso &amp; Co"><!ENTITY yen "¥">]><rss version="2.0"><channel><title>&co; news</title><item><title>Price 5&yen;</title></item></channel></rss>';
    const result = await parseOk(Buffer.from(declared));
    expect(result.feed.title).toBe('Contoso & Co news');
    expect(result.feed.items.map((i) => i.title)).toEqual(['Price 5¥']);
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'x'.repeat(10_000)}">]><rss version="2.0"><channel><title>t</title><item><title>${'&a;'.repeat(200)}</title></item></channel></rss>`;
    expect(await parser.parseFeed(Buffer.from(bomb), null)).toEqual({ status: 'failed', message: 'parse: entities in the doctype expand past the size limit' });
  });

  it('never gives a parser error\'s own words as the reason', () => {
    const reason = describeXmlError(new TypeError("Cannot read properties of undefined (reading '0')"), '<rss><channel><title>x</title></channel></rss>');
    expect(reason).toBe('parse: unreadable feed structure (no channel, items or entries where the format puts them)');
  });
});

describe('parseFeed: failures are one-line reasons', () => {
  const deep = (depth: number): Buffer =>
    Buffer.from(
      `<rss version="2.0"><channel><item><title>x</title><description>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}` +
        `</description></item></channel></rss>`,
    );

  it.each([
    ['malformed XML', fixture('malformed.xml'), null, 'parse: malformed XML at line 3, column 26: unclosed tag'],
    ['a bare ampersand', Buffer.from('<rss version="2.0">\n<channel><title>A & B</title></channel></rss>'), null, "parse: malformed XML at line 2, column 20: bare '&' or invalid entity"],
    ['a truncated document', Buffer.from('<rss version="2.0"><channel><title>x</title>'), null, 'parse: malformed XML at line 1, column 44: unclosed root tag (truncated document?)'],
    ['an HTML page', fixture('html-page.html'), 'text/html', 'parse: got an HTML page, not a feed (it links to a feed: https://wire.example.com/feed.xml)'],
    ['an HTML page without feed links', Buffer.from('<html><body>hi</body></html>'), 'text/xml', 'parse: got an HTML page, not a feed'],
    ['an empty body', fixture('empty.xml'), null, 'parse: empty body'],
    ['a whitespace-only body', Buffer.from(' \n\t '), null, 'parse: empty body'],
    ['<rss> without <channel>', fixture('rss-no-channel.xml'), null, 'parse: no <channel> or <feed> root'],
    ['a prolog and no root', Buffer.from('<?xml version="1.0"?>'), null, 'parse: no root element'],
    ['an unknown root element', Buffer.from('<opml version="2.0"><body/></opml>'), null, 'parse: not a feed: root element is <opml>'],
    ['50,000 levels of nesting', deep(50_000), null, 'parse: document too deeply nested'],
    ['JSON that is not a JSON Feed', Buffer.from('{"hello": "world"}'), 'application/json', 'parse: JSON but not a JSON Feed (no version https://jsonfeed.org/version/1 or 1.1)'],
  ])('reports %s', async (_name, body, contentType, message) => {
    expect(await parser.parseFeed(body, contentType)).toEqual({ status: 'failed', message });
  });

  it('reads past a crafted doctype of 100,000 empty subsets without recursing (it used to overflow the stack)', async () => {
    const body = Buffer.from(`<!DOCTYPE a ${'[]'.repeat(100_000)}>\n<rss version="2.0"><channel><title>Crafted</title><item><title>one</title></item></channel></rss>`);
    const result = await parseOk(body);
    expect(result.feed.title).toBe('Crafted');
    expect(result.feed.items.map((item) => item.title)).toEqual(['one']);
  });

  it('reports malformed JSON Feed with the JSON error', async () => {
    const result = await parser.parseFeed(Buffer.from('{"version": "https://jsonfeed.org/version/1",'), null);
    expect(result.status === 'failed' && result.message).toMatch(/^parse: malformed JSON: /);
  });

  it('never hands one feed another feed’s items after a rootless document (hazard 1)', async () => {
    const [rootless, real] = await Promise.all([
      parser.parseFeed(Buffer.from('<?xml version="1.0"?><!-- nothing -->'), null),
      parser.parseFeed(fixture('big5.xml'), null),
    ]);
    expect(rootless).toEqual({ status: 'failed', message: 'parse: no root element' });
    const again = await parseOk(fixture('atom.xml'));
    expect(real.status === 'ok' && real.feed.title).toBe('繁體科技');
    expect(again.feed.title).toBe('Cloud Wire');
  });
});

describe('parseFeed: hard deadline in a worker thread', () => {
  it('kills a quadratic-regex bomb at the deadline while the event loop keeps ticking', async () => {
    const quick = createFeedParser({ deadlineMs: 1_000, maxThreads: 1 });
    try {
      await quick.parseFeed(fixture('atom.xml'), null); // warm the worker so the deadline measures parsing
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      const started = performance.now();
      const result = await quick.parseFeed(regexBomb(200_000), null);
      const elapsed = performance.now() - started;
      clearInterval(timer);
      expect(result).toEqual({ status: 'failed', message: 'parse: timed out after 1s' });
      expect(elapsed).toBeGreaterThanOrEqual(990);
      expect(elapsed).toBeLessThan(4_000);
      // A blocked main thread would tick 0–1 times; allow for a loaded CI machine.
      expect(ticks).toBeGreaterThanOrEqual(5);
      // The terminated worker is replaced: the pool still parses. Its replacement loads tsx and rss-parser
      // first, which on a loaded machine can itself pass the 1 s deadline, so a few tries are allowed.
      let status = '';
      for (let attempt = 0; attempt < 5 && status !== 'ok'; attempt++) status = (await quick.parseFeed(fixture('gbk.xml'), null)).status;
      expect(status).toBe('ok');
    } finally {
      await quick.close();
    }
  });

  it('says "timed out after 5s" with the default deadline, and other feeds parse meanwhile', async () => {
    const started = performance.now();
    const bomb = parser.parseFeed(regexBomb(1_000_000), null);
    const other = await parseOk(fixture('gbk.xml'));
    expect(other.feed.items[0]?.title).toContain('字节跳动');
    // Not held behind the bomb; the margin covers starting a second worker on a busy machine.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(await bomb).toEqual({ status: 'failed', message: 'parse: timed out after 5s' });
    expect(performance.now() - started).toBeLessThan(7_000);
  });

  it('fails cleanly after close', async () => {
    const closing = createFeedParser();
    await closing.close();
    expect(await closing.parseFeed(fixture('atom.xml'), null)).toEqual({ status: 'failed', message: 'parse: parser closed' });
  });
});

describe('prepareFeed: parse, normalize and screen in one call', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const itemsXml = (items: string[]) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items.map((title, i) => `<item><title>${title}</title><link>https://wire.example/${i}</link><description>&lt;p&gt;${title} in detail.&lt;/p&gt;</description></item>`).join('')}</channel></rss>`;
  const tracked = 'Microsoft sells OpenAI models to ByteDance through Azure';
  const unrelated = 'City council approves new bike lanes';

  it('returns normalized articles with a screening flag each, from XML (worker) and JSON Feed (this thread)', async () => {
    const screening = { version: 'test-catalog', catalog: await loadMatcherCatalog() };
    const request = { feedUrl: 'https://wire.example/rss', outlet: null, now, screening };
    const xml = await parser.prepareFeed(Buffer.from(itemsXml([tracked, unrelated])), 'application/rss+xml', request);
    expect(xml).toMatchObject({ status: 'ok', itemCount: 2, needsMatching: [true, false], screeningError: null, normalized: { feedTitle: 'Wire' } });
    expect(xml.status === 'ok' && xml.normalized.articles.map((a) => a.content)).toEqual([`${tracked} in detail.`, `${unrelated} in detail.`]);

    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Wire', items: [{ id: '1', title: unrelated, content_text: 'x' }, { id: '2', title: tracked, content_text: 'y' }] });
    expect(await parser.prepareFeed(Buffer.from(json), 'application/feed+json', request)).toMatchObject({ status: 'ok', itemCount: 2, needsMatching: [false, true] });
    // Without a catalog nothing is screened out; nor with one the matcher cannot build, and the reason comes back.
    expect(await parser.prepareFeed(Buffer.from(itemsXml([unrelated])), null, { ...request, screening: null })).toMatchObject({ needsMatching: [true] });
    const broken = { version: 'broken-catalog', catalog: { ...screening.catalog, topics: [{ slug: 'bad', query: '(azure' }] } };
    expect(await parser.prepareFeed(Buffer.from(itemsXml([unrelated])), null, { ...request, screening: broken })).toMatchObject({
      status: 'ok',
      needsMatching: [true],
      screeningError: expect.stringMatching(/topic bad/),
    });
  });

  it('fails a broken feed with the same reason as parseFeed', async () => {
    const request = { feedUrl: 'https://wire.example/rss', outlet: null, now, screening: null };
    const broken = Buffer.from('<rss><channel><item><title>unclosed');
    const [prepared, parsed] = await Promise.all([parser.prepareFeed(broken, null, request), parser.parseFeed(broken, null)]);
    expect(prepared.status).toBe('failed');
    expect(prepared).toEqual(parsed);
  });
});
