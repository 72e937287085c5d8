/**
 * The Discord adapter's configuration and contract; discord.js types stay inside this folder.
 * @module
 */
import type { ChatAdapter, ChatDeps } from '../types.js';
import type { PostResult } from '../../deliver/outbox.js';
import type { Reply } from '../../model/index.js';

/** The slice of config the Discord adapter needs. */
export interface DiscordAdapterConfig {
  token: string;
  /** Register commands in this guild only (instant); global registration otherwise. */
  guildId?: string;
  /** REST base, e.g. `http://127.0.0.1:P/api` for tests; Discord's own by default. */
  apiUrl?: string;
}

/** What the adapter is given. */
export type DiscordAdapterDeps = ChatDeps;

/** The Discord adapter: commands and autocomplete from the gateway, and posting to channels. */
export interface DiscordAdapter extends ChatAdapter {
  /** Posts a reply to a channel; `key` makes a retried post land once (Discord's nonce, a few minutes). */
  post(channelId: string, reply: Reply, opts: { key: string; recover?: boolean }): Promise<PostResult>;
  /** (Re)registers the application commands; returns how many. */
  registerCommands(): Promise<number>;
}
