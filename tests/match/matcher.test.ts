import { beforeAll, describe, expect, it } from 'vitest';
import { analysisBearsOnTrackedStory, createMatcher, type ArticleAnalysis, type Matcher, type MatcherCatalog } from '../../src/match/matcher.js';
import { loadGold, loadMatcherCatalog } from '../eval/evaluate.js';

const NOW = new Date('2026-07-01T00:00:00Z');
const largest = "ByteDance has become Microsoft's largest AI customer, with its Azure bill heading past $1 billion a year, people familiar said.";

let catalog: MatcherCatalog;
let matcher: Matcher;

beforeAll(async () => {
  catalog = await loadMatcherCatalog();
  matcher = createMatcher(catalog);
});

function analyze(text: string, options: { title?: string; publishedAt?: Date; with?: Matcher } = {}): ArticleAnalysis {
  return (options.with ?? matcher).analyze(
    { title: options.title ?? '', text, outlet: 'Test Wire', publishedAt: options.publishedAt ?? NOW },
    NOW,
  );
}

function claim(analysis: ArticleAnalysis, slug: string) {
  return analysis.claims.find((match) => match.slug === slug);
}

describe('entity names', () => {
  it('"Ant Group" fires on the company, not on an ant colony or on Anthropic', () => {
    expect(analyze('An ant colony works like a research group.').entities).not.toHaveProperty('ant-group');
    const anthropic = analyze('Anthropic and its Claude models were not offered.').entities;
    expect(anthropic).not.toHaveProperty('ant-group');
    expect(anthropic).toHaveProperty('anthropic');
    expect(analyze('Ant Group said it builds its own models.').entities).toHaveProperty('ant-group', 'Ant Group');
  });

  it('"Meta" fires on the company, never inside "metadata"', () => {
    const withMeta = createMatcher({ ...catalog, entities: [...catalog.entities, { slug: 'meta', names: ['Meta'] }] });
    expect(analyze('Regulators fined the firm over photo metadata.', { with: withMeta }).entities).not.toHaveProperty('meta');
    expect(analyze('Meta was fined over photo metadata.', { with: withMeta }).entities).toHaveProperty('meta', 'Meta');
  });

  it('the possessive "Microsoft\'s" names Microsoft', () => {
    expect(analyze("Microsoft's cloud grew.").entities).toHaveProperty('microsoft', 'Microsoft');
  });

  it('Chinese aliases match inside running Chinese text, simplified and traditional', () => {
    expect(Object.keys(analyze('据报道字节跳动已成为微软的大客户。').entities)).toEqual(expect.arrayContaining(['bytedance', 'microsoft']));
    expect(Object.keys(analyze('報導指字節跳動透過微軟使用模型。').entities)).toEqual(expect.arrayContaining(['bytedance', 'microsoft']));
  });

  it('a Latin name right before a Chinese character still counts ("OpenAI模型")', () => {
    expect(analyze('这些OpenAI模型由新加坡提供服务。').entities).toHaveProperty('openai', 'OpenAI');
  });
});

describe('topics', () => {
  it('records the entities and terms that made a topic fire', () => {
    const analysis = analyze('OpenAI says Chinese labs used distillation to copy its models.');
    const topic = analysis.topics.find((t) => t.slug === 'distillation');
    expect(topic?.fired).toEqual(expect.arrayContaining(['distillation', '@openai (OpenAI)']));
  });
});

