import { describe, expect, it } from 'vitest';
import {
  assignStory,
  createStoryFingerprint,
  createStoryIndex,
  createStorySignature,
  SIGNATURE_SIZE,
  STORY_DEFAULTS,
  storySimilarity,
  quotedPeople,
  type RecentStory,
  type StoryOptions,
} from '../../src/stories/index.js';

/**
 * Short fictional coverage, written for these tests. `day` is days after the first report; entities
 * and figures are what the matcher would extract (slugs and normalised figure keys).
 */
interface Article {
  id: string;
  title: string;
  text: string;
  language: 'zh' | 'en' | 'und';
  outlet: string;
  entities: string[];
  figures: string[];
  day: number;
}

const ARTICLES: Article[] = [
  { id: 'en-original', outlet: 'Bloomberg', language: 'en', day: 0,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['1e9USD'],
    title: 'ByteDance Set to Spend Over $1 Billion a Year on Microsoft AI Services',
    text: 'ByteDance Ltd. is on course to pay Microsoft Corp. more than $1 billion a year for artificial intelligence and cloud services, making the TikTok owner the largest buyer of Microsoft\'s AI offerings, according to people familiar with the matter. Most of the money goes to OpenAI models that Microsoft hosts on its Azure platform, said the people, who asked not to be identified discussing private arrangements. The models reach the Chinese company from data centers outside mainland China, including in Singapore. Representatives for Microsoft and ByteDance declined to comment. Renting a model through a cloud service is not treated as an export under current US rules, which bar the sale of advanced AI chips to China.' },
  { id: 'en-rewrite-register', outlet: 'The Register', language: 'en', day: 1,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['1e9USD'],
    title: "Redmond's biggest AI customer is TikTok's parent",
    text: "US export controls keep top-end accelerators away from Chinese buyers, but nothing stops a Chinese firm from renting frontier models over an API. TikTok parent ByteDance is doing just that: it will hand Microsoft upwards of $1 billion annually for AI and cloud capacity, Bloomberg reported, with much of the bill covering OpenAI models running on Azure. That makes it the single largest customer for Redmond's AI services. The workloads are served from facilities beyond the mainland, such as Singapore. Neither company wanted to talk about it." },
  { id: 'en-rewrite-techcrunch', outlet: 'TechCrunch', language: 'en', day: 1,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['1e9USD'],
    title: 'ByteDance is reportedly Microsoft’s top spender on AI',
    text: "According to a Bloomberg News report, ByteDance has become the biggest customer of Microsoft's artificial intelligence business. The Chinese tech giant's bill for Azure AI and cloud services is expected to top $1 billion this year, much of it for access to OpenAI's GPT models. Because the models are hosted in Singapore and other locations outside China, the arrangement does not fall under US export restrictions. Microsoft and ByteDance did not respond to requests for comment." },
  { id: 'zh-rewrite-36kr', outlet: '36氪', language: 'zh', day: 1,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['1e9USD'],
    title: '彭博：字节跳动每年向微软支付超10亿美元购买AI服务',
    text: '据彭博社报道，字节跳动每年将向微软支付超过10亿美元，用于人工智能和云服务，其中大部分用于使用微软Azure平台上托管的OpenAI模型。知情人士称，字节跳动已成为微软最大的AI客户。这些模型部署在中国大陆以外的数据中心，例如新加坡。微软和字节跳动均拒绝置评。' },
  { id: 'zh-rewrite-ithome', outlet: 'IT之家', language: 'zh', day: 2,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['1e9USD'],
    title: '字节跳动成微软最大AI客户，年支出或超10亿美元',
    text: '彭博社援引知情人士消息称，TikTok母公司字节跳动正成为微软人工智能业务的头号客户，年度支出预计超过10亿美元。报道称，这笔费用大部分用于通过Azure调用OpenAI的模型，相关服务由新加坡等海外数据中心提供。根据美国现行规定，通过云端租用模型不属于出口，因此不受芯片出口管制限制。' },
  { id: 'zh-traditional-cnbeta', outlet: 'cnBeta', language: 'zh', day: 2,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['1e9USD'],
    title: '彭博：字節跳動每年向微軟支付逾10億美元購買AI服務',
    text: '據彭博社報導，字節跳動每年將向微軟支付超過10億美元，用於人工智慧和雲端服務，其中大部分用於使用微軟Azure平台上託管的OpenAI模型。知情人士稱，字節跳動已成為微軟最大的AI客戶。這些模型部署在中國大陸以外的資料中心，例如新加坡。微軟和字節跳動均拒絕置評。' },
  { id: 'en-capex', outlet: 'Reuters', language: 'en', day: 1,
    entities: ['bytedance', 'microsoft', 'openai'], figures: ['2e10USD', '1.1e10USD'],
    title: 'ByteDance plans to nearly double AI capital spending to $20 billion',
    text: 'ByteDance plans to spend about $20 billion on AI infrastructure this year, up from roughly $11 billion in 2024, as the TikTok owner races to build its own large models, two sources told Reuters. Much of the budget will go to data centers and chips bought outside China. The company also rents OpenAI models through Microsoft\'s Azure cloud for some overseas products. ByteDance declined to comment on its spending plans.' },
  { id: 'zh-capex', outlet: '第一财经', language: 'zh', day: 1,
    entities: ['bytedance'], figures: ['2e10USD', '1.1e10USD'],
    title: '字节跳动今年AI资本开支或达200亿美元',
    text: '据路透社报道，字节跳动计划今年在人工智能基础设施上投入约200亿美元，高于2024年的约110亿美元。知情人士称，这笔预算大部分将用于数据中心和在中国境外采购的芯片，以加快自研大模型的开发。字节跳动拒绝置评。' },
  { id: 'en-tiktok', outlet: 'The Verge', language: 'en', day: 2,
    entities: ['bytedance'], figures: [],
    title: 'TikTok’s US joint venture closes, leaving ByteDance a minority stake',
    text: 'The deal that moves TikTok\'s American business into a new joint venture has closed, with US investors taking control of the app\'s data and its recommendation algorithm. ByteDance keeps a minority stake in the venture, and the Chinese company will no longer run the US version of the app day to day. Lawmakers who pushed for the sale said they would watch how the algorithm is licensed.' },
  { id: 'zh-azure-dev', outlet: '财新', language: 'zh', day: 0,
    entities: ['microsoft', 'openai'], figures: [],
    title: '微软停止向中国个人开发者提供Azure OpenAI服务',
    text: '微软已关闭中国大陆个人开发者的Azure OpenAI订阅，今后只向已建立合作关系的企业客户提供相关模型。微软表示，企业客户调用的OpenAI模型并不托管在北京和上海附近的中国区数据中心，而是由境外区域提供服务。由世纪互联运营的Azure中国区不提供OpenAI模型。' },
  { id: 'zh-azure-dev-traditional', outlet: '中央社', language: 'zh', day: 1,
    entities: ['microsoft', 'openai'], figures: [],
    title: '微軟停止向中國個人開發者提供Azure OpenAI服務',
    text: '微軟已關閉中國大陸個人開發者的Azure OpenAI訂閱，今後只向已建立合作關係的企業客戶提供相關模型。微軟表示，企業客戶調用的OpenAI模型並不託管在北京和上海附近的中國區資料中心，而是由境外區域提供服務。由世紀互聯營運的Azure中國區不提供OpenAI模型。' },
];

