/**
 * Whether the bot may post to a channel: paused with the reason when a platform says it cannot (a post
 * answered "gone", see PostResult in chat/types.ts), resumed when it can again.
 * @module
 */
import { and, eq } from 'drizzle-orm';
import type { ChannelStore } from '../chat/types.js';
import type { Platform } from '../model/index.js';
import type { Db } from './client.js';
import { chatChannels } from './schema.js';

/** Pauses a channel's subscriptions with the reason. */
export async function pauseChannel(db: Db, platform: Platform, externalId: string, reason: string, now = new Date()): Promise<void> {
  await db
    .update(chatChannels)
    .set({ pausedAt: now, pausedReason: reason })
    .where(and(eq(chatChannels.platform, platform), eq(chatChannels.externalId, externalId)));
}

/** Why a channel is paused, or null when it is not (or is not known). */
export async function pausedReasonOf(db: Db, platform: Platform, externalId: string): Promise<string | null> {
  const [row] = await db
    .select({ pausedReason: chatChannels.pausedReason })
    .from(chatChannels)
    .where(and(eq(chatChannels.platform, platform), eq(chatChannels.externalId, externalId)))
    .limit(1);
  return row?.pausedReason ?? null;
}

/** Resumes a paused channel (the bot was re-added, a command arrived from it). */
export async function resumeChannel(db: Db, platform: Platform, externalId: string): Promise<void> {
  await db
    .update(chatChannels)
    .set({ pausedAt: null, pausedReason: null })
    .where(and(eq(chatChannels.platform, platform), eq(chatChannels.externalId, externalId)));
}

/** The chat adapters' channel store (src/chat/types.ts) over these queries. */
export function createChannelStore(db: Db): ChannelStore {
  return {
    pausedReasonOf: (platform, externalId) => pausedReasonOf(db, platform, externalId),
    pause: (platform, externalId, reason, now) => pauseChannel(db, platform, externalId, reason, now),
    resume: (platform, externalId) => resumeChannel(db, platform, externalId),
  };
}