describe('claims', () => {
  it('finds a claim in a paraphrase and says why', () => {
    const match = claim(analyze(largest), 'bytedance-largest-ai-customer');
    expect(match).toMatchObject({ tier: 'auto', stance: 'supports' });
    expect(match?.why.terms).toContain('largest ai customer');
    expect(match?.why.entities).toEqual(expect.arrayContaining(['bytedance', 'microsoft']));
  });

  it('tolerates spacing between Chinese and Latin text ("最大的 AI 客户")', () => {
    expect(claim(analyze('报道指出，字节跳动已成为微软最大的 AI 客户，每年花费超过 10 亿美元。'), 'bytedance-largest-ai-customer')).toBeDefined();
  });

  it('downgrades a match in a short sentence to a suggestion', () => {
    const match = claim(analyze('字节跳动成微软最大AI客户。'), 'bytedance-largest-ai-customer');
    expect(match).toMatchObject({ tier: 'suggestion', why: { downgraded: 'short sentence' } });
  });

  it('downgrades a match in an old article to a suggestion', () => {
    const match = claim(analyze(largest, { publishedAt: new Date('2024-01-01T00:00:00Z') }), 'bytedance-largest-ai-customer');
    expect(match).toMatchObject({ tier: 'suggestion', why: { downgraded: 'old article' } });
  });

  it('reads a denial as contradicting the claim, in English and Chinese', () => {
    const english = analyze('Microsoft denied a report that ByteDance is its largest AI customer, calling it inaccurate.');
    expect(claim(english, 'bytedance-largest-ai-customer')?.stance).toBe('contradicts');
    const chinese = analyze('微軟發言人否認字節跳動是公司最大的AI客戶，稱相關報導不實。');
    expect(claim(chinese, 'bytedance-largest-ai-customer')?.stance).toBe('contradicts');
  });

  it('reads a claim as contradicted when a "rather than" rejects only its side, and supported when it rejects the other', () => {
    const rejected = analyze(
      'The OpenAI models that Chinese customers of Microsoft use actually run in its region near Shanghai, rather than in overseas data centers such as Singapore.',
    );
    expect(claim(rejected, 'openai-models-hosted-offshore')?.stance).toBe('contradicts');
    const chinese = analyze('知情人士称，中国客户通过微软调用的OpenAI模型实际上部署在上海附近的区域，而非新加坡等境外数据中心。');
    expect(claim(chinese, 'openai-models-hosted-offshore')?.stance).toBe('contradicts');
    const asserted = analyze(
      "Rather than in Microsoft's regions around Beijing, the OpenAI models that Chinese clients use are hosted outside mainland China, in Singapore.",
    );
    expect(claim(asserted, 'openai-models-hosted-offshore')?.stance).toBe('supports');
  });

  it('reads the answer under a Q&A heading as asserting, or denying, what the heading asks', () => {
    const yes = claim(analyze("Q: Who is Microsoft's biggest AI customer?\nA: ByteDance, by a wide margin, people familiar said."), 'bytedance-largest-ai-customer');
    expect(yes?.stance).toBe('supports');
    expect(yes?.quote).toContain('A: ByteDance');
    const no = claim(analyze("Q: Is ByteDance Microsoft's biggest AI customer?\nA: No. Several banks spend more, an analyst said."), 'bytedance-largest-ai-customer');
    expect(no?.stance).toBe('contradicts');
  });

  it('keeps the roles through "via Microsoft\'s Azure", reads no relation into declining to comment, and dates "the year before"', () => {
    expect(claim(analyze('知情人士称，腾讯、美团和蚂蚁集团也在通过微软Azure购买AI模型，相关支出主要服务于其海外业务。'), 'other-chinese-firms-azure-spend')?.stance).toBe('supports');
    const noComment = analyze('Tencent, Meituan and Ant Group buy AI models through Azure for business abroad, people said. Microsoft declined to comment on specific customers.');
    expect(claim(noComment, 'other-chinese-firms-azure-spend')?.stance).toBe('supports');
    const both = analyze("Azure's AI revenue from China nearly tripled in the fiscal year that ended in June 2025 and grew 400% the year before, Althoff told staff.");
    expect(claim(both, 'azure-china-ai-revenue-growth-fy24')?.stance).toBe('supports');
  });

  it('reads no claim into page chrome, but keeps a pipe-table row', () => {
    const page = analyze('Microsoft sells OpenAI models to Chinese companies through Azure, people familiar said.\nTrade US, Hong Kong and Singapore stocks from one app.\nMarkets › Asia › Singapore data centres');
    expect(claim(page, 'openai-models-hosted-offshore')).toBeUndefined();
    const table = analyze('| Company | Role | Figure |\n|---|---|---|\n| ByteDance | Microsoft\'s largest AI customer | more than $1bn a year |');
    expect(claim(table, 'bytedance-azure-spend-1b')?.stance).toBe('supports');
  });

  it('reads a figure set above earlier estimates as an update', () => {
    const newer = analyze("ByteDance's spending on Microsoft's AI and cloud services this year is expected to reach about $1.5 billion, above earlier estimates, two people said.");
    expect(claim(newer, 'bytedance-azure-spend-1b')?.stance).toBe('updates');
  });

  it('reads a spun superlative as the rank, and "had reached three times" as the figure, not an update', () => {
    const spun = analyze("ByteDance emerges as Microsoft's greatest AI client, tipped to surpass $1 billion per annum, persons acquainted with the matter said.");
    expect(claim(spun, 'bytedance-largest-ai-customer')?.scopes).toEqual([{ kind: 'superlative', value: 'ai customer', text: 'greatest AI client' }]);
    const zh = analyze('奥尔索夫表示，在截至2025年6月的财年中，Azure来自中国的AI收入已达到上一财年的近三倍。');
    expect(claim(zh, 'azure-china-ai-revenue-tripled-fy25')?.stance).toBe('supports');
  });

  it('reads Microsoft beginning to take part in the forum exchange as an update of who shares', () => {
    const page = analyze("Microsoft said on Tuesday that it has begun contributing to the Frontier Model Forum's exchange on adversarial distillation, two months after OpenAI, Anthropic and Google started sharing information through the group about Chinese companies.");
    expect(claim(page, 'fmf-distillation-intel-sharing')?.stance).toBe('updates');
  });

  it('reads the date and places of a sentence that goes on about the claim\'s', () => {
    const hosted = analyze("Chinese customers don't reach OpenAI's models through the Azure regions Microsoft runs near Beijing and Shanghai. Their requests are instead handled by Microsoft data centres in Singapore, two former employees said.");
    expect(claim(hosted, 'openai-models-hosted-offshore')?.scopes).toContainEqual({ kind: 'places', value: 'singapore', text: 'Singapore' });
    const sharing = analyze('OpenAI, Google and Anthropic have started sharing intelligence about Chinese companies that copy their models through the Frontier Model Forum, people familiar said. The exchanges, which started in April 2026, concern adversarial distillation.');
    expect(claim(sharing, 'fmf-distillation-intel-sharing')?.date).toMatchObject({ period: 'April 2026' });
    // A sentence about something else keeps its date to itself.
    const other = analyze('OpenAI, Google and Anthropic have started sharing intelligence about Chinese companies that copy their models through the Frontier Model Forum, people familiar said. Microsoft reported earnings in April 2026.');
    expect(claim(other, 'fmf-distillation-intel-sharing')?.date).toBeNull();
  });

  it('reads "largest customer" with no modifier as the widest rank, not as no scope', () => {
    const page = analyze("ByteDance is now Microsoft's largest customer, two people said, spending more than $1 billion a year on AI services.");
    expect(claim(page, 'bytedance-largest-ai-customer')?.scopes).toEqual([{ kind: 'superlative', value: 'customer', text: 'largest customer' }]);
  });

  it('reads what is bought after the rank as its scope: "customer for Microsoft\'s AI offerings", 微软AI服务的头号客户', () => {
    const page = analyze("ByteDance will spend more than $1 billion a year with Microsoft, which makes it the biggest customer for Microsoft's AI offerings, people familiar said.");
    expect(claim(page, 'bytedance-largest-ai-customer')?.scopes).toEqual([{ kind: 'superlative', value: 'ai customer', text: 'biggest customer' }]);
    const zh = analyze('知情人士称，字节跳动已成为微软AI服务的头号客户，每年支出超过10亿美元。');
    expect(claim(zh, 'bytedance-largest-ai-customer')?.scopes).toEqual([{ kind: 'superlative', value: 'ai customer', text: '头号客户' }]);
  });

  it('reads the rest of a report an article denies as mentioned, not asserted', () => {
    const denial = analyze('针对彭博社此前有关字节跳动每年在微软AI服务上支出超过10亿美元的报道，字节跳动发言人回应称，报道中的金额严重失实。彭博社的报道还称，字节跳动已是微软最大的AI客户。');
    expect(claim(denial, 'bytedance-azure-spend-1b')?.stance).toBe('contradicts');
    expect(claim(denial, 'bytedance-largest-ai-customer')?.stance).toBe('mentions');
    // Without a denial, a rewrite relaying the report asserts what it relays.
    const rewrite = analyze('彭博社的报道还称，字节跳动已是微软最大的AI客户，每年在微软AI服务上支出超过10亿美元。');
    expect(claim(rewrite, 'bytedance-largest-ai-customer')?.stance).toBe('supports');
  });

  it('reads "not the only buyer" as adding buyers, not denying the purchase', () => {
    const page = analyze("ByteDance is Microsoft's largest AI customer. It is not the only Chinese buyer: Tencent, Meituan and Ant Group also purchase models through Azure, mainly for their businesses outside China.");
    expect(claim(page, 'other-chinese-firms-azure-spend')?.stance).toBe('supports');
  });

  it('updates only the claim whose figure rose, not the rank stated beside it', () => {
    const page = analyze('字节跳动向微软支付的AI与云服务费用已升至每年逾20亿美元，该公司仍是微软最大的AI客户。');
    expect(claim(page, 'bytedance-largest-ai-customer')?.stance).toBe('supports');
    expect(claim(page, 'bytedance-azure-spend-1b')?.stance).toBe('updates');
  });

  it('reads a question as only mentioning the claim', () => {
    expect(claim(analyze('字节跳动真的是微软最大的AI客户吗？目前难以核实。'), 'bytedance-largest-ai-customer')?.stance).toBe('mentions');
  });

  it.each([
    ['a "tripled" with no China in sight', 'Microsoft said the number of developers on its AI platform tripled in a year.'],
    ['a company\'s own billion-dollar pledge', 'Microsoft pledged more than $1 billion a year for cloud and AI in Indonesia.'],
    ['distillation explained, with no DeepSeek', 'OpenAI said developers can distil its outputs into smaller models; evidence of demand is strong.'],
    ['chip export rules alone', 'The Commerce Department tightened export controls on advanced chips to China on Monday.'],
  ])('matches no claim on %s', (_, text) => {
    expect(analyze(text).claims).toEqual([]);
  });
});