const START = Date.parse('2026-06-17T08:00:00Z');
const byId = (id: string): Article => {
  const found = ARTICLES.find((article) => article.id === id);
  if (!found) throw new Error(`no test article ${id}`);
  return found;
};
const candidateOf = (article: Article, dayOffset = 0) => ({
  signature: createStorySignature(article),
  entities: article.entities,
  figures: article.figures,
  publishedAt: new Date(START + (article.day + dayOffset) * 86_400_000),
});

/** Runs the corpus through assignStory in publication order, as the clusterer would; returns id → story. */
function clusterAll(articles: readonly Article[], options?: StoryOptions): Map<string, number> {
  const recent: RecentStory[] = [];
  const storyOf = new Map<string, number>();
  for (const article of [...articles].sort((a, b) => a.day - b.day)) {
    const candidate = candidateOf(article);
    const { storyId } = assignStory(candidate, recent, options);
    const id = storyId ?? recent.length + 1;
    if (storyId === null) recent.push({ ...candidate, storyId: id });
    storyOf.set(article.id, id);
  }
  return storyOf;
}

const SPEND_STORY = ['en-original', 'en-rewrite-register', 'en-rewrite-techcrunch', 'zh-rewrite-36kr', 'zh-rewrite-ithome', 'zh-traditional-cnbeta'];

