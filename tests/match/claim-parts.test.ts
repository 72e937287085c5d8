/**
 * Claims matched by their parts (claims.yaml `parts`): the five generalization claims carry almost no terms,
 * so what finds them here is the relation, its roles, the place and the figure. Sentences are our own, written
 * for these tests; the generalization article set is never read here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type ArticleAnalysis, type Matcher } from '../../src/match/matcher.js';
import { loadMatcherCatalog } from '../eval/evaluate.js';

let matcher: Matcher;
beforeAll(async () => {
  matcher = createMatcher(await loadMatcherCatalog('tests/fixtures/generalization/claims.yaml'));
});

const published = new Date('2026-10-20T08:00:00Z');
function analyze(text: string, title = ''): ArticleAnalysis {
  return matcher.analyze({ title, text, outlet: 'Test Wire', publishedAt: published }, published);
}
function found(text: string, slug: string, title = '') {
  return analyze(text, title).claims.find((claim) => claim.slug === slug);
}

describe('a claim with parts and no phrasings of its own', () => {
  it.each([
    ['active, English', 'Alibaba has been quietly buying access to GPT models through Microsoft Azure to serve shoppers on its overseas marketplaces, people familiar with the deal said.'],
    ['Chinese, with the seller after 向', '知情人士透露，阿里巴巴一直在向微软采购OpenAI的模型服务，主要用于其海外电商业务。'],
    ['the subject carried by a description', 'Alibaba reported strong growth at its international commerce arm this quarter. The Hangzhou-based group now rents GPT-4o capacity from Microsoft for storefronts outside China, two people said.'],
    ['the seller first, the buyer in the object', 'Microsoft supplies OpenAI models to Alibaba through its Azure cloud for the group’s businesses abroad, according to people briefed on the arrangement.'],
  ])('is found as evidence: %s', (_name, text) => {
    const match = found(text, 'alibaba-azure-openai-overseas');
    expect(match, text).toBeDefined();
    expect(match!.tier).toBe('auto');
    expect(match!.stance).toBe('supports');
    expect(match!.why.relation).toContain('buys-from');
  });

  it.each([
    ['a customer noun with the vendor after it', 'Alibaba is now a customer for Microsoft’s hosted GPT models, using them for storefronts outside China, people familiar said.'],
    ['a spun copy’s patron', 'Alibaba is a patron of Microsoft’s OpenAI offerings for its shops outside China, individuals acquainted with the matter mentioned.'],
  ])('reads the buyer first before a customer noun with its vendor after: %s', (_name, text) => {
    const match = found(text, 'alibaba-azure-openai-overseas');
    expect(match, text).toBeDefined();
    expect(match!.why.relation).toContain('buys-from');
  });

  it.each([
    ['the roles reversed: Alibaba as the seller', 'Alibaba is now selling its own Qwen models to developers through Microsoft Azure’s model catalogue, the company said on Tuesday.'],
    ['another vendor in the object', 'Alibaba buys cloud capacity from Amazon Web Services for its European warehouses, while Microsoft remains a rival in retail software.'],
    ['the relation between other parties', 'Microsoft sells OpenAI models to ByteDance through Azure; Alibaba relies on its own Qwen family for most products.'],
    ['a licence granted, not bought', 'Alibaba licenses its Qwen models to Microsoft, which hosts them on Azure and sells access to its own customers abroad.'],
  ])('is not found when the parts are in other roles: %s', (_name, text) => {
    expect(found(text, 'alibaba-azure-openai-overseas'), text).toBeUndefined();
  });

  it('reads a sale from either side, in both languages', () => {
    for (const text of [
      'Microsoft sells access to OpenAI models to Baidu through Azure, three people familiar with the matter said on Monday.',
      'Baidu buys GPT-4o access from Microsoft’s Azure cloud for an internal coding assistant, the people said on Monday.',
      '据知情人士透露，微软正通过Azure向百度出售OpenAI模型的使用权限，双方均未置评。',
    ]) {
      expect(found(text, 'microsoft-sells-openai-to-baidu')?.stance, text).toBe('supports');
    }
    expect(found('Baidu sells its Ernie models to Microsoft partners in Europe, the search company said in a statement on Monday.', 'microsoft-sells-openai-to-baidu')).toBeUndefined();
  });

  it('needs the claim’s place next to the relation', () => {
    expect(found('Google has cut off users in mainland China from its Gemini chatbot and developer API, a spokesperson confirmed.', 'google-blocks-gemini-china')?.stance).toBe('supports');
    expect(found('Google blocked a Russian state media app from its Play store last week, citing sanctions rules in Europe.', 'google-blocks-gemini-china')).toBeUndefined();
  });

  it('answers a Q&A heading with the sentence under it, the company carried by "the company"', () => {
    const match = found('Q: Does Google let people in China use Gemini?\nA: No. The company has blocked mainland users from the app and the API since March, its help page says.', 'google-blocks-gemini-china');
    expect(match?.stance).toBe('supports');
    expect(match?.quote).toContain('blocked mainland users');
  });

  it('needs the counterpart near the relation: spending on something else is not the claim', () => {
    expect(found('Tencent is on track to spend roughly $500 million a year on Microsoft’s Azure AI services, people familiar said.', 'tencent-azure-spend-500m')?.stance).toBe('supports');
    expect(found('腾讯每年在微软Azure人工智能云服务上的支出约为5亿美元，知情人士称。', 'tencent-azure-spend-500m')?.stance).toBe('supports');
    expect(found('Tencent will spend $500 million a year on new data centres in Indonesia, the company said in a filing.', 'tencent-azure-spend-500m')).toBeUndefined();
  });

  it('reads a row of a pipe table as a sentence', () => {
    const text = 'Who pays Microsoft for AI\n\n| Company | Role | Figure |\n|---|---|---|\n| Tencent | Azure AI customer | about $500m a year |\n| Meituan | Azure customer | not disclosed |';
    expect(found(text, 'tencent-azure-spend-500m')?.stance).toBe('supports');
  });

  it('reads a negated relation as a contradiction and an ended one as an update', () => {
    expect(found('Meituan has complained to Microsoft that Azure’s Singapore region lacks enough GPUs for its AI workloads, people said.', 'meituan-complains-azure-capacity')?.stance).toBe('supports');
    expect(found('Meituan said it had never complained to Microsoft about computing capacity in Singapore and called the report inaccurate.', 'meituan-complains-azure-capacity')?.stance).toBe('contradicts');
    expect(found('Google does not block Gemini in mainland China, a spokesperson said; the restriction comes from Chinese rules on foreign chatbots.', 'google-blocks-gemini-china')?.stance).toBe('contradicts');
    expect(found('Alibaba no longer buys OpenAI models through Microsoft Azure for its overseas units, having moved them onto Qwen, two people said.', 'alibaba-azure-openai-overseas')?.stance).toBe('updates');
    expect(found('Meituan complained to Singapore regulators about new rules for food delivery riders this week.', 'meituan-complains-azure-capacity')).toBeUndefined();
  });

  it('says in `why` which part matched which words', () => {
    const match = found('The Hangzhou-based group now rents GPT-4o capacity from Microsoft for storefronts outside China.', 'alibaba-azure-openai-overseas', 'Alibaba widens its overseas AI push');
    expect(match?.why.relation).toMatch(/^subject alibaba \(carried from an earlier sentence\); buys-from “rents”; counterpart microsoft$/);
  });
});