describe('robustness', () => {
  it('handles an empty article', () => {
    expect(analyze('')).toMatchObject({ entities: {}, topics: [], claims: [], figures: [] });
  });

  it('handles HTML entity soup', () => {
    const soup = '&amp;&lt;div&gt;&#x4e2d;&#22269;&nbsp;&quot;Microsoft&quot;&#8217;s &amp;amp; '.repeat(2_000);
    const analysis = analyze(soup, { title: '&lt;title&gt;' });
    expect(analysis.claims).toEqual([]);
  });

  it('handles an article in a language with no aliases (Russian)', () => {
    const russian = 'Компания объявила о новом центре обработки данных в Сингапуре. Выручка выросла втрое за год. '.repeat(50);
    const analysis = analyze(russian, { title: 'Новости облачных технологий' });
    expect(analysis.entities).toEqual({});
    expect(analysis.claims).toEqual([]);
  });

  it('reads a 5 MB article in bounded time', () => {
    const paragraph = `${largest} Other Chinese buyers include Tencent and Meituan. `;
    const huge = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length));
    const started = performance.now();
    const analysis = analyze(huge, { title: 'A very long page' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(claim(analysis, 'bytedance-largest-ai-customer')).toBeDefined();
  });
});

describe('screening at the poll', () => {
  it('screens exactly as the full analysis would, and screens out unrelated news', async () => {
    const gold = [...(await loadGold()), ...(await loadGold('holdout')), ...(await loadGold('holdout2'))];
    let bearing = 0;
    for (const article of gold) {
      const input = { title: article.title, text: article.text, outlet: article.outlet, publishedAt: new Date(article.published) };
      const expected = analysisBearsOnTrackedStory(matcher.analyze(input, NOW));
      if (expected) bearing++;
      expect(matcher.bearsOnTrackedStory(input, NOW), article.id).toBe(expected);
    }
    expect(bearing).toBeGreaterThan(gold.length * 0.8);
    expect(bearing).toBeLessThan(gold.length);
    const unrelated = { title: 'City council approves new bike lanes', text: 'The council voted 7-2 to add lanes on Main Street by spring.', outlet: 'Local', publishedAt: NOW };
    expect(matcher.bearsOnTrackedStory(unrelated, NOW)).toBe(false);
  });
});

