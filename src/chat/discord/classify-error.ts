/**
 * What a failed Discord post means for delivery, decided in one pure function (as MonitoRSS's
 * `result-processor.ts` does): the channel is gone (pause it) or the post may be retried later.
 * @module
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { PostResult } from '../../deliver/outbox.js';

/**
 * Discord JSON error codes that mean "this channel will not take our messages"
 * (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes).
 */
const GONE_CODES: Record<number, string> = {
  10003: 'Unknown Channel',
  10004: 'Unknown Guild',
  50001: 'Missing Access',
  50007: 'Cannot send messages to this user',
  50013: 'Missing Permissions',
};

/**
 * Classifies an error thrown by @discordjs/rest for a channel post. 429s never get here unless they
 * outlasted our wait (RateLimitError); 5xx arrive as HTTPError after the library's own retries.
 */
export function classifyDiscordError(error: unknown): Exclude<PostResult, { status: 'sent' }> {
  if (error instanceof RateLimitError) {
    return { status: 'failed', reason: `discord: rate limited on ${error.route}`, retryAfterMs: error.retryAfter };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number.NaN;
    const known = GONE_CODES[code];
    if (known) return { status: 'gone', reason: `discord: ${known} (${error.status}, code ${code})` };
    // Any other 403/404 on a channel route still means we cannot post there.
    if (error.status === 403 || error.status === 404) return { status: 'gone', reason: `discord: ${error.message} (${error.status})` };
    if (error.status === 429) return { status: 'failed', reason: 'discord: rate limited' };
    // 400 (invalid body) and 401 (bad token) are our faults, not the channel's: keep it, report the failure.
    return { status: 'failed', reason: `discord: ${error.message} (${error.status}, code ${String(error.code)})` };
  }
  if (error instanceof HTTPError) return { status: 'failed', reason: `discord: HTTP ${error.status} ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'failed', reason: `discord: ${message}` };
}
