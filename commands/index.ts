/**
 * Every user command, platform-neutral, and the one way to run one: option checks, permission, and
 * turning a UserFacingError into an ephemeral reply.
 * @module
 */
import type { Reply } from '../src/model/index.js';
import { suggest } from './lookup.js';
import { UserFacingError, type CommandContext, type CommandDefinition, type CommandRegistry, type OptionValues } from './types.js';
import { factsCommand } from './facts.js';
import { createHelpCommand } from './help.js';
import { subscribeCommand } from './subscribe.js';
import { topicsCommand } from './topics.js';
import { unsubscribeCommand } from './unsubscribe.js';

const base: CommandDefinition[] = [factsCommand, subscribeCommand, unsubscribeCommand, topicsCommand];
/** All commands, help last. */
export const commands: readonly CommandDefinition[] = [...base, createHelpCommand(() => commands)];

/** Finds a command by name. */
export function findCommand(name: string): CommandDefinition | undefined {
  const bare = name.replace(/^\//, '').toLowerCase();
  return commands.find((command) => command.name === bare);
}

/** An ephemeral error reply. */
export function errorReply(message: string, details: string[] = []): Reply {
  return { title: message, sections: details.length ? [{ lines: details }] : [], ephemeral: true };
}

/**
 * Runs a command: checks required options and permission, and answers expected problems with an
 * ephemeral reply. Unexpected errors are rethrown for the adapter to log and answer generically.
 */
export async function runCommand(command: CommandDefinition, ctx: CommandContext, options: OptionValues): Promise<Reply> {
  const missing = command.options.filter((option) => option.required && (options[option.name] === undefined || options[option.name] === ''));
  if (missing.length > 0) return errorReply(`Missing ${missing.map((o) => o.name).join(', ')}.`, [`Usage: ${command.usage}`]);
  if (command.permission === 'manage-channel' && !ctx.canManage) {
    return errorReply(`/${command.name} needs the Manage Channels permission in this channel.`);
  }
  try {
    return await command.run(ctx, options);
  } catch (error) {
    if (error instanceof UserFacingError) return errorReply(error.message, [...error.details, `Usage: ${command.usage}`]);
    throw error;
  }
}

/**
 * Parses the text after a Slack-style command into options: `key:value` pairs by name, the rest fill the
 * options in declared order ("/subscribe azure-china digest:08:30 Asia/Shanghai").
 */
export function parseCommandText(command: CommandDefinition, text: string): OptionValues {
  const values: OptionValues = {};
  const positional: string[] = [];
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if (key && command.options.some((o) => o.name === key)) values[key] = token.slice(colon + 1);
    else positional.push(token);
  }
  const free = command.options.filter((o) => values[o.name] === undefined);
  // A single free-text option (e.g. /facts "Ant Group") takes the whole remaining text.
  if (free.length === 1 && positional.length > 1) {
    values[free[0]!.name] = positional.join(' ');
    return values;
  }
  for (const [i, token] of positional.entries()) {
    const option = free[i];
    if (option) values[option.name] = token;
  }
  return values;
}

/** The registry the composition root gives the chat adapters and the CLI: they import no command module. */
export const commandRegistry: CommandRegistry = {
  commands,
  find: findCommand,
  run: runCommand,
  parse: parseCommandText,
  suggest,
  errorReply,
};
