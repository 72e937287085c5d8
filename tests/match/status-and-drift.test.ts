import { describe, expect, it } from 'vitest';
import { deriveClaimStatus } from '../../src/match/bookkeeping/claim-status.js';
import { describeDrift, describeSources } from '../../src/match/bookkeeping/describe.js';
import { detectDrifts, phrasingsOf, type SourcedPhrasing } from '../../src/match/bookkeeping/drift.js';
import { extractFigures } from '../../src/match/reading/figures/index.js';

describe('deriveClaimStatus', () => {
  it.each([
    ['one origin repeated by many outlets stays reported', { supporting: ['Bloomberg', 'Bloomberg', 'Bloomberg'], contradicting: [] }, 'reported'],
    ['unknown origins never corroborate', { supporting: ['Bloomberg', 'unknown', 'unknown'], contradicting: [] }, 'reported'],
    ['two known origins corroborate', { supporting: ['Bloomberg', 'Kestrel Wire'], contradicting: [] }, 'corroborated'],
    ['a contradiction from another origin disputes', { supporting: ['Bloomberg'], contradicting: ['Lingyun Review'] }, 'disputed'],
    ['an unknown contradiction disputes nothing', { supporting: ['Bloomberg'], contradicting: ['unknown'] }, 'reported'],
    ['a source correcting itself is no dispute', { supporting: ['Bloomberg'], contradicting: ['Bloomberg'] }, 'reported'],
    ['an update from another origin', { supporting: ['Bloomberg'], contradicting: [], updating: [{ origin: 'Reuters', value: '$1.5 billion' }] }, 'updated'],
    ['a dispute outranks an update', { supporting: ['Bloomberg'], contradicting: ['Lingyun Review'], updating: [{ origin: 'Reuters', value: '$1.5 billion' }] }, 'disputed'],
  ])('%s', (_name, origins, status) => {
    expect(deriveClaimStatus('corroborated', origins)?.status ?? 'corroborated').toBe(status);
  });

  it('names the newer value when a claim is updated', () => {
    expect(deriveClaimStatus('reported', { supporting: ['Bloomberg'], contradicting: [], updating: [{ origin: 'Reuters', value: 'about $1.5 billion' }] })).toEqual({
      status: 'updated',
      cause: 'updated by Reuters: now "about $1.5 billion"',
    });
  });

  it('never changes a status a person set', () => {
    expect(deriveClaimStatus('confirmed', { supporting: [], contradicting: ['Reuters'] })).toBeNull();
  });
});

describe('drift variants', () => {
  const sourced = (sentence: string, outlet: string, origin: string, id: number): SourcedPhrasing[] => {
    const figures = extractFigures(sentence);
    return phrasingsOf(figures[0] ?? null, [], figures).map((p) => ({ ...p, articleUrl: `https://example.com/${id}`, outlet, origin, articleId: id }));
  };

  it('lists every wording with the outlets behind it, across languages, not against the claim text', () => {
    const phrasings = [
      ...sourced('Azure AI revenue in China nearly tripled last year.', 'Outlet A', 'Bloomberg', 1),
      ...sourced('微软在华AI收入增长近三倍。', '科创速递', 'Bloomberg', 2),
      ...sourced('Azure AI revenue in China tripled last year.', 'Outlet C', 'Bloomberg', 3),
      ...sourced('微软在华AI收入增长了两倍。', '云帆', 'Bloomberg', 4),
      { kind: 'qualifier' as const, value: 'x3 about', text: 'our wording', articleUrl: null, origin: 'claim' },
    ];
    const qualifier = detectDrifts('azure-china-ai-revenue-tripled-fy25', phrasings).find((d) => d.kind === 'qualifier')!;
    expect(qualifier.key).toBe('azure-china-ai-revenue-tripled-fy25|qualifier|x3');
    expect(qualifier.variants.map((v) => [v.value, v.phrasings.map((p) => p.outlet)])).toEqual([
      ['x3 about', ['Outlet C', '云帆']],
      ['x3 below', ['Outlet A', '科创速递']],
    ]);
  });

  it('finds no drift when every article words it alike, whatever our claim text says', () => {
    const phrasings = [...sourced('Revenue tripled.', 'A', 'Bloomberg', 1), ...sourced('Revenue tripled again.', 'B', 'Bloomberg', 2)];
    expect(detectDrifts('c', [...phrasings, { kind: 'qualifier', value: 'x3 below', text: 'nearly tripled', articleUrl: null, origin: 'claim' }])).toEqual([]);
  });

  it('does not take a headline figure cut from a hedged body figure for a drift', () => {
    const headline = extractFigures('ByteDance to pay Microsoft $1 billion')[0]!;
    const body = extractFigures('ByteDance will pay Microsoft more than $1 billion a year.');
    const cut = phrasingsOf(headline, [], [headline, ...body]).find((p) => p.kind === 'qualifier')!;
    const full = phrasingsOf(body[0]!, [], body).find((p) => p.kind === 'qualifier')!;
    expect(cut.value).toBe(full.value);
  });

  it('reads a drift as its variants with their outlets and origins', () => {
    expect(
      describeDrift({
        kind: 'scope',
        phrasings: [],
        variants: [
          { value: 'superlative:ai customer', texts: ['largest AI customer'], articles: [{ url: 'u1', outlet: 'A', origin: 'Bloomberg' }, { url: 'u2', outlet: 'B', origin: 'Bloomberg' }], origins: ['Bloomberg'] },
          { value: 'superlative:chinese customer', texts: ['最大的中国客户'], articles: [{ url: 'u3', outlet: '科创速递', origin: 'Bloomberg' }], origins: ['Bloomberg'] },
        ],
      }),
    ).toBe("scope drift: 'largest AI customer' — 2 outlets (Bloomberg) vs '最大的中国客户' — 科创速递 (Bloomberg)");
  });

  it('says how many outlets repeat how many independent origins', () => {
    expect(describeSources(['Bloomberg'], ['A', 'B', 'C', 'D', 'E', 'F', 'G'])).toBe('1 independent origin (Bloomberg), repeated by 7 outlets');
    expect(describeSources([], ['A'])).toBe('no known origin yet (1 outlet, none naming a source)');
  });
});
