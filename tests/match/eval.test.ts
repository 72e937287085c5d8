import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, type EvalReport } from '../eval/evaluate.js';

// The labelled set in tests/fixtures/eval/ (90 articles, English and Chinese); `npm run eval -- --verbose`
// lists every error behind these numbers.
let report: EvalReport;

beforeAll(async () => {
  report = await evaluate();
});

describe('matcher on the labelled set', () => {
  it('finds claims with precision and recall of at least 95% (any tier)', () => {
    expect(report.claimPrecision, report.falsePositives.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(report.claimRecall, report.falseNegatives.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the stance of at least 90% of matched claims right', () => {
    expect(report.stanceAccuracy, report.stanceErrors.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('finds every drift of the brief, on both sides', () => {
    expect(Object.keys(report.briefDriftsFound).sort()).toEqual([
      'azure-china-ai-revenue-growth-fy24/figure',
      'azure-china-ai-revenue-tripled-fy25/qualifier',
      'bytedance-largest-ai-customer/scope',
      'china-share-of-microsoft-revenue/base',
      'openai-models-hosted-offshore/scope',
    ]);
    expect(report.briefDriftsFound, report.missedDrifts.join('\n')).toEqual(
      Object.fromEntries(Object.keys(report.briefDriftsFound).map((key) => [key, true])),
    );
  });

  it('counts every rewrite group as one origin', () => {
    expect(report.rewriteGroupsAsOneOrigin, report.originErrors.join('\n')).toBe(report.rewriteGroups);
  });
});