describe('createStorySignature', () => {
  it('is a sorted list of at most 64 distinct 32-bit integers that survives JSON', () => {
    for (const article of ARTICLES) {
      const signature = createStorySignature(article);
      expect(signature.length).toBeGreaterThan(0);
      expect(signature.length).toBeLessThanOrEqual(SIGNATURE_SIZE);
      for (let i = 0; i < signature.length; i++) {
        expect(Number.isInteger(signature[i])).toBe(true);
        expect(signature[i]).toBeGreaterThanOrEqual(0);
        expect(signature[i]).toBeLessThan(2 ** 32);
        if (i > 0) expect(signature[i]).toBeGreaterThan(signature[i - 1]!);
      }
      expect(JSON.parse(JSON.stringify(signature))).toEqual(signature);
    }
  });

  it('is deterministic and ignores case, punctuation and stopwords', () => {
    const a = createStorySignature({ title: 'ByteDance pays Microsoft', text: 'The TikTok owner is the largest buyer of Azure AI services.', language: 'en' });
    const b = createStorySignature({ title: 'BYTEDANCE PAYS MICROSOFT', text: 'TikTok owner: largest buyer of Azure AI services!', language: 'en' });
    expect(a).toEqual(createStorySignature({ title: 'ByteDance pays Microsoft', text: 'The TikTok owner is the largest buyer of Azure AI services.', language: 'en' }));
    expect(storySimilarity(a, b)).toBe(1);
  });

  it('folds traditional characters into simplified ones', () => {
    const simplified = createStorySignature({ title: '', text: '微软关闭中国个人开发者的订阅', language: 'zh' });
    const traditional = createStorySignature({ title: '', text: '微軟關閉中國個人開發者的訂閱', language: 'zh' });
    expect(storySimilarity(simplified, traditional)).toBe(1);
  });

  it('shingles both scripts of a mixed article', () => {
    const mixed = createStorySignature({ title: '', text: 'ByteDance buys Azure OpenAI capacity abroad. 字节跳动购买微软云服务', language: 'und' });
    const english = createStorySignature({ title: '', text: 'ByteDance buys Azure OpenAI capacity abroad.', language: 'en' });
    const chinese = createStorySignature({ title: '', text: '字节跳动购买微软云服务', language: 'zh' });
    // 4 word 3-shingles and 19 Han 2-/3-shingles: each side shares exactly its own part of the union.
    expect(storySimilarity(mixed, english)).toBeCloseTo(4 / 23);
    expect(storySimilarity(mixed, chinese)).toBeCloseTo(19 / 23);
    expect(storySimilarity(english, chinese)).toBe(0);
  });

  it('gives an empty signature for text with nothing to shingle', () => {
    expect(createStorySignature({ title: '', text: '  ...  ', language: 'und' })).toEqual([]);
  });
});

describe('storySimilarity', () => {
  it('is 1 for the same text, 0 for unrelated or empty signatures, and symmetric', () => {
    const a = createStorySignature(byId('en-original'));
    const b = createStorySignature(byId('en-tiktok'));
    expect(storySimilarity(a, a)).toBe(1);
    expect(storySimilarity(a, b)).toBeLessThan(0.05);
    expect(storySimilarity(a, [])).toBe(0);
    expect(storySimilarity([], [])).toBe(0);
    expect(storySimilarity(a, b)).toBe(storySimilarity(b, a));
  });

  it('scores a traditional rewrite of a simplified report far above the paraphrase threshold', () => {
    const simplified = createStorySignature(byId('zh-azure-dev'));
    const traditional = createStorySignature(byId('zh-azure-dev-traditional'));
    expect(storySimilarity(simplified, traditional)).toBeGreaterThan(STORY_DEFAULTS.nearDuplicate);
  });

  it('keeps different Chinese stories on the same companies under the paraphrase threshold', () => {
    const spend = createStorySignature(byId('zh-rewrite-36kr'));
    for (const other of ['zh-capex', 'zh-azure-dev', 'zh-azure-dev-traditional']) {
      expect(storySimilarity(spend, createStorySignature(byId(other)))).toBeLessThan(STORY_DEFAULTS.paraphrase);
    }
  });
});

