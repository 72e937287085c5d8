/**
 * The Discord adapter: slash commands and autocomplete over the gateway, replies as embeds, and
 * idempotent channel posts that pause a channel Discord no longer lets us post to.
 * @module
 */
export { createDiscordAdapter } from './client.js';
export { buildCommandPayloads, checkDiscordToken, registerDiscordCommands } from './register-commands.js';
export { renderDiscordMessages, DISCORD_LIMITS, type DiscordEmbed, type DiscordMessage } from './render-embeds.js';
export { classifyDiscordError } from './classify-error.js';
export { messageNonce } from './post.js';
export { timeZones } from './autocomplete.js';
export type { DiscordAdapter, DiscordAdapterConfig, DiscordAdapterDeps } from './types.js';
