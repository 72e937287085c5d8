import { describe, expect, it } from 'vitest';
import { createStoryIndex, createStorySignature, evidenceOrigin, placeInStories, readAttribution, type StoryCandidate } from '../../src/stories/index.js';

// The articles a newsroom feed really carries: a scoop, rewrites that credit nobody (an aggregator, a
// crypto-exchange republication, an AI answer page, a Chinese newsletter), an independent report, a denial.
const DAY = 86_400_000;
const START = Date.parse('2026-06-17T08:00:00Z');

interface Page {
  title: string;
  text: string;
  outlet: string;
  language: 'en' | 'zh';
  day: number;
  entities: string[];
  figures: string[];
  claims: string[];
  disputes?: string[];
  denies?: string[];
}

function candidateOf(page: Page): Omit<StoryCandidate, 'origin'> {
  return {
    signature: createStorySignature(page),
    entities: page.entities,
    figures: page.figures,
    claims: page.claims,
    ...(page.disputes ? { disputes: page.disputes } : {}),
    ...(page.denies ? { denies: page.denies } : {}),
    publishedAt: new Date(START + page.day * DAY),
  };
}

const spend = ['bytedance-azure-spend-1b', 'bytedance-largest-ai-customer'];
const pages: Record<string, Page> = {
  scoop: {
    title: 'Bloomberg: ByteDance on pace to spend over $1 billion a year on Microsoft AI',
    text: 'ByteDance is on track to pay Microsoft more than $1 billion a year for AI services, making it the largest AI customer, Bloomberg News reported, citing people familiar with the matter.',
    outlet: 'Harbor Street Tech',
    language: 'en',
    day: 0,
    entities: ['bytedance', 'microsoft', 'openai'],
    figures: ['money:1.00e+9:USD'],
    claims: spend,
  },
  aggregator: {
    title: 'TikTok owner becomes top buyer of Microsoft AI',
    text: 'Key takeaways\n\nThe TikTok parent will hand Microsoft upwards of a billion dollars annually, people familiar with the matter said. No customer spends more on Microsoft AI. You might also like: Five gadgets for summer.',
    outlet: 'Daily Byte Digest',
    language: 'en',
    day: 0.5,
    entities: ['bytedance', 'microsoft'],
    figures: ['money:1.00e+9:USD'],
    claims: spend,
  },
  exchange: {
    title: '字节跳动每年在微软AI上花费逾10亿美元',
    text: '字节跳动每年向微软支付的人工智能服务费用有望超过10亿美元，成为微软最大的AI客户。免责声明：本文仅供参考，不构成投资建议。',
    outlet: 'CoinHarbor 资讯',
    language: 'zh',
    day: 1,
    entities: ['bytedance', 'microsoft'],
    figures: ['money:1.00e+9:USD'],
    claims: spend,
  },
  independent: {
    title: "Inside ByteDance's Azure contracts",
    text: "ByteDance's commitments to Microsoft's cloud now exceed $1 billion a year, two people involved in the contracts told Kestrel Wire.",
    outlet: 'Kestrel Wire',
    language: 'en',
    day: 2,
    entities: ['bytedance', 'microsoft'],
    figures: ['money:1.00e+9:USD'],
    claims: ['bytedance-azure-spend-1b'],
  },
  answer: {
    title: 'ByteDance disputes Bloomberg report on Microsoft spending',
    text: 'ByteDance is not Microsoft\'s largest AI customer and spends far less than $1 billion a year, a spokesperson told Lingyun Review, disputing a Bloomberg report.',
    outlet: 'Lingyun Review',
    language: 'en',
    day: 3,
    entities: ['bytedance', 'microsoft'],
    figures: ['money:1.00e+9:USD'],
    claims: ['bytedance-largest-ai-customer'],
    disputes: ['bytedance-azure-spend-1b'],
    denies: ['bytedance-azure-spend-1b'],
  },
  denial: {
    title: 'ByteDance disputes Microsoft spending figure',
    text: 'A ByteDance spokesperson told Lingyun Review the company spends far less than $1 billion a year with Microsoft.',
    outlet: 'Lingyun Review',
    language: 'en',
    day: 3,
    entities: ['bytedance', 'microsoft'],
    figures: ['money:1.00e+9:USD'],
    claims: [],
    disputes: ['bytedance-azure-spend-1b'],
  },
};

