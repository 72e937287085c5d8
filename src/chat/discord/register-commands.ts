/**
 * Our neutral command definitions as Discord application commands, and their registration over REST
 * (at start, and from `claimwatch register-commands` without opening a gateway connection).
 * @module
 */
import { ApplicationCommandOptionType, ApplicationCommandType, PermissionFlagsBits, REST, Routes } from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../../commands/types.js';

/** Discord caps command and option descriptions at 100 characters, choice names at 100. */
const DESCRIPTION_MAX = 100;

/** The application-command JSON Discord expects for each command (PUT replaces the whole set). */
export function buildCommandPayloads(commands: readonly CommandDefinition[]): unknown[] {
  return commands.map((command) => ({
    name: command.name,
    description: clip(command.description),
    type: ApplicationCommandType.ChatInput,
    // Discord rejects a required option after an optional one; the stable sort keeps declared order otherwise.
    options: [...command.options].sort((a, b) => Number(b.required) - Number(a.required)).map(optionPayload),
    ...(command.permission === 'manage-channel'
      ? // Hidden from members without Manage Channels by default; server admins may change it. runCommand checks again.
        { default_member_permissions: PermissionFlagsBits.ManageChannels.toString(), dm_permission: false }
      : {}),
  }));
}

function optionPayload(option: CommandOption): Record<string, unknown> {
  const payload: Record<string, unknown> = {
    type: option.type === 'boolean' ? ApplicationCommandOptionType.Boolean : ApplicationCommandOptionType.String,
    name: option.name,
    description: clip(option.description),
    required: option.required,
  };
  if (option.type === 'boolean') return payload;
  // Discord refuses `choices` together with `autocomplete`; fixed choices are the stronger promise.
  if (option.choices?.length) payload.choices = option.choices.map((choice) => ({ name: choice, value: choice }));
  else if (option.autocomplete) payload.autocomplete = true;
  return payload;
}

/** Where commands go: one guild (instant, for development) or global (may take a while to show). */
export interface CommandTarget {
  applicationId: string;
  guildId?: string;
}

/** PUTs the whole command set (Discord's bulk overwrite: commands not in the list are removed). */
export async function putCommands(rest: REST, target: CommandTarget, commands: readonly CommandDefinition[]): Promise<number> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const result = await rest.put(route, { body: buildCommandPayloads(commands) });
  return Array.isArray(result) ? result.length : commands.length;
}

/** The application id for a bot token: GET /applications/@me, falling back to the bot user's id. */
export async function fetchApplicationId(rest: REST): Promise<string> {
  try {
    const app = (await rest.get(Routes.currentApplication())) as { id?: string };
    if (app.id) return app.id;
  } catch {
    // Some proxies and older tokens do not serve /applications/@me; the bot user id equals the application id.
  }
  const user = (await rest.get(Routes.user('@me'))) as { id: string };
  return user.id;
}

/**
 * Registers the commands with REST only (no gateway): for `claimwatch register-commands`.
 * @example const count = await registerDiscordCommands({ token: config.discord.token, guildId: config.discord.guildId }, commandRegistry.commands)
 */
export async function registerDiscordCommands(
  config: { token: string; guildId?: string; apiUrl?: string },
  commands: readonly CommandDefinition[],
): Promise<number> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const applicationId = await fetchApplicationId(rest);
  return putCommands(rest, { applicationId, guildId: config.guildId }, commands);
}

/** A harmless authenticated call, for `claimwatch doctor`: the application the token belongs to. */
export async function checkDiscordToken(config: { token: string; apiUrl?: string }): Promise<string> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  return `application ${await fetchApplicationId(rest)}`;
}

function clip(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}
