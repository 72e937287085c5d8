/**
 * `claimwatch poll --once`: one cycle over every enabled feed, then a summary.
 * @module
 */
import type { Command } from 'commander';
import { runPollCycle } from '../ingest/poll-cycle.js';
import { syncData } from '../runtime.js';
import { CliError, printJson, withRuntime } from './context.js';
import { listFeeds } from '../db/feed-store.js';
import { createProgress } from './progress.js';

/** Registers `poll`. */
export function registerPoll(program: Command): void {
  program
    .command('poll')
    .description('poll feeds once and print a summary')
    .option('--once', 'one cycle over every enabled feed, then exit (the only mode for now)', true)
    .option('--feeds <file>', 'feeds file to load first (default: CLAIMWATCH_FEEDS or feeds/feeds.yaml)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { once: boolean; feeds?: string; json?: boolean }) => {
      if (!opts.once) throw new CliError('poll: only --once is supported; use `claimwatch start` to poll on schedule', 2);
      const summary = await withRuntime(async (runtime) => {
        await syncData(runtime, opts.feeds);
        const feeds = (await listFeeds(runtime.db)).filter((feed) => feed.status !== 'disabled').length;
        const progress = createProgress('poll', 'feeds', feeds);
        let polled = 0;
        try {
          return await runPollCycle({ ...runtime.pollDeps, onFeedPolled: () => progress.update(++polled) }, { all: true });
        } finally {
          progress.stop();
        }
      });
      // Every feed failing is a failed run, whatever the output format: scripts and cron see a non-zero exit.
      const allFailed = summary.feeds > 0 && summary.byStatus.error === summary.feeds;
      if (allFailed) process.exitCode = 1;
      if (opts.json) {
        printJson(summary);
        if (allFailed) process.stderr.write(`claimwatch: poll: every one of the ${summary.feeds} feeds failed\n`);
        return;
      }
      const s = summary.byStatus;
      process.stdout.write(
        `polled ${summary.feeds} feeds in ${(summary.ms / 1000).toFixed(1)} s: ${s.ok} ok, ${s['not-modified']} not modified, ` +
          `${s['rate-limited']} rate-limited, ${s.error} failed, ${s.disabled} disabled; ` +
          `${summary.items} items, ${summary.newArticles} new articles, ${summary.duplicates} already stored\n`,
      );
      for (const error of summary.errors) process.stdout.write(`  ✗ ${error.url}: ${error.message}\n`);
      if (allFailed) process.stderr.write(`claimwatch: poll: every one of the ${summary.feeds} feeds failed\n`);
    });
}
