/**
 * Slash commands and autocomplete from the gateway: map the discord.js interaction to our neutral
 * CommandContext at once, run the command, and answer within Discord's 3-second window.
 *
 * Deferring: Discord needs a first response within 3 s, and whether it is ephemeral cannot change later.
 * We defer before running the command, ephemerally when the reply is known to be private (help, or a
 * Manage Channels command from a member without the permission), publicly otherwise. If a public defer
 * ends in an ephemeral reply (a UserFacingError, an unexpected failure), the public "thinking…" message is
 * deleted and the reply sent as an ephemeral follow-up, so errors are never shown to the whole channel.
 * @module
 */
import { MessageFlags, PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { answerCommand } from '../answer-command.js';
import type { CommandContext, CommandDefinition, OptionValues } from '../../../commands/types.js';
import type { ChatDeps } from '../types.js';
import type { Reply } from '../../model/index.js';
import { suggestChoices } from './autocomplete.js';
import { renderDiscordMessages } from './render-embeds.js';

/** What interaction handlers need. */
export type InteractionDeps = Required<ChatDeps>;

/** The permissions the bot needs to post digests; a command from a channel where it has them resumes it. */
const POSTING_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

/** Runs a slash command and answers it: defer, run, edit the deferred reply, follow up with the rest. */
export async function handleChatInput(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const command = deps.registry.find(interaction.commandName);
  if (!command) {
    await sendReply(interaction, deps.registry.errorReply(`Unknown command /${interaction.commandName}.`), false);
    return;
  }
  const ctx = toContext(interaction, deps);
  const privateDefer = expectsPrivateReply(command, ctx);
  await interaction.deferReply(privateDefer ? { flags: MessageFlags.Ephemeral } : {});

  // A command arrives over the interactions webhook even where the bot may not post, so a paused channel is
  // resumed only when Discord says the bot can now view, write and embed there.
  const mayResume = interaction.appPermissions.has(POSTING_PERMISSIONS);
  const reply = await answerCommand(command, ctx, optionValues(interaction, command), { ...deps, mayResume });
  await sendReply(interaction, reply, privateDefer);
}

/** Answers an autocomplete request with at most 25 choices; an empty list when anything goes wrong. */
export async function handleAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  try {
    const focused = interaction.options.getFocused(true);
    const option = deps.registry.find(interaction.commandName)?.options.find((o) => o.name === focused.name);
    const choices = await suggestChoices(option?.autocomplete, String(focused.value), {
      store: deps.services.store,
      suggest: deps.registry.suggest,
      channelId: interaction.channelId ?? '',
    });
    await interaction.respond(choices);
  } catch (error) {
    deps.log.warn({ err: error, command: interaction.commandName }, 'discord: autocomplete failed');
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

/** The neutral context; the library's interaction goes no further than this file. */
function toContext(interaction: ChatInputCommandInteraction, deps: InteractionDeps): CommandContext {
  const channel = interaction.channel;
  return {
    platform: 'discord',
    channel: {
      externalId: interaction.channelId,
      workspaceId: interaction.guildId,
      name: channel && 'name' in channel ? channel.name : null,
    },
    user: { id: interaction.user.id, name: interaction.user.username },
    // Administrator implies it: PermissionsBitField#has checks admin by default.
    canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
    services: deps.services,
    now: deps.now(),
  };
}

/** Replies we know will be private before running: help, and a refused Manage Channels command. */
function expectsPrivateReply(command: CommandDefinition, ctx: CommandContext): boolean {
  return command.name === 'claimwatch-help' || (command.permission === 'manage-channel' && !ctx.canManage);
}

function optionValues(interaction: ChatInputCommandInteraction, command: CommandDefinition): OptionValues {
  const values: OptionValues = {};
  for (const option of command.options) {
    const value = interaction.options.get(option.name)?.value;
    if (value !== undefined) values[option.name] = typeof value === 'boolean' ? value : String(value);
  }
  return values;
}

/** Sends the rendered reply: the first message into the deferred response, the rest as follow-ups. */
async function sendReply(interaction: ChatInputCommandInteraction, reply: Reply, privateDefer: boolean): Promise<void> {
  const [first, ...rest] = renderDiscordMessages(reply);
  const ephemeralFlags = { flags: MessageFlags.Ephemeral } as const;
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...first!, ...(reply.ephemeral ? ephemeralFlags : {}) });
  } else if (reply.ephemeral && !privateDefer) {
    // A public "thinking…" cannot become private: remove it and answer privately instead.
    await interaction.deleteReply();
    await interaction.followUp({ ...first!, ...ephemeralFlags });
  } else {
    await interaction.editReply(first!);
  }
  // Follow-ups do not inherit the deferred response's visibility: set it on each.
  const privateFollowUps = reply.ephemeral || privateDefer;
  for (const message of rest) await interaction.followUp({ ...message, ...(privateFollowUps ? ephemeralFlags : {}) });
}