describe('assignStory', () => {
  const storyOf = clusterAll(ARTICLES);

  it('groups a report, two English paraphrases and three Chinese rewrites into one story', () => {
    const ids = new Set(SPEND_STORY.map((id) => storyOf.get(id)));
    expect(ids.size).toBe(1);
  });

  it.each([
    ['ByteDance capex (same three companies, other figures)', 'en-capex'],
    ['ByteDance capex in Chinese', 'zh-capex'],
    ['TikTok US ownership', 'en-tiktok'],
    ['Azure OpenAI closed to individual developers', 'zh-azure-dev'],
  ])('keeps %s out of the spending story', (_name, id) => {
    expect(storyOf.get(id)).not.toBe(storyOf.get('en-original'));
  });

  it('joins a Chinese capex rewrite to the English capex story on one company and two figures', () => {
    expect(storyOf.get('zh-capex')).toBe(storyOf.get('en-capex'));
  });

  it('joins a traditional-character rewrite of a Chinese story on text alone', () => {
    expect(storyOf.get('zh-azure-dev-traditional')).toBe(storyOf.get('zh-azure-dev'));
    expect(byId('zh-azure-dev').figures).toEqual([]);
  });

  it('makes four stories of the corpus: spending, capex, TikTok, Azure developers', () => {
    expect(new Set(storyOf.values()).size).toBe(4);
  });

  it('joins a near-duplicate even when no entities or figures were found', () => {
    const original = byId('en-original');
    const recent: RecentStory[] = [{ ...candidateOf(original), storyId: 7 }];
    const copy = { ...original, text: original.text.replace('Representatives for Microsoft and ByteDance declined to comment. ', '') };
    const result = assignStory({ ...candidateOf(copy, 1), entities: [], figures: [] }, recent);
    expect(result.storyId).toBe(7);
    expect(result.similarity).toBeGreaterThanOrEqual(STORY_DEFAULTS.nearDuplicate);
  });

  it('does not join on one company and one round figure', () => {
    const recent: RecentStory[] = [{ ...candidateOf(byId('en-original')), storyId: 1 }];
    const other = {
      signature: createStorySignature({ title: 'ByteDance to invest $1 billion in a Malaysian data hub', text: 'The TikTok owner will build a new facility near Johor.', language: 'en' }),
      entities: ['bytedance'],
      figures: ['1e9USD'],
      publishedAt: new Date(START + 86_400_000),
    };
    expect(assignStory(other, recent).storyId).toBeNull();
  });

  it('starts a new story outside the time window, and honours a wider one', () => {
    const recent: RecentStory[] = [{ ...candidateOf(byId('en-original')), storyId: 1 }];
    const late = candidateOf(byId('zh-rewrite-36kr'), 16);
    expect(assignStory(late, recent)).toEqual({ storyId: null, similarity: 0 });
    expect(assignStory(late, recent, { windowDays: 21 }).storyId).toBe(1);
    // The window is symmetric: a rewrite can be ingested before the report it rests on.
    expect(assignStory(candidateOf(byId('zh-rewrite-36kr'), -2), recent).storyId).toBe(1);
  });

  it('honours stricter thresholds', () => {
    const strict = clusterAll(ARTICLES, { minSharedFeatures: 5 });
    expect(strict.get('zh-rewrite-36kr')).not.toBe(strict.get('en-original'));
    const traditionalOnlyIfIdentical = clusterAll(ARTICLES, { nearDuplicate: 0.95, paraphrase: 0.95 });
    expect(traditionalOnlyIfIdentical.get('zh-azure-dev-traditional')).not.toBe(traditionalOnlyIfIdentical.get('zh-azure-dev'));
  });

  it('picks the best-scoring story and reports its score', () => {
    const recent: RecentStory[] = [
      { ...candidateOf(byId('en-capex')), storyId: 3 },
      { ...candidateOf(byId('en-original')), storyId: 1 },
      { ...candidateOf(byId('zh-azure-dev')), storyId: 2 },
    ];
    const result = assignStory(candidateOf(byId('zh-traditional-cnbeta')), recent);
    expect(result.storyId).toBe(1);
    // Same three entities and the same single figure: entity and figure Jaccard are both 1.
    expect(result.similarity).toBe(1);
  });

  it('returns null and the best text similarity when nothing matches', () => {
    expect(assignStory(candidateOf(byId('en-tiktok')), [])).toEqual({ storyId: null, similarity: 0 });
  });
});

