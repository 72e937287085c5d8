/**
 * `claimwatch register-commands`: (re)registers the Discord application commands over REST, without
 * starting the bot (guild-scoped when DISCORD_GUILD_ID is set, global otherwise).
 * @module
 */
import type { Command } from 'commander';
import { commandRegistry } from '../../commands/index.js';
import { CliError, loadConfig } from './context.js';

/** Registers `register-commands`. */
export function registerRegisterCommands(program: Command): void {
  program
    .command('register-commands')
    .description('register the Discord slash commands (guild-scoped with DISCORD_GUILD_ID, global otherwise)')
    .action(async () => {
      const config = loadConfig();
      if (!config.discord) throw new CliError('register-commands: set DISCORD_TOKEN (and DISCORD_GUILD_ID for instant guild commands)', 2);
      const { registerDiscordCommands } = await import('../chat/discord/index.js');
      const count = await registerDiscordCommands(config.discord, commandRegistry.commands);
      process.stdout.write(`registered ${count} commands ${config.discord.guildId ? `in guild ${config.discord.guildId}` : 'globally (may take up to an hour to appear)'}\n`);
    });
}
