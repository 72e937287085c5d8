/**
 * Starts the chat adapters the configuration asks for and gives the outbox a poster per platform.
 * With no tokens, only the console poster exists: digests for console subscriptions print to stdout.
 * @module
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Platform } from '../db/schema.js';
import { createConsolePoster } from '../deliver/console-poster.js';
import type { Poster } from '../deliver/outbox.js';
import type { ChatAdapter, CommandServices } from './types.js';

export interface RunningChat {
  posters: Partial<Record<Platform, Poster>>;
  adapters: ChatAdapter[];
  stop(): Promise<void>;
}

/**
 * Creates the configured adapters. `listen: false` gives posters only (no Slack receiver, no Discord gateway),
 * for processes that send deliveries but must not hold the chat connection.
 */
export async function startChat(config: Config, deps: { services: CommandServices; log: Logger; listen: boolean }): Promise<RunningChat> {
  const posters: Partial<Record<Platform, Poster>> = { console: createConsolePoster() };
  const adapters: ChatAdapter[] = [];
  // The platform libraries load only when configured: together they add about 0.6 s to every start.
  if (config.slack) {
    const { createSlackAdapter } = await import('./slack/index.js');
    const slack = createSlackAdapter(
      { botToken: config.slack.botToken, signingSecret: config.slack.signingSecret, appToken: config.slack.appToken, port: config.slack.port, apiUrl: config.slack.apiUrl },
      { services: deps.services, log: deps.log.child({ stage: 'slack' }) },
    );
    if (deps.listen) {
      await slack.start();
      adapters.push(slack);
      deps.log.info({ port: slack.port }, slack.port ? `slack: listening for slash commands on port ${slack.port} (/slack/events)` : 'slack: connected in Socket Mode');
    }
    posters.slack = { post: (channel, reply, opts) => slack.post(channel, reply, opts) };
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import('./discord/index.js');
    const discord = createDiscordAdapter(
      { token: config.discord.token, guildId: config.discord.guildId, apiUrl: config.discord.apiUrl },
      { services: deps.services, log: deps.log.child({ stage: 'discord' }) },
    );
    if (deps.listen) {
      await discord.start();
      adapters.push(discord);
      deps.log.info('discord: connected to the gateway; application commands registered');
    }
    posters.discord = { post: (channel, reply, opts) => discord.post(channel, reply, { key: opts.key }) };
  }
  return {
    posters,
    adapters,
    async stop() {
      await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    },
  };
}
