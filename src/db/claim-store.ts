/**
 * What claim status and drift read and write: a claim's evidence with its origins and phrasings, its drifts
 * with their variants, and status changes with their history.
 * @module
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import type { ClaimEvidenceSummary, DriftToStore } from '../match/store.js';
import { articles, claimStatusHistory, claims, drifts, evidence, type ClaimStatus } from './schema.js';

/** Loads what drift and status need for the given claims. */
export async function loadClaimEvidence(db: Db, claimIds: number[]): Promise<ClaimEvidenceSummary[]> {
  if (claimIds.length === 0) return [];
  const [claimRows, evidenceRows] = await Promise.all([
    db.select().from(claims).where(inArray(claims.id, claimIds)),
    db
      .select({
        claimId: evidence.claimId,
        stance: evidence.stance,
        tier: evidence.tier,
        origin: evidence.origin,
        phrasings: evidence.phrasings,
        figure: evidence.figure,
        quote: evidence.quote,
        createdAt: evidence.createdAt,
        articleId: articles.id,
        backlog: articles.backlog,
        url: articles.url,
        outlet: articles.outlet,
        title: articles.title,
      })
      .from(evidence)
      .innerJoin(articles, eq(articles.id, evidence.articleId))
      .where(inArray(evidence.claimId, claimIds))
      .orderBy(asc(articles.publishedAt), asc(evidence.id)),
  ]);
  return claimRows.map((claim) => {
    const own = evidenceRows.filter((row) => row.claimId === claim.id);
    const auto = own.filter((row) => row.tier === 'auto');
    return {
      claimId: claim.id,
      slug: claim.slug,
      headline: claim.headline,
      status: claim.status,
      figure: claim.figure,
      terms: claim.terms,
      // A denial or a newer figure is another fact, not another wording of this one: drifts compare the rest.
      phrasings: own
        .filter((row) => row.stance === 'supports' || row.stance === 'mentions')
        .flatMap((row) => row.phrasings.map((p) => ({ ...p, articleUrl: row.url, outlet: row.outlet, origin: row.origin, articleId: row.articleId }))),
      stances: auto.flatMap((row) =>
        row.stance === 'mentions'
          ? []
          : [
              {
                stance: row.stance,
                origin: row.origin,
                figureText: row.figure?.text ?? null,
                quote: row.quote,
                createdAt: row.createdAt,
                backlog: row.backlog,
                url: row.url,
                title: row.title,
              },
            ],
      ),
    };
  });
}

/**
 * Records a claim's drifts, one row per disagreement, its variants kept current; returns, for each drift
 * that is new or gained a variant, its kind, key and the variant values it had before (none when new).
 */
export async function saveDrifts(
  db: Db,
  claimId: number,
  found: DriftToStore[],
  now: Date,
): Promise<{ kind: string; key: string; before: string[] }[]> {
  if (found.length === 0) return [];
  const existing = new Map(
    (await db.select({ key: drifts.key, variants: drifts.variants }).from(drifts).where(inArray(drifts.key, found.map((d) => d.key)))).map((row) => [
      row.key,
      row.variants.map((v) => v.value),
    ]),
  );
  await db
    .insert(drifts)
    .values(found.map((drift) => ({ claimId, kind: drift.kind, key: drift.key, phrasings: drift.phrasings, variants: drift.variants, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({ target: drifts.key, set: { phrasings: sql`excluded.phrasings`, variants: sql`excluded.variants`, updatedAt: sql`excluded.updated_at` } });
  return found.flatMap((drift) => {
    const before = existing.get(drift.key);
    if (before === undefined) return [{ kind: drift.kind, key: drift.key, before: [] }];
    return drift.variants.some((v) => !before.includes(v.value)) ? [{ kind: drift.kind, key: drift.key, before }] : [];
  });
}

/** Changes a claim's status and keeps the change in its history, atomically. */
export async function setClaimStatus(
  db: Db,
  claimId: number,
  change: { from: ClaimStatus; to: ClaimStatus; cause: string; actor: string; at: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(claims)
      .set({ status: change.to, updatedAt: change.at })
      // Only from the status we read: a concurrent change wins and this one is skipped.
      .where(and(eq(claims.id, claimId), eq(claims.status, change.from)))
      .returning({ id: claims.id });
    if (updated.length === 0) return false;
    await tx.insert(claimStatusHistory).values({
      claimId,
      fromStatus: change.from,
      toStatus: change.to,
      cause: change.cause,
      actor: change.actor,
      at: change.at,
    });
    return true;
  });
}