describe('assignStory with origins', () => {
  const at = (day: number) => new Date(START + day * 86_400_000);
  const article = (title: string, text: string, language: 'en' | 'zh') => createStorySignature({ title, text, language });
  const complaint = {
    storyId: 10,
    signature: article(
      'OpenAI tells Microsoft it is not doing enough about Chinese distillation',
      'OpenAI has privately complained to Microsoft that the software maker does too little to stop Chinese customers from training rival models on the outputs of OpenAI models it resells, according to The Information.',
      'en',
    ),
    entities: ['openai', 'microsoft'],
    figures: [],
    publishedAt: at(0),
    origin: 'The Information',
  };
  const zhRewrite = {
    signature: article('OpenAI不满微软放任中国客户蒸馏模型', '据The Information报道，OpenAI私下向微软抱怨，称其没有采取足够措施阻止中国客户利用模型输出训练竞争模型。', 'zh'),
    entities: ['openai', 'microsoft'],
    figures: [],
    publishedAt: at(1),
  };

  it('joins a figure-less translation that rests on the same origin', () => {
    expect(assignStory({ ...zhRewrite, origin: 'The Information' }, [complaint]).storyId).toBe(10);
    // Without origins, nothing ties them: no shared shingles and no figures.
    expect(assignStory(zhRewrite, [complaint]).storyId).toBeNull();
  });

  it('keeps a same-origin story about other companies apart', () => {
    const deepseek = {
      signature: article('OpenAI says DeepSeek trained on its outputs', 'OpenAI has evidence that DeepSeek used its models to train a rival, The Information reported.', 'en'),
      entities: ['openai', 'deepseek', 'anthropic'],
      figures: [],
      publishedAt: at(1),
      origin: 'The Information',
    };
    expect(assignStory(deepseek, [complaint]).storyId).toBeNull();
  });

  it('keeps the figure check when the origin is shared', () => {
    const transcript = { ...complaint, storyId: 11, entities: ['microsoft', 'judson-althoff', 'openai'], figures: ['x3'], origin: 'Bloomberg' };
    const spendRewrite = { ...candidateOf(byId('en-rewrite-register')), origin: 'Bloomberg' };
    expect(assignStory({ ...spendRewrite, publishedAt: at(0) }, [transcript]).storyId).toBeNull();
  });

  it('keeps independent reports of one event apart, and still joins a rewrite of each', () => {
    const testimony = (origin: string, day: number) => ({
      signature: article(`Brad Smith testimony (${origin})`, `Microsoft's president told lawmakers China was about 1.5% of revenue; reported by ${origin}.`, 'en'),
      entities: ['microsoft', 'brad-smith'],
      figures: ['share:1.5'],
      publishedAt: at(day),
    });
    const reuters = { ...testimony('Reuters', 0), storyId: 20, origin: 'Reuters' };
    const cnbc = { ...testimony('CNBC', 0.2), origin: 'CNBC' };
    expect(assignStory(cnbc, [reuters]).storyId).toBeNull();
    // The same pair without origins looks like one story: same companies, same figure.
    expect(assignStory({ ...cnbc, origin: undefined }, [reuters]).storyId).toBe(20);
    expect(assignStory({ ...cnbc, origin: undefined }, [{ ...reuters, origin: null }]).storyId).toBe(20);
    const zaobao = { signature: article('布拉德·史密斯：中国约占微软收入1.5%', '据路透社报道，微软总裁在国会作证时表示，中国约占公司收入的1.5%。', 'zh'), entities: ['microsoft', 'brad-smith'], figures: ['share:1.5'], publishedAt: at(0.4), origin: 'Reuters' };
    expect(assignStory(zaobao, [reuters, { ...cnbc, storyId: 21 }]).storyId).toBe(20);
    expect(assignStory(cnbc, [reuters], { separateOrigins: false }).storyId).toBe(20);
  });

  it('still joins a near-duplicate whose copy credits nobody', () => {
    const original = byId('en-original');
    const recent = [{ ...candidateOf(original), storyId: 30, origin: 'Bloomberg' }];
    expect(assignStory({ ...candidateOf(original, 1), origin: 'Some Aggregator' }, recent).storyId).toBe(30);
  });
});

