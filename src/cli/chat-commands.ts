/**
 * The console adapter: every chat command from the terminal (`claimwatch facts bytedance`), printing the
 * same reply model as text, or JSON with `--json`.
 * @module
 */
import type { Command } from 'commander';
import { commands, findCommand, parseCommandText } from '../../commands/index.js';
import { resolveEntity } from '../../commands/lookup.js';
import { answerCommand } from '../chat/answer-command.js';
import { renderReplyText } from '../chat/console/render.js';
import type { CommandContext } from '../../commands/types.js';
import type { Reply } from '../model/index.js';
import { chatDeps, type Runtime } from '../runtime.js';
import { CliError, hintIfNoArticles, printJson, withRuntime } from './context.js';
import { commandServices } from '../db/command-store.js';

const CONSOLE_CHANNEL = { externalId: 'console', name: 'console' };

function consoleContext(runtime: Runtime): CommandContext {
  return {
    platform: 'console',
    channel: CONSOLE_CHANNEL,
    user: { id: process.env.USER ?? 'console' },
    canManage: true,
    services: commandServices(runtime.db, runtime.config.timeZone),
    now: new Date(),
  };
}

/** Runs one chat command at the terminal, as the console channel, and returns its reply. */
export function runConsoleCommand(runtime: Runtime, name: string, text: string): Promise<Reply> {
  const command = findCommand(name)!;
  return answerCommand(command, consoleContext(runtime), parseCommandText(command, text), { ...chatDeps(runtime.db, runtime.config.timeZone, runtime.log), mayResume: false });
}

/** Registers `facts`, `subscribe`, `unsubscribe`, `topics` and `help` for the console. */
export function registerChatCommands(program: Command): void {
  for (const command of commands) {
    const name = command.name === 'claimwatch-help' ? 'help-chat' : command.name;
    program
      .command(name)
      .description(`${command.description} (console; same as ${command.usage.split(' ')[0]} in chat)`)
      .argument('[args...]', command.usage)
      .option('--json', 'print the reply model as JSON')
      .action(async (args: string[], opts: { json?: boolean }) => {
        const failed = await withRuntime(async (runtime) => {
          const ctx = consoleContext(runtime);
          const text = args.join(' ');
          if (command.name === 'facts') await hintIfNoArticles(runtime);
          if (command.name === 'facts' && opts.json && text.trim() !== '') {
            const entity = await resolveEntity(ctx.services.store, text);
            if (!entity) throw new CliError(`facts: no tracked entity matches "${text}"`);
            printJson({ entity: { name: entity.name, slug: entity.slug, aliases: entity.aliases }, claims: await ctx.services.store.claimsAbout(entity.slug) });
            return false;
          }
          const reply = await runConsoleCommand(runtime, command.name, text);
          if (opts.json) printJson(reply);
          else process.stdout.write(renderReplyText(reply));
          // An ephemeral reply from a command that is not help is an error: exit non-zero for scripts.
          return reply.ephemeral && command.name !== 'claimwatch-help';
        }, { logLevel: 'warn' });
        if (failed) process.exitCode = 1;
      });
  }
}
