/**
 * Posting a reply to a channel (digests, alerts) over REST, idempotently: each part carries a nonce
 * derived from the delivery key, with `enforce_nonce`, so a retried post is not duplicated by Discord.
 * @module
 */
import { createHash } from 'node:crypto';
import { Routes, type REST, type RateLimitData } from 'discord.js';
import type { Logger } from '../../log.js';
import type { ChannelStore } from '../types.js';
import type { PostResult } from '../../deliver/outbox.js';
import type { Reply } from '../../model/index.js';
import { classifyDiscordError } from './classify-error.js';
import { renderDiscordMessages } from './render-embeds.js';

/** How long a channel post may wait out a 429 before giving up and letting the outbox retry later. */
export const MAX_POST_RATE_LIMIT_WAIT_MS = 10_000;

/** Discord's nonce is at most 25 characters. */
const NONCE_LENGTH = 25;

/** What posting needs. */
export interface PostDeps {
  rest: REST;
  channels: ChannelStore;
  log: Logger;
  now: () => Date;
}

/**
 * The nonce of one part of a post: the same key and part give the same nonce, so a resend after a crash
 * or timeout returns the message Discord already created instead of a second one. Discord only
 * remembers nonces for a few minutes; across longer gaps the outbox's recorded message ids are the guard.
 */
export function messageNonce(key: string, part: number): string {
  return createHash('sha256').update(`${key}\u0000${part}`).digest('base64url').slice(0, NONCE_LENGTH);
}

/**
 * Posts each rendered message in order. On the first failure it stops: a 403/404 pauses the channel and
 * answers `gone`; anything else is `failed`, and a retry resends the parts already sent with the same
 * nonces (deduplicated by Discord within its nonce window).
 */
export async function postReply(deps: PostDeps, channelId: string, reply: Reply, key: string): Promise<PostResult> {
  const messageIds: string[] = [];
  for (const [part, message] of renderDiscordMessages(reply).entries()) {
    try {
      // Raw REST bypasses the client's allowedMentions default, so it is set here explicitly.
      const body = { ...message, nonce: messageNonce(key, part), enforce_nonce: true, allowed_mentions: { parse: [] } };
      const sent = (await deps.rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
      messageIds.push(sent.id);
    } catch (error) {
      const result = classifyDiscordError(error);
      deps.log.warn({ channelId, key, part, result }, `discord: post to ${channelId} ${result.status}`);
      if (result.status === 'gone') await deps.channels.pause('discord', channelId, result.reason, deps.now());
      return result;
    }
  }
  return { status: 'sent', messageIds };
}

/**
 * The REST option `rejectOnRateLimit`: channel posts give up (RateLimitError) when Discord asks for a long
 * wait, so one slow channel does not hold a digest run; everything else, interaction replies included,
 * waits as @discordjs/rest does by default.
 */
export function rejectLongChannelWaits(data: RateLimitData): boolean {
  return data.route.startsWith('/channels/') && data.retryAfter > MAX_POST_RATE_LIMIT_WAIT_MS;
}