describe('assignStory between two reports of overlapping facts', () => {
  const at = (hours: number) => new Date(START + hours * 3_600_000);
  const sign = (title: string, text: string, language: 'en' | 'zh' = 'en') => createStorySignature({ title, text, language });
  // Two same-day reports: one says ByteDance's Microsoft bill tops $2 billion, the other that it tops $1 billion
  // and that ByteDance plans CNY 400 billion of AI spending. Both assert the spend and the Singapore hosting.
  const twoBillion: RecentStory = {
    storyId: 40,
    signature: sign('ByteDance bill passes $2 billion', 'ByteDance now pays Microsoft more than $2 billion a year, mostly for OpenAI models served from Singapore, Wirehouse reported.'),
    entities: ['bytedance', 'microsoft', 'openai', 'tencent'],
    figures: ['money:2.00e+9:USD'],
    claims: ['bytedance-azure-spend-1b', 'openai-models-hosted-offshore', 'bytedance-largest-ai-customer'],
    publishedAt: at(0),
    origin: 'Wirehouse',
  };
  const capex: RecentStory = {
    storyId: 41,
    signature: sign('字节跳动AI投入', '据东岸财经报道，字节跳动明年AI资本开支或达4000亿元人民币，其向微软支付的AI费用每年逾10亿美元，模型由新加坡数据中心提供。', 'zh'),
    entities: ['bytedance', 'microsoft', 'openai', 'tencent'],
    figures: ['money:4.00e+11:CNY', 'money:1.00e+9:USD'],
    claims: ['bytedance-ai-capex', 'bytedance-azure-spend-1b', 'openai-models-hosted-offshore', 'other-chinese-firms-azure-spend'],
    publishedAt: at(2),
    origin: 'East Bank Finance',
  };

  it('sends a market digest that repeats one report\'s amount to that report, whatever else the page carries', () => {
    // It credits nobody, asserts a claim only the other report carries, and wraps the item in index moves.
    const digest = {
      signature: sign('盘前参考', '字节跳动每年向微软支付的AI费用升至约20亿美元。腾讯亦通过Azure采购模型。恒生科技指数夜期上涨0.9%。', 'zh'),
      entities: ['bytedance', 'microsoft', 'openai', 'tencent'],
      figures: ['money:2.00e+9:USD', 'x1.009', 'percent:0.6'],
      claims: ['other-chinese-firms-azure-spend'],
      disputes: ['bytedance-azure-spend-1b'],
      publishedAt: at(5),
    };
    expect(assignStory(digest, [twoBillion, capex]).storyId).toBe(40);
    // Without the amount, nothing ties it to the $2 billion report: its one claim is the other report's.
    expect(assignStory({ ...digest, figures: ['x1.009', 'percent:0.6'] }, [twoBillion, capex]).storyId).toBe(41);
  });

  it('does not count an amount two reports both carry, nor market moves, as a tell', () => {
    const denial = { ...capex, storyId: 42, entities: ['bytedance'], figures: ['money:2.00e+9:USD'], claims: [], origin: 'ByteDance' };
    const digest = {
      signature: sign('Morning tape', 'ByteDance pays Microsoft about $2 billion a year. The Hang Seng tech index rose 0.9%.'),
      entities: ['bytedance', 'microsoft'],
      figures: ['money:2.00e+9:USD', 'percent:0.6'],
      claims: ['other-chinese-firms-azure-spend'],
      publishedAt: at(5),
    };
    // The $2 billion is also the denial's, so it tells nothing; the claim sets share nothing with the first report.
    expect(assignStory(digest, [twoBillion, denial]).storyId).toBeNull();
    const moves = { ...twoBillion, storyId: 43, figures: ['percent:0.6'], claims: ['openai-distillation-complaint'] };
    expect(assignStory({ ...digest, figures: ['percent:0.6'], claims: ['bytedance-ai-capex'] }, [moves]).storyId).toBeNull();
  });

  it('keeps an update with its own newer amount and a source apart from the report whose amount it replaces', () => {
    const update = {
      signature: sign('ByteDance lifts plan', 'ByteDance said it expects to spend about 560 billion yuan on AI in 2026, above the 400 billion yuan that circulated last month.'),
      entities: ['bytedance', 'microsoft'],
      figures: ['money:5.60e+11:CNY', 'money:4.00e+11:CNY'],
      claims: [],
      disputes: ['bytedance-ai-capex'],
      publishedAt: at(30),
    };
    expect(assignStory({ ...update, sourced: true }, [capex]).storyId).toBeNull();
    // With no source of its own, a different amount is more likely a copy that got the figure wrong.
    expect(assignStory(update, [capex]).storyId).toBe(41);
  });

  it('keeps a report of tracked claims out of a story that asserts none, on companies and one round figure', () => {
    const dealStory: RecentStory = {
      storyId: 44,
      signature: sign('Revenue share', 'Microsoft and OpenAI rework revenue sharing, saving the lab more than a billion dollars a year by 2030.'),
      entities: ['microsoft', 'openai'],
      figures: ['money:1.00e+9:USD'],
      claims: [],
      publishedAt: at(0),
    };
    const spend = {
      signature: sign('ByteDance bill', 'ByteDance will spend more than $1 billion a year on Microsoft AI, mostly for OpenAI models, Bloomberg reported.'),
      entities: ['bytedance', 'microsoft', 'openai'],
      figures: ['money:1.00e+9:USD'],
      claims: ['bytedance-azure-spend-1b'],
      publishedAt: at(2),
    };
    expect(assignStory(spend, [dealStory]).storyId).toBeNull();
    // A page with no claim of its own may still be the story's copy.
    expect(assignStory({ ...spend, claims: [] }, [dealStory]).storyId).toBe(44);
  });

  it('keeps a page that asserts none of a report\'s claims and shares one company and round figures out of it', () => {
    const scoop: RecentStory = {
      storyId: 45,
      signature: sign('ByteDance bill', 'ByteDance will pay Microsoft more than $1 billion a year for AI; Azure China AI revenue tripled, Bloomberg reported.'),
      entities: ['bytedance', 'microsoft', 'openai'],
      figures: ['money:1.00e+9:USD', 'x3'],
      claims: ['bytedance-azure-spend-1b', 'azure-china-ai-revenue-tripled-fy25'],
      publishedAt: at(0),
    };
    const shop = {
      signature: sign('TikTok Shop', 'TikTok Shop sales in Southeast Asia tripled to $1 billion a month, the ByteDance unit said.'),
      entities: ['bytedance'],
      figures: ['money:1.00e+9:USD', 'x3'],
      claims: [],
      publishedAt: at(1),
    };
    expect(assignStory(shop, [scoop]).storyId).toBeNull();
    // A copy whose claims the matcher missed still joins on two companies, or on two amounts only the report has.
    expect(assignStory({ ...shop, entities: ['bytedance', 'microsoft'] }, [scoop]).storyId).toBe(45);
    const capex: RecentStory = { ...scoop, storyId: 46, figures: ['money:1.10e+10:USD', 'money:2.00e+10:USD'] };
    expect(assignStory({ ...shop, figures: ['money:1.10e+10:USD', 'money:2.00e+10:USD'] }, [capex]).storyId).toBe(46);
  });

  it('keeps a denial that repeats the amount it denies out of the story it answers', () => {
    const denial = {
      signature: sign('ByteDance denies', 'ByteDance denied that it pays Microsoft $2 billion a year, a spokesperson told Ledger Daily.'),
      entities: ['bytedance', 'microsoft'],
      figures: ['money:2.00e+9:USD'],
      claims: [],
      disputes: ['bytedance-azure-spend-1b'],
      denies: ['bytedance-azure-spend-1b'],
      publishedAt: at(6),
    };
    expect(assignStory(denial, [twoBillion]).storyId).toBeNull();
  });

  it('sends a rewrite that could join either report to the one whose own details it repeats', () => {
    // Joinable to both on two shared claims; by claims alone the $2 billion report scores higher, but the
    // growth figures it repeats were carried only by the capex story's members.
    const rewrite = {
      signature: sign('Microsoft China AI', 'ByteDance pays Microsoft over a billion a year for OpenAI models hosted in Singapore; China AI revenue tripled, a quarter of it from one client.'),
      entities: ['bytedance', 'microsoft', 'openai'],
      figures: ['x3', 'percent:25'],
      claims: ['bytedance-azure-spend-1b', 'openai-models-hosted-offshore'],
      publishedAt: at(7),
    };
    const capexWithMembers = { ...capex, figures: [], details: ['figure x3', 'figure percent:25', ...capex.claims!.map((slug) => `claim ${slug}`)] };
    expect(assignStory(rewrite, [twoBillion, capexWithMembers]).storyId).toBe(41);
    // One such detail is not enough to overrule the scores.
    expect(assignStory({ ...rewrite, figures: ['x3'] }, [twoBillion, capexWithMembers]).storyId).toBe(40);
  });
});


