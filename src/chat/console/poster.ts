/**
 * The console's poster: digests and alerts for channels subscribed from the terminal are printed, so a bot
 * with no chat tokens still shows what it would post.
 * @module
 */
import { renderReplyText } from './render.js';
import { neutralizeMentions } from '../mentions.js';
import type { Poster } from '../../deliver/outbox.js';

/** A poster that writes each delivery to `out` (stdout by default). */
export function createConsolePoster(out: NodeJS.WritableStream = process.stdout): Poster {
  let counter = 0;
  return {
    async post(channel, reply, { key }) {
      out.write(`\n--- ${channel} · ${key} ---\n${neutralizeMentions(renderReplyText(reply))}`);
      return { status: 'sent', messageIds: [`console-${++counter}`] };
    },
  };
}
