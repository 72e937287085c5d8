/**
 * Lookups the commands share: entities by alias, topics, channels and subscriptions.
 * @module
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { distance } from 'fastest-levenshtein';
import type { Db } from '../src/db/client.js';
import { chatChannels, claimEntities, claims, entities, entityAliases, subscriptions, topics } from '../src/db/schema.js';
import type { Platform } from '../src/model/index.js';

/** Finds an entity by slug, name or any alias, case-insensitively, English or Chinese. */
export async function resolveEntity(db: Db, query: string): Promise<{ slug: string; name: string; aliases: string[] } | null> {
  const normalized = query.trim().toLowerCase();
  const [hit] = await db
    .select({ id: entities.id, slug: entities.slug, name: entities.name })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .where(sql`${entities.slug} = ${normalized} or lower(${entities.name}) = ${normalized} or ${entityAliases.normalized} = ${normalized}`)
    .limit(1);
  if (!hit) return null;
  const aliases = await db.select({ alias: entityAliases.alias }).from(entityAliases).where(eq(entityAliases.entityId, hit.id));
  return { slug: hit.slug, name: hit.name, aliases: aliases.map((a) => a.alias).filter((a) => a !== hit.name) };
}

/** Entity names and aliases closest to a misspelt query ("bytdance" → ByteDance). */
export async function closestEntities(db: Db, query: string, limit: number): Promise<string[]> {
  const normalized = query.trim().toLowerCase();
  const rows = await db
    .select({ slug: entities.slug, name: entities.name, alias: entityAliases.normalized })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id));
  const best = new Map<string, { name: string; score: number }>();
  for (const row of rows) {
    for (const candidate of [row.slug, row.name.toLowerCase(), row.alias ?? '']) {
      if (!candidate) continue;
      const score = distance(normalized, candidate) / Math.max(candidate.length, normalized.length);
      const current = best.get(row.slug);
      if (!current || score < current.score) best.set(row.slug, { name: row.name, score });
    }
  }
  return [...best.values()]
    .filter((entry) => entry.score <= 0.5)
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** Every entity with the number of active claims about it. */
export async function listEntitiesWithCounts(db: Db): Promise<{ slug: string; name: string; claims: number }[]> {
  return db
    .select({
      slug: entities.slug,
      name: entities.name,
      claims: sql<number>`count(${claims.id}) filter (where ${claims.active})::int`,
    })
    .from(entities)
    .leftJoin(claimEntities, eq(claimEntities.entityId, entities.id))
    .leftJoin(claims, eq(claims.id, claimEntities.claimId))
    .groupBy(entities.id)
    .orderBy(asc(entities.id));
}

/** All topics, in file order. */
export async function listTopics(db: Db) {
  return db.select({ id: topics.id, slug: topics.slug, name: topics.name, description: topics.description }).from(topics).orderBy(asc(topics.id));
}

/** Entity names and topic slugs that start with (or contain) what the user typed, for autocomplete. */
export async function suggest(db: Db, kind: 'entity' | 'topic', typed: string, limit = 25): Promise<{ name: string; value: string }[]> {
  const needle = typed.trim().toLowerCase();
  if (kind === 'topic') {
    const rows = await listTopics(db);
    return rows
      .filter((t) => needle === '' || t.slug.includes(needle) || t.name.toLowerCase().includes(needle))
      .slice(0, limit)
      .map((t) => ({ name: `${t.slug}: ${t.name}`.slice(0, 100), value: t.slug }));
  }
  const rows = await db
    .select({ slug: entities.slug, name: entities.name, alias: entityAliases.alias })
    .from(entities)
    .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
    .orderBy(asc(entities.id));
  const seen = new Map<string, { name: string; value: string }>();
  for (const row of rows) {
    const names = [row.name, row.alias ?? ''].filter(Boolean);
    const hit = needle === '' ? row.name : names.find((n) => n.toLowerCase().startsWith(needle)) ?? names.find((n) => n.toLowerCase().includes(needle));
    if (hit && !seen.has(row.slug)) seen.set(row.slug, { name: hit === row.name ? row.name : `${hit} (${row.name})`, value: row.slug });
  }
  return [...seen.values()].slice(0, limit);
}

/** The channel row for a platform channel, created on first use. */
export async function ensureChannel(
  db: Db,
  platform: Platform,
  channel: { externalId: string; workspaceId?: string | null; name?: string | null },
): Promise<number> {
  const [row] = await db
    .insert(chatChannels)
    .values({ platform, externalId: channel.externalId, workspaceId: channel.workspaceId ?? null, name: channel.name ?? null })
    .onConflictDoUpdate({
      target: [chatChannels.platform, chatChannels.externalId],
      set: { name: sql`coalesce(excluded.name, ${chatChannels.name})` },
    })
    .returning({ id: chatChannels.id });
  return row!.id;
}

/** A channel's subscriptions with their topic, and whether the channel is paused. */
export async function channelSubscriptions(db: Db, platform: Platform, externalId: string) {
  const rows = await db
    .select({
      topicSlug: topics.slug,
      digestTime: subscriptions.digestTime,
      timezone: subscriptions.timezone,
      alerts: subscriptions.alerts,
      pausedReason: chatChannels.pausedReason,
    })
    .from(subscriptions)
    .innerJoin(chatChannels, eq(chatChannels.id, subscriptions.channelId))
    .innerJoin(topics, eq(topics.id, subscriptions.topicId))
    .where(and(eq(chatChannels.platform, platform), eq(chatChannels.externalId, externalId)))
    .orderBy(asc(topics.id));
  return rows;
}
