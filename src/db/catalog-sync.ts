/**
 * Writes a loaded catalog into the database, idempotently and in one transaction.
 *
 * Claims keep what claimwatch learnt about them: status, evidence and status history are never touched here,
 * and a claim dropped from the file is retired (`active = false`), not deleted. Feeds keep their fetch state
 * (ETag, failures, backoff); a yaml feed dropped from the file is disabled, and re-enabled if it comes back.
 *
 * Everything inside the transaction goes through `tx`: PGlite has one connection, so a query on `db` there
 * would wait for this transaction to end, forever.
 * @module
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { claimEntities, claimStatusHistory, claims, claimTopics, entities, entityAliases, topics } from './schema.js';
import { normalizeAlias } from '../catalog/check.js';
import type { Catalog, ClaimDef, EntityDef, TopicDef } from '../catalog/schemas.js';
import { syncFeeds, type FeedSyncCounts } from './feed-sync.js';

import type { Tx } from './feed-sync.js';

/** What a sync changed. Entities, aliases and topics are counts written; the rest count real changes. */
export interface SyncSummary {
  entities: number;
  aliases: number;
  topics: number;
  claims: { added: number; updated: number; retired: number };
  feeds: FeedSyncCounts;
}

/** Cause recorded on the first status of a claim added by a sync. */
export const CLAIM_ADDED_CAUSE = 'added from feeds/claims.yaml';

/**
 * Loads the catalog into the database; running it twice changes nothing the second time.
 * @example const summary = await syncCatalog(db, await loadCatalog({ dataDir: 'feeds' }));
 */
export async function syncCatalog(db: Db, catalog: Catalog, now: Date = new Date()): Promise<SyncSummary> {
  return db.transaction(async (tx) => {
    const entityIds = await upsertEntities(tx, catalog.entities);
    const aliases = await replaceAliases(tx, catalog.entities, entityIds);
    const topicIds = await upsertTopics(tx, catalog.topics);
    const claimCounts = await syncClaims(tx, catalog.claims, entityIds, topicIds, now);
    const feeds = await syncFeeds(tx, catalog.feeds);
    return { entities: entityIds.size, aliases, topics: topicIds.size, claims: claimCounts, feeds };
  });
}

async function upsertEntities(tx: Tx, defs: EntityDef[]): Promise<Map<string, number>> {
  const rows = await tx
    .insert(entities)
    .values(defs.map((e) => ({ slug: e.slug, name: e.name, kind: e.kind, description: e.description })))
    .onConflictDoUpdate({
      target: entities.slug,
      set: { name: excluded('name'), kind: excluded('kind'), description: excluded('description') },
    })
    .returning({ id: entities.id, slug: entities.slug });
  return new Map(rows.map((r) => [r.slug, r.id]));
}

async function replaceAliases(tx: Tx, defs: EntityDef[], ids: Map<string, number>): Promise<number> {
  const rows = defs.flatMap((e) =>
    e.names.map((alias) => ({ entityId: ids.get(e.slug)!, alias, normalized: normalizeAlias(alias) })),
  );
  await tx.delete(entityAliases).where(inArray(entityAliases.entityId, [...ids.values()]));
  if (rows.length > 0) await tx.insert(entityAliases).values(rows);
  return rows.length;
}

async function upsertTopics(tx: Tx, defs: TopicDef[]): Promise<Map<string, number>> {
  const rows = await tx
    .insert(topics)
    .values(defs.map((t) => ({ slug: t.slug, name: t.name, description: t.description, query: t.query })))
    .onConflictDoUpdate({
      target: topics.slug,
      set: { name: excluded('name'), description: excluded('description'), query: excluded('query') },
    })
    .returning({ id: topics.id, slug: topics.slug });
  return new Map(rows.map((r) => [r.slug, r.id]));
}

