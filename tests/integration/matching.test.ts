/**
 * Matching against the real catalog and a real database: evidence, independent origins, status history,
 * drifts, stories, manual status, and idempotent rematch.
 */
import { pino } from 'pino';
import { eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClaim, listClaims, listStories } from '../../src/db/claim-queries.js';
import type { DbHandle } from '../../src/db/client.js';
import { setClaimStatus } from '../../src/db/claim-store.js';
import { allArticleIds } from '../../src/db/match-store.js';
import { articleTopics, articles, claimStatusHistory, drifts, evidence } from '../../src/db/schema.js';
import { matchArticles } from '../../src/match/run-matching.js';
import { loadGold } from '../eval/evaluate.js';
import { testDbTargets } from '../helpers/db.js';
import { createEvalFeed, storeAndMatchEval, syncRealCatalog } from '../helpers/eval-db.js';
import { createMatchingStore } from '../../src/db/matching-store.js';

const log = pino({ level: 'silent' });

describe.each(testDbTargets)('matching on $name', (target) => {
  let handle: DbHandle;
  // A clock within a year of the labelled coverage (2024-2026), so none of it is downgraded as old.
  const deps = () => ({ store: createMatchingStore(handle.db), now: () => new Date('2025-06-01T12:00:00Z'), log });

  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
    await storeAndMatchEval(handle.db, await createEvalFeed(handle.db), { now: deps().now(), seenAt: new Date('2026-11-23T12:00:00Z') });
  });
  afterAll(async () => handle?.close());

  it('counts independent origins, never rewrites: a report rewritten by many outlets stays one origin', async () => {
    const [claim] = await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] });
    const supporting = claim!.evidence.filter((e) => e.tier === 'auto' && e.stance === 'supports');
    expect(new Set(supporting.map((e) => e.articleUrl)).size).toBeGreaterThanOrEqual(4);
    expect(claim!.origins).toEqual(['Bloomberg']);
  });

  it('names the stored story in every rewrite\'s origin reason, also for stories started in the same batch', async () => {
    const rows = await handle.db.select({ reason: articles.originReason, storyId: articles.storyId }).from(articles);
    const rewrites = rows.filter((row) => row.reason?.includes('of story #'));
    expect(rewrites.length).toBeGreaterThanOrEqual(2);
    for (const row of rewrites) expect(row.reason).toContain(`story #${row.storyId}`);
  });

  it('disputes a claim that an independent origin contradicts', async () => {
    const [claim] = await listClaims(handle.db, { slugs: ['bytedance-azure-spend-1b'] });
    const contradicting = claim!.evidence.filter((e) => e.tier === 'auto' && e.stance === 'contradicts');
    expect(contradicting.length).toBeGreaterThan(0);
    expect(contradicting.every((e) => e.origin !== 'Bloomberg')).toBe(true);
    expect(claim!.status).toBe('disputed');
  });

  it('corroborates a claim backed by two independent origins and keeps the cause in its history', async () => {
    const [claim] = await listClaims(handle.db, { slugs: ['openai-blocks-china-api'] });
    expect(claim!.origins.length).toBeGreaterThanOrEqual(2);
    expect(claim!.status).toBe('corroborated');
    const row = await findClaim(handle.db, 'openai-blocks-china-api');
    const history = await handle.db.select().from(claimStatusHistory).where(eq(claimStatusHistory.claimId, row!.id));
    expect(history.map((h) => h.toStatus)).toEqual(['reported', 'corroborated']);
    expect(history[1]!.cause).toMatch(/independent origins/);
  });

  it('records the drift between "tripled" and "nearly tripled" with both phrasings', async () => {
    const [claim] = await listClaims(handle.db, { slugs: ['azure-china-ai-revenue-tripled-fy25'] });
    const qualifier = claim!.drifts.filter((d) => d.kind === 'qualifier');
    expect(qualifier.length).toBeGreaterThan(0);
    const texts = qualifier.flatMap((d) => d.phrasings.map((p) => p.text.toLowerCase()));
    expect(texts.some((t) => t.includes('nearly') || t.includes('近'))).toBe(true);
  });

  it('groups rewrites into stories and lists them with their origins', async () => {
    const stories = await listStories(handle.db, { limit: 500 });
    const articleCount = stories.reduce((sum, s) => sum + s.articles.length, 0);
    // The labelled set's off-topic articles (no tracked entity, topic or claim) are matched but join no story.
    const storyless = await handle.db.select({ id: articles.id }).from(articles).where(isNull(articles.storyId));
    expect(storyless.length).toBeGreaterThan(0);
    expect(storyless.length).toBeLessThan(10);
    expect(articleCount + storyless.length).toBe((await loadGold()).length);
    const storylessIds = storyless.map((row) => row.id);
    expect(await handle.db.select().from(articleTopics).where(inArray(articleTopics.articleId, storylessIds))).toEqual([]);
    expect(await handle.db.select().from(evidence).where(inArray(evidence.articleId, storylessIds))).toEqual([]);
    expect(stories.length).toBeLessThan(articleCount);
    expect(stories.some((s) => s.articles.length >= 3 && s.origins.length === 1)).toBe(true);
  });

  it('keeps a status set by a person, and rematching twice changes nothing', async () => {
    const row = await findClaim(handle.db, 'bytedance-azure-spend-1b');
    await setClaimStatus(handle.db, row!.id, { from: row!.status, to: 'confirmed', cause: 'Microsoft confirmed on the record', actor: 'editor', at: new Date() });
    const before = { evidence: (await handle.db.select().from(evidence)).length, drifts: (await handle.db.select().from(drifts)).length };
    const again = await matchArticles(await allArticleIds(handle.db), deps());
    expect(again.newDrifts).toEqual([]);
    expect(again.newStories).toBe(0);
    expect(again.statusChanges).toEqual([]);
    expect((await handle.db.select().from(evidence)).length).toBe(before.evidence);
    expect((await handle.db.select().from(drifts)).length).toBe(before.drifts);
    expect((await findClaim(handle.db, 'bytedance-azure-spend-1b'))!.status).toBe('confirmed');
  });
});
