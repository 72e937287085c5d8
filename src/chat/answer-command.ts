/**
 * Runs one command for any platform, so Slack, Discord and the console cannot drift: a command from a paused
 * channel resumes it (when the platform says the bot may post there again) and says so in the reply; an
 * unexpected failure is logged with an id and answered privately with that id.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';
import type { CommandContext, CommandDefinition, CommandRegistry, OptionValues } from '../../commands/types.js';
import type { ChannelStore } from './types.js';
import type { Reply } from '../model/index.js';

/**
 * Runs the command and returns what to show; never throws. `mayResume`: the platform says the bot can post
 * in this channel again (Slack: a command arrived from it; Discord: the bot has view, send and embed there).
 */
export async function answerCommand(
  command: CommandDefinition,
  ctx: CommandContext,
  options: OptionValues,
  deps: { log: Logger; mayResume: boolean; channels: ChannelStore; registry: CommandRegistry },
): Promise<Reply> {
  const { platform, channel } = ctx;
  try {
    const pausedReason = await deps.channels.pausedReasonOf(platform, channel.externalId);
    // The command runs first, so `/topics` still shows why posting stopped; then the channel is resumed,
    // because a command from it means someone is there again. If posting still fails, the next post pauses it.
    const reply = await deps.registry.run(command, ctx, options);
    if (pausedReason === null || !deps.mayResume) return reply;
    await deps.channels.resume(platform, channel.externalId);
    deps.log.info({ platform, channelId: channel.externalId, pausedReason }, `${platform}: command from a paused channel; resumed it`);
    const note = `▶ Posting was paused (${pausedReason}); this command resumed it.`;
    return { ...reply, context: reply.context ? `${reply.context}\n${note}` : note };
  } catch (error) {
    const errorId = randomUUID().slice(0, 8);
    deps.log.error({ err: error, errorId, platform, command: command.name, channelId: channel.externalId, userId: ctx.user.id }, `${platform}: /${command.name} failed (error id ${errorId})`);
    return deps.registry.errorReply(`Something went wrong (error id ${errorId}).`, ['The error was logged; please try again later.']);
  }
}
