/**
 * Channels the bot can no longer post to (removed from the workspace, channel deleted, permission taken
 * away) are paused with the reason, so `/topics` shows it and deliveries stop instead of failing forever.
 * @module
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chatChannels } from '../db/schema.js';
import type { Platform } from '../model/index.js';

/** The outcome of posting one message, as every adapter reports it. */
export type PostResult =
  | { status: 'sent'; messageIds: string[] }
  /** 403/404 and their platform codes: the channel is paused; retrying will not help. */
  | { status: 'gone'; reason: string }
  /** 5xx, network, or a 429 that outlasted the retries: try again later. */
  | { status: 'failed'; reason: string; retryAfterMs?: number };

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
