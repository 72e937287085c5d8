import { describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../../src/match/matcher.js';
import { despin } from '../../src/match/reading/despin.js';
import { beforeAll } from 'vitest';
import { loadMatcherCatalog } from '../eval/evaluate.js';

describe('spun copies', () => {
  it('reads spinner wording back and maps every offset to the original text', () => {
    const original = 'Azure\'s computer-based intelligence income from China virtually trebled, as per persons acquainted with the matter.';
    const read = despin(original);
    expect(read.text).toBe("Azure's AI revenue from China virtually trebled, according to people familiar with the matter.");
    const at = read.text.indexOf('AI revenue');
    expect(original.slice(read.originalStart(at), read.originalEnd(at + 'AI revenue'.length))).toBe('computer-based intelligence income');
    const china = read.text.indexOf('China');
    expect(original.slice(read.originalStart(china), read.originalEnd(china + 5))).toBe('China');
  });

  it('leaves ordinary English alone', () => {
    const text = 'Microsoft said its largest AI customer pays more than $1 billion a year, according to people familiar.';
    expect(despin(text).text).toBe(text);
  });

  let matcher: Matcher;
  beforeAll(async () => {
    matcher = createMatcher(await loadMatcherCatalog());
  });

  it('finds a claim in a spun copy and quotes the copy as written', () => {
    const text =
      "ByteDance is on course to shell out in excess of $1 billion yearly on Microsoft's man-made intelligence and cloud administrations, making the colossal information company Microsoft's biggest artificial intelligence client, as per persons acquainted with the matter.";
    const now = new Date('2026-06-01T00:00:00Z');
    const analysis = matcher.analyze({ title: '', text, outlet: 'Spin Wire', publishedAt: now }, now);
    const largest = analysis.claims.find((claim) => claim.slug === 'bytedance-largest-ai-customer');
    expect(largest?.stance).toBe('supports');
    expect(largest?.quote).toBe(text);
  });
});
