/**
 * Candidate claims end to end: the generalization set matched against the shipped catalog (which does not
 * track its five claims), assertions stored by matching, grouped into candidates, drafted as claims.yaml
 * entries, and gone once a tracked claim covers them.
 */
import { eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSchema } from '../../src/catalog/schemas.js';
import { loadCandidates } from '../../src/db/candidate-queries.js';
import type { DbHandle } from '../../src/db/client.js';
import { articleAssertions, claims } from '../../src/db/schema.js';
import { draftClaimYaml } from '../../src/match/bookkeeping/candidates.js';
import { testDbTargets } from '../helpers/db.js';
import { createEvalFeed, storeAndMatchEval, syncRealCatalog } from '../helpers/eval-db.js';

const SET = 'tests/fixtures/generalization/articles.yaml';
const window = { since: new Date('2026-08-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') };

describe.each(testDbTargets)('candidate claims on $name', (target) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
    await storeAndMatchEval(handle.db, await createEvalFeed(handle.db), { now: window.until, set: SET });
  });
  afterAll(async () => handle?.close());

  it('offers what several articles assert that no tracked claim covers, with its articles and origins', async () => {
    expect((await handle.db.select().from(articleAssertions)).length).toBeGreaterThan(20);
    const candidates = await loadCandidates(handle.db, window);
    const complaint = candidates.find((c) => c.relation === 'complains-to' && c.subject === 'meituan' && c.counterpart === 'microsoft');
    expect(complaint, JSON.stringify(candidates.map((c) => [c.relation, c.subject, c.counterpart]))).toBeDefined();
    expect(complaint!.articles.length).toBeGreaterThanOrEqual(5);
    expect(complaint!.origins.length).toBeGreaterThan(0);
    expect(complaint!.id).toMatch(/^c[0-9a-f]{8}$/);
    // A candidate is only offered: nothing about it is tracked.
    expect((await handle.db.select().from(claims)).some((claim) => claim.parts?.subject.includes('meituan') && claim.parts.relation === 'complains-to')).toBe(false);
  });

  it('drafts a claims.yaml entry that passes validation once a person fills it in', async () => {
    const [candidate] = await loadCandidates(handle.db, window);
    const draft = draftClaimYaml(candidate!, window.until);
    expect(draft).toContain(`from candidate ${candidate!.id}`);
    const [entry] = parse(`claims:\n${draft}`).claims as unknown[];
    expect(claimSchema.safeParse(entry).success).toBe(true);
  });

  it('stops offering a candidate once a tracked claim asserts it', async () => {
    const before = await loadCandidates(handle.db, window);
    const spend = before.find((c) => c.subject === 'tencent' && c.counterpart === 'microsoft');
    expect(spend).toBeDefined();
    await handle.db
      .update(claims)
      .set({ parts: { subject: ['tencent'], relation: spend!.relation, counterpart: ['microsoft'], negated: false } })
      .where(eq(claims.slug, 'azure-china-21vianet'));
    const after = await loadCandidates(handle.db, window);
    expect(after.some((c) => c.id === spend!.id)).toBe(false);
    expect(after.length).toBeLessThan(before.length);
  });
});