function placeAll(order: string[]) {
  const index = createStoryIndex();
  let next = 1;
  const placed = new Map<string, ReturnType<typeof placeInStories>>();
  for (const name of order) {
    const page = pages[name]!;
    placed.set(name, placeInStories(index, candidateOf(page), readAttribution(`${page.title}\n${page.text}`, page.outlet), () => next++));
  }
  return placed;
}

describe('placeArticle: stories and origins', () => {
  it('gives rewrites that credit nobody the origin of the report they repeat, across languages', () => {
    const placed = placeAll(['scoop', 'aggregator', 'exchange']);
    expect(placed.get('scoop')).toMatchObject({ origin: 'Bloomberg', basis: 'named', isNew: true });
    for (const name of ['aggregator', 'exchange']) {
      expect(placed.get(name)).toMatchObject({ storyId: placed.get('scoop')!.storyId, origin: 'Bloomberg', basis: 'rewrite' });
      expect(placed.get(name)!.reason).toMatch(/^repeats \d+ facts of story #1 \(claim bytedance-azure-spend-1b.*names no source$/);
    }
  });

  it('keeps a report with its own reporting apart: that is corroboration', () => {
    const placed = placeAll(['scoop', 'aggregator', 'independent']);
    expect(placed.get('independent')).toMatchObject({ origin: 'Kestrel Wire', basis: 'own-reporting', isNew: true });
  });

  it('keeps a denial apart from the report it answers', () => {
    const placed = placeAll(['scoop', 'denial']);
    expect(placed.get('denial')).toMatchObject({ origin: 'Lingyun Review', isNew: true });
  });

  it('rests a denial that names the report it answers on its own reporting, and what it restates on the report', () => {
    const placed = placeAll(['scoop', 'answer']);
    const answer = placed.get('answer')!;
    expect(answer).toMatchObject({ origin: 'Lingyun Review', basis: 'own-reporting', answers: 'Bloomberg', isNew: true });
    expect(evidenceOrigin(answer, 'contradicts', 'It spends far less than $1 billion a year, a spokesperson said.', 'Lingyun Review')).toBe('Lingyun Review');
    expect(evidenceOrigin(answer, 'supports', 'The report said ByteDance is the largest AI customer of Microsoft.', 'Lingyun Review')).toBe('Bloomberg');
    // What the answering article says in its own words stays its own.
    expect(evidenceOrigin(answer, 'supports', 'The spokesperson said ByteDance is a large Azure customer.', 'Lingyun Review')).toBe('Lingyun Review');
  });

  it('credits background in a sentence to whom the sentence names, or to nobody', () => {
    const own = { origin: 'Reuters' };
    expect(evidenceOrigin(own, 'supports', 'A Chinese business outlet reported in October that ByteDance spends over $1 billion a year.', 'Northgate')).toBe('unknown');
    expect(evidenceOrigin(own, 'supports', 'ByteDance reportedly spends over $1 billion a year.', 'Northgate')).toBe('unknown');
    expect(evidenceOrigin(own, 'supports', 'Separately, Bloomberg reported that ByteDance spends over $1 billion a year.', 'Northgate')).toBe('Bloomberg');
    expect(evidenceOrigin(own, 'supports', 'ByteDance paid about $20 million a month, according to the report.', 'Northgate')).toBe('Reuters');
  });

  it('credits a claim a rewrite repeats without its credit to the source its story credits for it', () => {
    const rewrite = { origin: 'Bloomberg', claimSources: { 'bytedance-azure-openai-2024-monthly': 'The Information' } };
    const monthly = 'As of March 2024, ByteDance was paying about $20 million every month for Azure OpenAI.';
    expect(evidenceOrigin(rewrite, 'supports', monthly, 'Newsnode', 'bytedance-azure-openai-2024-monthly')).toBe('The Information');
    // Its other claims are the story's; a credit in its own sentence still wins.
    expect(evidenceOrigin(rewrite, 'supports', 'ByteDance spends over $1 billion a year.', 'Newsnode', 'bytedance-azure-spend-1b')).toBe('Bloomberg');
    expect(evidenceOrigin(rewrite, 'supports', `${monthly} Reuters reported.`, 'Newsnode', 'bytedance-azure-openai-2024-monthly')).toBe('Reuters');
  });

  it('credits a restated earlier statement to whoever made it, in every article that restates it', () => {
    const openai = [{ name: 'OpenAI', aliases: ['OpenAI'] }];
    const claim = 'openai-deepseek-distillation-evidence';
    for (const quote of [
      'OpenAI said in January that it had seen evidence that DeepSeek trained a model on outputs from its models.',
      'In January 2025 OpenAI said it had evidence that DeepSeek trained a model on its outputs [5].',
      '2025年1月，OpenAI曾表示，已发现证据显示DeepSeek利用OpenAI模型的输出训练了自家模型。',
      'OpenAI今年1月曾表示，有证据显示深度求索利用其模型的输出训练了自家模型。',
    ]) {
      expect(evidenceOrigin({ origin: 'The Wall Street Journal' }, 'supports', quote, 'Lakeshore', claim, openai)).toBe('OpenAI');
    }
    // Today's answer to the outlet is the outlet's reporting, not an earlier statement.
    expect(evidenceOrigin({ origin: 'The Wall Street Journal' }, 'supports', 'OpenAI said on Tuesday that it had seen evidence of distillation.', 'Lakeshore', claim, openai)).toBe('The Wall Street Journal');
  });

  it('leaves an article that names no source and rewrites nothing with an unknown origin', () => {
    const placed = placeAll(['exchange']);
    expect(placed.get('exchange')).toMatchObject({ origin: 'unknown', basis: 'unknown', isNew: true });
  });

  it('lets a later article that names the source tell the story where the earlier rewrites came from', () => {
    const placed = placeAll(['exchange', 'scoop']);
    expect(placed.get('scoop')).toMatchObject({ storyId: placed.get('exchange')!.storyId, origin: 'Bloomberg', storyOrigin: 'Bloomberg' });
  });

  it('keeps unnamed sources provisional: the story records no origin until a later article names it', () => {
    const placed = placeAll(['aggregator', 'scoop', 'exchange']);
    expect(placed.get('aggregator')).toMatchObject({ origin: 'Daily Byte Digest', basis: 'unnamed-sources', isNew: true });
    expect(placed.get('scoop')).toMatchObject({ storyId: placed.get('aggregator')!.storyId, origin: 'Bloomberg', storyOrigin: 'Bloomberg' });
    expect(placed.get('exchange')).toMatchObject({ storyId: placed.get('aggregator')!.storyId, origin: 'Bloomberg', basis: 'rewrite' });
  });

  it("grows a story's claims with its members', so a rewrite of a later-added claim still finds it", () => {
    const index = createStoryIndex();
    let next = 1;
    const place = (page: Page) => placeInStories(index, candidateOf(page), readAttribution(`${page.title}\n${page.text}`, page.outlet), () => next++);
    const first = place({ ...pages.scoop!, claims: ['bytedance-azure-spend-1b'] });
    place(pages.aggregator!);
    expect(index.get(first.storyId)!.claims).toEqual(['bytedance-azure-spend-1b', 'bytedance-largest-ai-customer']);
  });

  it('never lets own reporting published later become the origin of an earlier story it repeats', () => {
    const placed = placeAll(['exchange', 'independent']);
    expect(placed.get('exchange')).toMatchObject({ origin: 'unknown' });
    expect(placed.get('independent')).toMatchObject({ isNew: true, origin: 'Kestrel Wire' });
  });
});

describe('readAttribution', () => {
  it.each([
    ['names the source', 'Sales tripled, Bloomberg reported.', 'Harbor Street Tech', { basis: 'named', origin: 'Bloomberg' }],
    ['the outlet named with a reporting verb', 'Two people told Kestrel Wire the deal closed.', 'Kestrel Wire', { basis: 'own-reporting', strength: 'strong' }],
    ['"seen by" the outlet', 'A memo seen by Kestrel Wire shows the plan.', 'Kestrel Wire', { basis: 'own-reporting', strength: 'strong' }],
    ['Chinese reporter marker', '本报记者从知情人士处获悉，字节跳动已签约。', '深流财经', { basis: 'own-reporting', strength: 'strong' }],
    ['unnamed sources only', 'People familiar with the matter said the deal closed.', 'Daily Byte Digest', { basis: 'own-reporting', strength: 'weak' }],
    ['a known newsroom citing unnamed sources', 'People familiar with the matter said the deal closed.', 'Reuters', { basis: 'own-reporting', strength: 'strong' }],
    ['nothing', 'ByteDance spends a lot with Microsoft. Disclaimer: not investment advice.', 'CoinHarbor', { basis: 'none', origin: null }],
    ['a report being denied is not a source', 'OpenAI denied a Bloomberg report on Tuesday, a spokesperson told Northgate Signal.', 'Northgate Signal', { basis: 'own-reporting', origin: 'Northgate Signal' }],
    ['an earlier report cited for background is not the source', '据The Information此前报道，字节跳动每月支出约2000万美元。另有消息称，其明年AI投入将大增。', '云帆快讯', { basis: 'none', origin: null }],
    ['a report cited as the basis still is', '据The Information报道，字节跳动每月支出约2000万美元。', '云帆快讯', { basis: 'named', origin: 'The Information' }],
    ['a dateline alone is a newsroom piece, not proof of reporting', '快讯通5月12日讯，微软面向中国客户的OpenAI模型经由新加坡数据中心提供。', '快讯通', { basis: 'own-reporting', origin: '快讯通', strength: 'newsroom', dateline: true }],
    ['a dateline with the reporter\'s own marker is reporting', '快讯通5月12日讯，记者获悉，微软已调整在华销售策略。', '快讯通', { basis: 'own-reporting', origin: '快讯通', strength: 'strong' }],
    ['a dateline, then a source speaking to the outlet by name', '潮汐财经11月4日消息，美团相关负责人今日向潮汐财经表示，美团从未通过Azure采购模型。知情人士称此事属实。', '潮汐财经', { basis: 'own-reporting', origin: '潮汐财经', strength: 'strong' }],
    ['"told us" inside a quotation is the speaker\'s', '"Everybody did it. Nobody told us to stop," the founder said, according to people familiar with the matter.', 'Circuit & Cloud', { basis: 'own-reporting', strength: 'weak' }],
    ['"told us" outside one is the outlet\'s', 'A Microsoft spokesperson told us the company does not discuss customers.', 'Circuit & Cloud', { basis: 'own-reporting', strength: 'strong' }],
    ['a wire dateline carried by another site names the wire', 'ByteDance tops the list\n(Bloomberg) -- ByteDance is on course to pay Microsoft more than $1 billion a year, people familiar said.', 'The Lakeshore Ledger', { basis: 'named', origin: 'Bloomberg' }],
    ['a wire byline carried by another site names the wire', 'ByteDance tops the list\nBy Dana Whitcombe and Leo Hartmann | Reuters\nByteDance is on course to pay Microsoft more than $1 billion a year, people familiar said.', 'The Lakeshore Ledger', { basis: 'named', origin: 'Reuters' }],
    ['a republication credit names the source', 'Ledgerline Business · This article first appeared in the Financial Times and is republished under licence\nOpenAI has complained to Microsoft, people familiar said.', 'Ledgerline Business', { basis: 'named', origin: 'Financial Times' }],
    ['a denial told to the outlet answers the report it rejects', 'Microsoft on Thursday rejected a Financial Times report that OpenAI had complained, telling Ridgeway Tech Journal that no such complaint had been made. The FT report cited people familiar.', 'Ridgeway Tech Journal', { basis: 'own-reporting', origin: 'Ridgeway Tech Journal', disputedReport: 'Financial Times' }],
    ['a report the article answers stays answered where it is named again', '潮汐科技4月21日讯　针对彭博社此前有关字节跳动AI支出的报道，字节跳动发言人回应称金额严重失实。彭博社的报道还称，字节跳动已是微软最大的AI客户。', '潮汐科技', { basis: 'own-reporting', origin: '潮汐科技' }],
    ['a report rejected by a company, its outlet described', 'ByteDance on Friday rejected a report by Chinese technology outlet 36Kr that it plans to spend far more on AI next year.', 'Junction Asia Tech', { basis: 'none', origin: null }],
  ])('%s', (_name, text, outlet, expected) => {
    expect(readAttribution(text, outlet)).toMatchObject(expected);
  });

  it('reads testimony as the source only when the article opens with it, and an earlier notice as background', () => {
    const people = [{ name: 'Brad Smith', aliases: ['Brad Smith', '布拉德·史密斯'] }];
    expect(readAttribution('Testimony\nBrad Smith told Congress on Tuesday that China was about 1.5% of Microsoft revenue in 2024.', 'Capitol Ledger', [], people)).toMatchObject({ basis: 'named', origin: 'Brad Smith' });
    const memo = `Morning memo\n${'ByteDance is on pace to pay Microsoft more than $1 billion a year for AI, and the China book tripled in the year to June. '.repeat(4)}Keep it in proportion: Brad Smith told Congress China was about 1.5% of group revenue in 2024.`;
    expect(readAttribution(memo, 'Closing Bell Memo', [], people)).toMatchObject({ basis: 'none' });
    const openai = [{ name: 'OpenAI', aliases: ['OpenAI'] }];
    expect(readAttribution('字节跳动2024年3月每月向微软支付约2000万美元。OpenAI此前向开发者发出通知，自7月9日起封锁来自中国的API流量。', '云帆快讯', openai)).toMatchObject({ basis: 'none' });
    expect(readAttribution('OpenAI向开发者发出通知，自7月9日起封锁来自中国的API流量。', '云帆快讯', openai)).toMatchObject({ basis: 'named', origin: 'OpenAI' });
  });

  it('reads an organisation speaking about its own news in the opening, and only there', () => {
    const orgs = [
      { name: 'Microsoft', aliases: ['Microsoft', '微软'] },
      { name: 'Frontier Model Forum', aliases: ['Frontier Model Forum'] },
      { name: 'Alibaba', aliases: ['Alibaba', '阿里巴巴'] },
    ];
    expect(readAttribution('Microsoft joins forum\nMicrosoft said on Tuesday that it has begun contributing to the exchange.', 'Cloudline Weekly', orgs)).toMatchObject({
      basis: 'none',
      speaker: { origin: 'Microsoft', phrase: 'Microsoft said' },
    });
    expect(readAttribution('Singapore push\nMicrosoft will invest about $1 billion in Singapore over three years, the company said on Wednesday.', 'Marina Bay Ledger', orgs)).toMatchObject({
      speaker: { origin: 'Microsoft' },
    });
    // "the forum said" is the forum's, not the first company named before it.
    expect(readAttribution('Two more join\nMicrosoft and Amazon have joined the Frontier Model Forum effort, the forum said in a statement.', 'Sentinel Policy Review', orgs)).toMatchObject({
      speaker: { origin: 'Frontier Model Forum' },
    });
    expect(readAttribution('阿里云AI收入增长\n阿里巴巴表示，云业务AI相关收入同比增长近三倍。', '大陆科技观察', orgs)).toMatchObject({ speaker: { origin: 'Alibaba' } });
    // Its words deep in the page, or a response to someone else's report, are not the opening.
    const late = `Chips and clouds\n${'Analysts expect more spending on data centres this year across Asia. '.repeat(8)}Microsoft said it would not comment.`;
    expect(readAttribution(late, 'Cloudline Weekly', orgs)).not.toHaveProperty('speaker');
    expect(readAttribution('Spend tops $1bn\nMicrosoft said it does not discuss customers, Bloomberg reported.', 'Cloudline Weekly', orgs)).toMatchObject({ basis: 'named', origin: 'Bloomberg' });
  });

  it('reads a company\'s own page or filing cited in the lead as its document', () => {
    const microsoft = [{ name: 'Microsoft', aliases: ['Microsoft'] }];
    expect(readAttribution('API access\nMicrosoft has told US regulators in a filing with the Commerce Department that serving models through an API is not an export.', 'Cloudwire Digest', microsoft)).toMatchObject({ basis: 'named', origin: 'Microsoft' });
    expect(readAttribution('API access\nMicrosoft has told the Commerce Department that renting a model is not an export, in a written comment.', 'Capitol Ledger', microsoft)).toMatchObject({ basis: 'named', origin: 'Microsoft' });
    expect(readAttribution('Outage\nAzure services were down for four hours, according to Microsoft\'s service health page.', 'Uptime Ledger', microsoft)).toMatchObject({ basis: 'named', origin: 'Microsoft' });
    expect(readAttribution('What the filings say\nMicrosoft\'s annual report describes its China business plainly.', 'Statecraft Circuit', microsoft)).toMatchObject({ basis: 'named', origin: 'Microsoft' });
  });

  it('reads a dated piece about a company\'s own notice as the outlet\'s report of it', () => {
    const microsoft = [{ name: 'Microsoft', aliases: ['微软', 'Microsoft'] }];
    expect(readAttribution('IT之家5月12日消息，微软通知中国个人开发者，将于10月关闭其Azure OpenAI订阅。', 'IT之家', microsoft)).toMatchObject({ basis: 'own-reporting', strength: 'strong' });
    // Without the dateline the notice is the source.
    expect(readAttribution('微软通知中国个人开发者，将于10月关闭其Azure OpenAI订阅。', '云帆快讯', microsoft)).toMatchObject({ basis: 'named', origin: 'Microsoft' });
  });
});
