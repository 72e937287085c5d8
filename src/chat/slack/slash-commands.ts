/**
 * Slash commands: every command of the registry as `/<name>`, acknowledged at once (Slack gives 3 s), run
 * after the ack, and answered through the payload's response_url.
 * @module
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { Logger } from '../../log.js';
import { answerCommand } from '../answer-command.js';
import type { CommandContext, CommandDefinition } from '../../../commands/types.js';
import type { ChatDeps } from '../types.js';
import type { Reply } from '../../model/index.js';
import { renderSlackBlocks } from './render-blocks.js';

/** What command handling needs. */
export type SlashCommandDeps = Required<ChatDeps>;

/** A response_url accepts up to five responses within 30 minutes (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses). */
const MAX_RESPONSES = 5;

/** Registers `/facts`, `/subscribe`, `/unsubscribe`, `/topics` and `/claimwatch-help` on the app. */
export function registerSlashCommands(app: App, deps: SlashCommandDeps): void {
  for (const command of deps.registry.commands) {
    app.command(`/${command.name}`, async ({ command: payload, ack, respond }) => {
      // Ack before any database work: Slack shows "operation_timeout" to the user after 3 s.
      await ack();
      const reply = await answer(command, payload, deps);
      await send(reply, respond, deps.log, command.name);
    });
  }
}

/** Runs one command and returns what to show; never throws. */
async function answer(command: CommandDefinition, payload: SlashCommand, deps: SlashCommandDeps): Promise<Reply> {
  const ctx: CommandContext = {
    platform: 'slack',
    channel: { externalId: payload.channel_id, workspaceId: payload.team_id || null, name: payload.channel_name || null },
    user: { id: payload.user_id, name: payload.user_name || null },
    // Slack tells a slash command nothing about the caller's rights in the channel: who may run which command
    // is set by workspace admins (app management, channel posting permissions), so every caller may manage.
    canManage: true,
    services: deps.services,
    now: deps.now(),
  };
  // A slash command reaches the app only from a channel it is in: it may post there again.
  return answerCommand(command, ctx, deps.registry.parse(command, payload.text ?? ''), { ...deps, mayResume: true });
}

/** Sends the reply's parts in order; past five, the last response says how much was left out. */
async function send(reply: Reply, respond: RespondFn, log: Logger, commandName: string): Promise<void> {
  const parts = renderSlackBlocks(reply);
  const shown = parts.length > MAX_RESPONSES ? parts.slice(0, MAX_RESPONSES - 1) : parts;
  const responseType = reply.ephemeral ? 'ephemeral' : 'in_channel';
  try {
    for (const part of shown) {
      await respond({ response_type: responseType, replace_original: false, text: part.text, blocks: part.blocks });
    }
    if (shown.length < parts.length) {
      const rest = parts.length - shown.length;
      await respond({ response_type: responseType, replace_original: false, text: `… and ${rest} more parts not shown; ask for something narrower.` });
    }
  } catch (error) {
    // An expired or refused response_url: nothing more can reach the user, so log it for the operator.
    log.error({ err: error, command: commandName }, 'slack: could not send the command reply');
  }
}
