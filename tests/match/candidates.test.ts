import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { claimSchema } from '../../src/catalog/schemas.js';
import { draftClaimYaml, groupCandidates, isCovered, type AssertionRow } from '../../src/match/bookkeeping/candidates.js';

const known = (origin: string | null) => origin !== null && origin !== 'unknown';
let nextId = 1;
function row(partial: Partial<AssertionRow> & Pick<AssertionRow, 'relation' | 'subject'>, origin = 'Reuters'): AssertionRow {
  const id = nextId++;
  return {
    counterpart: null, place: null, negated: false, sentence: `Sentence ${id}.`, figure: null, ...partial,
    article: { id, url: `https://news.example/${id}`, title: `Article ${id}`, outlet: `Outlet ${id}`, origin, publishedAt: new Date(Date.UTC(2026, 9, id)) },
  };
}

describe('candidate claims', () => {
  it('groups a sale read from either side with purchases between the same parties, and needs two articles', () => {
    const candidates = groupCandidates(
      [
        row({ relation: 'buys-from', subject: 'baidu', counterpart: 'microsoft', sentence: 'Baidu buys OpenAI access from Microsoft.' }),
        row({ relation: 'buys-from', subject: 'baidu', counterpart: 'microsoft', sentence: 'Microsoft sells OpenAI models to Baidu through Azure, people said.' }, 'unknown'),
        row({ relation: 'buys-from', subject: 'baidu', sentence: 'Baidu is also buying.' }, 'Caixin'),
        row({ relation: 'blocks', subject: 'google', place: 'china', sentence: 'Google blocks Gemini in China.' }),
      ],
      known,
    );
    expect(candidates).toHaveLength(1);
    const [sale] = candidates;
    expect(sale).toMatchObject({ relation: 'buys-from', subject: 'baidu', counterpart: 'microsoft', wording: 'Baidu buys OpenAI access from Microsoft.' });
    expect(sale!.articles).toHaveLength(3);
    expect(sale!.origins.sort()).toEqual(['Caixin', 'Reuters']);
    // The id depends on the parties only, so it survives new articles.
    const again = groupCandidates([row({ relation: 'buys-from', subject: 'baidu', counterpart: 'microsoft' }), row({ relation: 'sells-to', subject: 'baidu', counterpart: 'microsoft' })], known);
    expect(again[0]!.id).toBe(sale!.id);
  });

  it('is covered by a tracked claim between the same parties, whichever side it is read from', () => {
    const tracked = [{ relation: 'sells-to', subject: ['microsoft'], counterpart: ['baidu'] }];
    expect(isCovered({ relation: 'buys-from', subject: 'baidu', counterpart: 'microsoft' }, tracked)).toBe(true);
    expect(isCovered({ relation: 'buys-from', subject: 'alibaba', counterpart: 'microsoft' }, tracked)).toBe(false);
    expect(isCovered({ relation: 'complains-to', subject: 'baidu', counterpart: 'microsoft' }, tracked)).toBe(false);
  });

  it('drafts an entry a person edits: valid claims.yaml, statement marked for rewriting', () => {
    const [candidate] = groupCandidates(
      [row({ relation: 'complains-to', subject: 'meituan', counterpart: 'microsoft', figure: null }), row({ relation: 'complains-to', subject: 'meituan', counterpart: 'microsoft' })],
      known,
    );
    const draft = draftClaimYaml(candidate!, new Date('2026-11-01T00:00:00Z'));
    const entry = (parse(`claims:\n${draft}`) as { claims: unknown[] }).claims[0];
    const parsed = claimSchema.parse(entry);
    expect(parsed.parts).toEqual({ subject: ['meituan'], relation: 'complains-to', counterpart: ['microsoft'], negated: false });
    expect(parsed.statement).toMatch(/^TODO \(rewrite in our own words\)/);
  });
});