async function syncClaims(
  tx: Tx,
  defs: ClaimDef[],
  entityIds: Map<string, number>,
  topicIds: Map<string, number>,
  now: Date,
): Promise<SyncSummary['claims']> {
  const existing = new Map((await tx.select().from(claims)).map((c) => [c.slug, c]));
  const links = await currentLinks(tx, [...existing.values()].map((c) => c.id));
  let added = 0;
  let updated = 0;
  const ids: number[] = [];

  for (const def of defs) {
    const fields = claimFields(def);
    const wanted = linkKey(
      def.entities.map((s) => entityIds.get(s)!),
      def.topics.map((s) => topicIds.get(s)!),
    );
    const row = existing.get(def.slug);
    if (!row) {
      const [inserted] = await tx
        .insert(claims)
        .values({ slug: def.slug, ...fields, active: true, createdAt: now, updatedAt: now })
        .returning({ id: claims.id });
      const id = inserted!.id;
      await tx
        .insert(claimStatusHistory)
        .values({ claimId: id, fromStatus: null, toStatus: 'reported', cause: CLAIM_ADDED_CAUSE, at: now });
      ids.push(id);
      added++;
      continue;
    }
    ids.push(row.id);
    const { statement, importance, figure, reportedBy, terms, headline, parts } = row;
    const stored = { statement, importance, figure, reportedBy, terms, headline, parts };
    if (!row.active || canonical(stored) !== canonical(fields) || links.get(row.id) !== wanted) {
      await tx.update(claims).set({ ...fields, active: true, updatedAt: now }).where(eq(claims.id, row.id));
      updated++;
    }
  }

  await replaceLinks(tx, defs, ids, entityIds, topicIds);
  const retired = await tx
    .update(claims)
    .set({ active: false, updatedAt: now })
    .where(and(eq(claims.active, true), ids.length > 0 ? notInArray(claims.id, ids) : undefined))
    .returning({ id: claims.id });
  return { added, updated, retired: retired.length };
}

/** The columns a claims file owns; status and everything learnt from articles are not among them. */
function claimFields(def: ClaimDef) {
  return {
    statement: def.statement,
    importance: def.importance,
    figure: def.figure ?? null,
    reportedBy: def.reportedBy,
    terms: def.terms,
    headline: def.headline ?? null,
    parts: def.parts ?? null,
  };
}

async function currentLinks(tx: Tx, claimIds: number[]): Promise<Map<number, string>> {
  if (claimIds.length === 0) return new Map();
  const ents = await tx.select().from(claimEntities).where(inArray(claimEntities.claimId, claimIds));
  const tops = await tx.select().from(claimTopics).where(inArray(claimTopics.claimId, claimIds));
  return new Map(
    claimIds.map((id) => [
      id,
      linkKey(
        ents
          .filter((l) => l.claimId === id)
          .sort((a, b) => a.position - b.position)
          .map((l) => l.entityId),
        tops.filter((l) => l.claimId === id).map((l) => l.topicId),
      ),
    ]),
  );
}

async function replaceLinks(
  tx: Tx,
  defs: ClaimDef[],
  ids: number[],
  entityIds: Map<string, number>,
  topicIds: Map<string, number>,
): Promise<void> {
  if (ids.length === 0) return;
  await tx.delete(claimEntities).where(inArray(claimEntities.claimId, ids));
  await tx.delete(claimTopics).where(inArray(claimTopics.claimId, ids));
  const entityRows = defs.flatMap((d, i) => d.entities.map((s, position) => ({ claimId: ids[i]!, entityId: entityIds.get(s)!, position })));
  const topicRows = defs.flatMap((d, i) => d.topics.map((s) => ({ claimId: ids[i]!, topicId: topicIds.get(s)! })));
  if (entityRows.length > 0) await tx.insert(claimEntities).values(entityRows);
  if (topicRows.length > 0) await tx.insert(claimTopics).values(topicRows);
}

function linkKey(entityIds: number[], topicIds: number[]): string {
  // Entity order matters (the first is the subject); topic order does not.
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b).join(',');
  return `${entityIds.join(',')}|${sorted(topicIds)}`;
}

/** JSON with sorted keys and no undefined fields: jsonb reorders keys, so plain JSON.stringify would differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `excluded.<column>` of an upsert, by SQL column name. */
function excluded(column: string) {
  return sql.raw(`excluded."${column}"`);
}

/** True when no catalog was ever written here: a data folder no command has used yet. */
export async function catalogIsEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: topics.id }).from(topics).limit(1);
  return row === undefined;
}