describe('relations and newer figures', () => {
  it('reads a later figure of the claim\'s measure as an update, and another claim\'s figure as nothing', () => {
    const update = analyze(
      "Brad Smith told Congress in 2024 that China brought in about 1.5% of Microsoft's total revenue. In a letter to a House committee this week, Microsoft said China accounted for less than 1.2% of its total revenue in fiscal 2025.",
    );
    expect(claim(update, 'china-share-of-microsoft-revenue')?.stance).toBe('updates');
    const background = analyze(
      "Azure's AI revenue in China nearly tripled in fiscal 2025, Judson Althoff told staff. In fiscal 2024 it had grown 400%, he said, and China is now Microsoft's fastest-growing AI territory.",
    );
    expect(claim(background, 'azure-china-ai-revenue-growth-fy24')?.stance).toBe('supports');
    const revised = analyze(
      "ByteDance's AI capital spending is planned at US$59-74 billion for 2026, people familiar said. In March the company raised that 2026 plan to about CNY 600 billion, the people said.",
    );
    expect(claim(revised, 'bytedance-ai-capex')?.stance).toBe('updates');
  });

  it("never takes another vendor's biggest customer, or one of the biggest, for Microsoft's largest AI customer", () => {
    expect(claim(analyze('ByteDance is one of Google Cloud\'s biggest AI customers, buying Gemini capacity in Asia, people familiar said.'), 'bytedance-largest-ai-customer')?.tier).not.toBe('auto');
    expect(claim(analyze("ByteDance is among Microsoft's biggest Azure customers in Asia, one of the people said."), 'bytedance-largest-ai-customer')?.tier).not.toBe('auto');
    expect(claim(analyze(largest), 'bytedance-largest-ai-customer')?.tier).toBe('auto');
  });
});
