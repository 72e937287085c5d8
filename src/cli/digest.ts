/**
 * `claimwatch digest --channel ID [--since 24h] [--json]`: renders a channel's digest without posting it.
 * @module
 */
import type { Command } from 'commander';
import { renderReplyText } from '../chat/console/render.js';
import { loadDigestData, topicsFollowedBy } from '../db/digest-queries.js';
import { renderDigest } from '../deliver/render-digest.js';
import { CliError, printJson, withRuntime } from './context.js';

const DURATION = /^(\d+)\s*(m|h|d)$/;

/** Parses "24h", "90m", "7d" into milliseconds. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new CliError(`digest: --since must look like 24h, 90m or 7d, not "${text}"`, 2);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'm' | 'h' | 'd'];
}

/** Registers `digest`. */
export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description("render a channel's digest (what is new for the topics it follows) without posting it")
    .requiredOption('--channel <id>', 'platform channel id (Slack C…, Discord snowflake, or "console")')
    .option('--since <duration>', 'window to cover', '24h')
    .option('--json', 'print the reply model as JSON')
    .action(async (opts: { channel: string; since: string; json?: boolean }) => {
      const windowMs = parseDuration(opts.since);
      await withRuntime(async (runtime) => {
        const followed = await topicsFollowedBy(runtime.db, opts.channel);
        if (followed.length === 0) throw new CliError(`digest: channel ${opts.channel} follows no topics (subscribe it first)`);
        const until = new Date();
        const data = await loadDigestData(runtime.db, followed, new Date(until.getTime() - windowMs), until);
        const reply = renderDigest(data, { title: `claimwatch digest: ${followed.join(', ')}`, quietLine: true })!;
        if (opts.json) printJson(reply);
        else process.stdout.write(renderReplyText(reply));
      }, { logLevel: 'warn' });
    });
}
