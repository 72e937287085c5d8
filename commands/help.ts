/**
 * `/claimwatch-help` (and `claimwatch help` on the console): usage of every command.
 * @module
 */
import type { CommandDefinition } from './types.js';
import type { Reply } from '../src/model/index.js';

/** Usage text for a list of commands. */
export function renderHelp(commands: readonly CommandDefinition[]): Reply {
  return {
    title: 'claimwatch: tracked claims on Microsoft, OpenAI models and Chinese firms',
    sections: commands.map((command) => ({ heading: command.usage, lines: [command.description] })),
    context: 'Errors and this help are shown only to you.',
    ephemeral: true,
  };
}

/** The help command; its list is filled in by the registry. */
export function createHelpCommand(all: () => readonly CommandDefinition[]): CommandDefinition {
  return {
    name: 'claimwatch-help',
    description: 'How to use claimwatch',
    usage: '/claimwatch-help',
    options: [],
    permission: 'everyone',
    async run() {
      return renderHelp(all());
    },
  };
}
