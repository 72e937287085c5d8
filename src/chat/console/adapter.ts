/**
 * The console adapter: digests and alerts for channels subscribed from the terminal are printed, so a bot with
 * no chat tokens still shows what it would post. Commands reach it through the CLI (src/cli/chat-commands.ts),
 * so there is nothing to listen to: start and stop do nothing.
 * @module
 */
import { renderReplyText } from './render.js';
import { neutralizeMentions } from '../mentions.js';
import type { ChatAdapter } from '../types.js';

/** An adapter that writes each delivery to `out` (stdout by default). */
export function createConsoleAdapter(out: NodeJS.WritableStream = process.stdout): ChatAdapter {
  let counter = 0;
  return {
    platform: 'console',
    async start() {},
    async stop() {},
    async post(channel, reply, { key }) {
      out.write(`\n--- ${channel} · ${key} ---\n${neutralizeMentions(renderReplyText(reply))}`);
      return { status: 'sent', messageIds: [`console-${++counter}`] };
    },
  };
}
