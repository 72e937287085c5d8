/**
 * The chat contract every platform adapter (Slack, Discord, console) implements: start and stop listening,
 * post a reply to a channel, and report what happened in one shape. Adapters are given what they need (the
 * command registry, the channel store, a logger) by the composition root; they import no storage and no
 * delivery code. Nothing here knows Block Kit or embeds; the adapters translate.
 * @module
 */
import type { CommandRegistry, CommandServices } from '../../commands/types.js';
import type { Logger } from '../log.js';
import type { Platform, Reply } from '../model/index.js';

/** The outcome of posting one message, as every adapter reports it. */
export type PostResult =
  | { status: 'sent'; messageIds: string[] }
  /** 403/404 and their platform codes: the channel is paused; retrying will not help. */
  | { status: 'gone'; reason: string }
  /** 5xx, network, or a 429 that outlasted the retries: try again later. */
  | { status: 'failed'; reason: string; retryAfterMs?: number };

/** What posts a reply to a channel of one platform; `recover` asks it to check for an earlier post first. */
export interface Poster {
  post(channelExternalId: string, reply: Reply, opts: { key: string; recover: boolean }): Promise<PostResult>;
}

/** The contract every platform adapter implements: it listens for commands between start and stop, and posts. */
export interface ChatAdapter extends Poster {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What chat keeps about channels: a channel the bot can no longer post to is paused with the reason, and a
 * command from it resumes it. Implemented by src/db/channel-store.ts.
 */
export interface ChannelStore {
  pausedReasonOf(platform: Platform, externalId: string): Promise<string | null>;
  pause(platform: Platform, externalId: string, reason: string, now?: Date): Promise<void>;
  resume(platform: Platform, externalId: string): Promise<void>;
}

/** The right to run the chat gateways, held by one process at a time (PostgreSQL workers). */
export interface ChatLease {
  acquire(owner: string, now: Date, ttlMs: number): Promise<boolean>;
  release(owner: string): Promise<void>;
}

/** What the composition root gives every listening adapter. */
export interface ChatDeps {
  services: CommandServices;
  registry: CommandRegistry;
  channels: ChannelStore;
  log: Logger;
  now?: () => Date;
}
