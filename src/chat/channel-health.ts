/**
 * Channels the bot can no longer post to (removed from the workspace, channel deleted, permission taken
 * away) are paused with the reason, so `/topics` shows it and deliveries stop instead of failing forever.
 * @module
 */

/** The outcome of posting one message, as every adapter reports it. */
export type PostResult =
  | { status: 'sent'; messageIds: string[] }
  /** 403/404 and their platform codes: the channel is paused; retrying will not help. */
  | { status: 'gone'; reason: string }
  /** 5xx, network, or a 429 that outlasted the retries: try again later. */
  | { status: 'failed'; reason: string; retryAfterMs?: number };
