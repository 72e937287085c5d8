/**
 * The chat contract every platform adapter (Slack, Discord, console) implements: start and stop listening,
 * post a reply to a channel, and report what happened in one shape. Adapters are given what they need (the
 * command registry, the channel store, a logger) by the composition root; they import no storage and no
 * delivery code. Nothing here knows Block Kit or embeds; the adapters translate.
 * @module
 */
import type { CommandRegistry, CommandServices } from '../../commands/types.js';
import type { Logger } from '../log.js';
import type { Poster } from '../deliver/outbox.js';
import type { Platform } from '../model/index.js';

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