describe('quotedPeople', () => {
  it('finds people quoted by name, and not outlets, companies or headings', () => {
    const text =
      'ByteDance pays more than $1 billion a year, said Li Wei, a cloud analyst. Dana Whitlock, a partner at Harbor Capital, said the loophole is legal. ' +
      'Microsoft said it does not discuss customers. A spokesperson told Cobalt Wire the figure was wrong. What Microsoft said next matters. Judson Althoff said so.';
    expect(quotedPeople(text, new Set(['judson althoff']), 'Cobalt Wire')).toEqual(['Li Wei', 'Dana Whitlock']);
  });

  it('sends a rewrite to the report whose quoted people it repeats', () => {
    const at = (hours: number) => new Date(START + hours * 3_600_000);
    const sign = (text: string) => createStorySignature({ title: '', text, language: 'en' });
    const report = (storyId: number, people: string[]): RecentStory => ({
      storyId,
      signature: sign(`Report ${storyId} on ByteDance and Microsoft`),
      entities: ['bytedance', 'microsoft', 'openai'],
      figures: [],
      claims: ['bytedance-azure-spend-1b', 'openai-models-hosted-offshore'],
      publishedAt: at(0),
      details: ['claim bytedance-azure-spend-1b', 'claim openai-models-hosted-offshore', ...people.map((name) => `person ${name}`)],
    });
    const rewrite = {
      signature: sign('A rewrite'),
      entities: ['bytedance', 'microsoft', 'openai'],
      figures: [],
      claims: ['bytedance-azure-spend-1b', 'openai-models-hosted-offshore'],
      people: ['Dana Whitlock', 'Li Wei'],
      publishedAt: at(3),
    };
    const stories = [report(50, ['Graham Oyelaran']), report(51, ['Dana Whitlock', 'Li Wei'])];
    expect(assignStory(rewrite, stories).storyId).toBe(51);
    expect(assignStory({ ...rewrite, people: [] }, stories).storyId).toBe(50);
  });
});

