/**
 * `claimwatch feeds`, `claimwatch sync` and `claimwatch import-opml`: the feed list and reviewed data.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { listFeeds } from '../db/feed-store.js';
import { importOpml } from '../catalog/index.js';
import { addOpmlFeeds } from '../db/feed-sync.js';
import { syncData } from '../runtime.js';
import { CliError, printJson, printTable, withRuntime } from './context.js';

/** Registers `feeds`, `sync` and `import-opml`. */
export function registerFeedCommands(program: Command): void {
  program
    .command('feeds')
    .description('list feeds with their status, last error, last fetch and item count')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await withRuntime((runtime) => listFeeds(runtime.db), { logLevel: 'warn' });
      if (opts.json) return printJson(rows);
      printTable(
        ['STATUS', 'ITEMS', 'LAST FETCHED', 'URL', 'LAST ERROR'],
        rows.map((row) => [
          row.status,
          String(row.itemCount),
          row.lastFetchedAt ?? 'never',
          row.url,
          row.disabledReason ?? row.lastError ?? row.lastNotice ?? '',
        ]),
      );
    });

  program
    .command('sync')
    .description('load feeds/ (feeds, entities, topics, claims) into the database')
    .option('--feeds <file>', 'feeds file (default: CLAIMWATCH_FEEDS or feeds/feeds.yaml)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { feeds?: string; json?: boolean }) => {
      const summary = await withRuntime((runtime) => syncData(runtime, opts.feeds), { logLevel: 'warn' });
      if (opts.json) return printJson(summary);
      process.stdout.write(`synced: ${JSON.stringify(summary)}\n`);
    });

  program
    .command('import-opml')
    .description('add the feeds of an OPML file (existing ones are kept as they are)')
    .argument('<file>', 'OPML file')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const xml = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError(`import-opml: cannot read ${file}: ${error.code ?? error.message}`);
      });
      const result = await withRuntime((runtime) => importOpml((feeds) => addOpmlFeeds(runtime.db, feeds), xml), { logLevel: 'warn' });
      if (opts.json) return printJson(result);
      process.stdout.write(`import-opml: ${result.added} feeds added, ${result.skipped.length} outlines skipped\n`);
      for (const { url, reason } of result.skipped) process.stdout.write(`  skipped ${url}: ${reason}\n`);
    });
}
