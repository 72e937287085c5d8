/**
 * The chat commands' store (commands/store.ts) on PGlite and PostgreSQL.
 * @module
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ChannelRef, CommandStore } from '../../commands/store.js';
import type { CommandServices } from '../../commands/types.js';
import type { Platform } from '../model/index.js';
import type { Db } from './client.js';
import { listClaims } from './claim-queries.js';
import { chatChannels, claimEntities, claims, entities, entityAliases, subscriptions, topics } from './schema.js';

/** The channel row for a platform channel, created on first use. */
export async function ensureChannel(db: Db, platform: Platform, channel: ChannelRef): Promise<number> {
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

export function createCommandStore(db: Db): CommandStore {
  return {
    async entities() {
      const rows = await db
        .select({ slug: entities.slug, name: entities.name, alias: entityAliases.alias })
        .from(entities)
        .leftJoin(entityAliases, eq(entityAliases.entityId, entities.id))
        .orderBy(asc(entities.id));
      const bySlug = new Map<string, { slug: string; name: string; aliases: string[] }>();
      for (const row of rows) {
        const entity = bySlug.get(row.slug) ?? { slug: row.slug, name: row.name, aliases: [] };
        bySlug.set(row.slug, entity);
        if (row.alias !== null && row.alias !== row.name) entity.aliases.push(row.alias);
      }
      return [...bySlug.values()];
    },

    entitiesWithCounts() {
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
    },

    claimsAbout(entitySlug) {
      return listClaims(db, { entitySlug });
    },

    topics() {
      return db.select({ id: topics.id, slug: topics.slug, name: topics.name, description: topics.description }).from(topics).orderBy(asc(topics.id));
    },

    subscriptionsOf(platform, externalId) {
      return db
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
    },

    async subscribe(platform, channel, topicId, { digestTime, timezone, alerts, at }) {
      const channelId = await ensureChannel(db, platform, channel);
      await db
        .insert(subscriptions)
        .values({ channelId, topicId, digestTime, timezone, alerts, updatedAt: at })
        .onConflictDoUpdate({ target: [subscriptions.channelId, subscriptions.topicId], set: { digestTime, timezone, alerts, updatedAt: at } });
    },

    async unsubscribe(platform, externalId, topicSlugs) {
      if (topicSlugs.length === 0) return;
      const channel = db
        .select({ id: chatChannels.id })
        .from(chatChannels)
        .where(and(eq(chatChannels.platform, platform), eq(chatChannels.externalId, externalId)));
      const topicIds = db.select({ id: topics.id }).from(topics).where(inArray(topics.slug, [...topicSlugs]));
      await db.delete(subscriptions).where(and(inArray(subscriptions.channelId, channel), inArray(subscriptions.topicId, topicIds)));
    },
  };
}

/** What every platform's commands run with: the store over this database, and the default time zone. */
export function commandServices(db: Db, timeZone: string, boardUrl: string | null = null): CommandServices {
  return { store: createCommandStore(db), timeZone, boardUrl };
}