describe('createStoryIndex', () => {
  const indexed = (article: Article, storyId: number, entities = article.entities): RecentStory => ({
    ...createStoryFingerprint(article),
    entities,
    figures: article.figures,
    publishedAt: new Date(START),
    storyId,
  });
  const fingerprintOf = (article: Article, entities = article.entities) => ({ ...candidateOf(article), ...createStoryFingerprint(article), entities });

  it('finds a lightly edited copy by text alone, with no entity to go on', () => {
    const original = byId('en-original');
    const index = createStoryIndex();
    index.add(indexed(original, 1, []));
    const edited = { ...original, id: 'edited', text: original.text.replace('Representatives for Microsoft and ByteDance declined to comment.', 'Neither company commented.') };
    expect(storySimilarity(createStorySignature(original), createStorySignature(edited))).toBeGreaterThan(STORY_DEFAULTS.nearDuplicate);
    expect(index.candidates(fingerprintOf(edited, [])).map((story) => story.storyId)).toEqual([1]);
    // The traditional rewrite of a simplified report shares band keys after folding.
    index.add(indexed(byId('zh-azure-dev'), 2, []));
    expect(index.candidates(fingerprintOf(byId('zh-azure-dev-traditional'), [])).map((story) => story.storyId)).toEqual([2]);
  });

  it('does not offer an unrelated story, and offers stories sharing an entity in the order they were added', () => {
    const index = createStoryIndex();
    index.add(indexed(byId('en-tiktok'), 1));
    index.add(indexed(byId('zh-azure-dev'), 2));
    index.add(indexed(byId('en-capex'), 3));
    expect(index.candidates(fingerprintOf(byId('zh-azure-dev'), [])).map((story) => story.storyId)).toEqual([2]);
    expect(index.candidates(fingerprintOf(byId('en-original'))).map((story) => story.storyId)).toEqual([1, 2, 3]);
    expect(index.candidates(fingerprintOf(byId('en-tiktok'), ['alibaba'])).map((story) => story.storyId)).toEqual([1]);
  });

  it('gives every text the same number of int4 keys, and none to an empty one', () => {
    const { sketch } = createStoryFingerprint(byId('zh-rewrite-36kr'));
    expect(sketch).toHaveLength(20);
    for (const key of sketch) expect(key === (key | 0)).toBe(true);
    expect(createStoryFingerprint({ title: '', text: '', language: 'und' }).sketch).toEqual([]);
  });
});
