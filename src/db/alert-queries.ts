/**
 * Who hears an alert: channels that follow a topic of the claim with alerts on and are not paused.
 * @module
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client.js';
import { chatChannels, claimTopics, claims, subscriptions } from './schema.js';

/** Each (channel, claim) pair for which the channel takes alerts, for these claim slugs. */
export function alertedChannels(db: Db, claimSlugs: readonly string[]): Promise<{ channelId: number; claimSlug: string }[]> {
  if (claimSlugs.length === 0) return Promise.resolve([]);
  return db
    .selectDistinct({ channelId: subscriptions.channelId, claimSlug: claims.slug })
    .from(subscriptions)
    .innerJoin(claimTopics, eq(claimTopics.topicId, subscriptions.topicId))
    .innerJoin(claims, eq(claims.id, claimTopics.claimId))
    .innerJoin(chatChannels, eq(chatChannels.id, subscriptions.channelId))
    .where(and(eq(subscriptions.alerts, true), sql`${chatChannels.pausedAt} is null`, inArray(claims.slug, [...claimSlugs])));
}
