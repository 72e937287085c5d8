/**
 * `claimwatch doctor`: what is wrong with this installation and how to fix it. Checks the configuration, the
 * database and its migrations, a sample of the feeds (one real fetch each), and the chat tokens (one harmless
 * authenticated call each); prints one line per check and exits non-zero when any failed.
 * @module
 */
import type { Command } from 'commander';
import { ConfigError, type Config } from '../config.js';
import { listFeeds } from '../db/feed-store.js';
import { createLogger } from '../log.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { countArticles } from '../db/article-store.js';
import { ensureCatalog, loadConfig } from './context.js';

/** Feeds fetched to check reachability: enough to tell "no network" from "one dead feed". */
const FEED_SAMPLE = 5;

interface Finding {
  ok: boolean;
  check: string;
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

/** Registers `doctor`. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, database, a sample of feeds and the chat tokens, and say how to fix what is wrong')
    .action(async () => {
      const findings = await diagnose();
      for (const f of findings) process.stdout.write(`${f.ok ? '✓' : '✗'} ${f.check}: ${f.detail}${f.fix ? `\n    fix: ${f.fix}` : ''}\n`);
      const failed = findings.filter((f) => !f.ok).length;
      process.stdout.write(failed === 0 ? '\nAll checks passed.\n' : `\n${failed} of ${findings.length} checks failed.\n`);
      if (failed > 0) process.exitCode = 1;
    });
}

async function diagnose(): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [{ ok: false, check: 'config', detail: error.message, fix: 'correct the variable in .env or the environment (see README, Configuration)' }];
  }
  const findings: Finding[] = [
    { ok: true, check: 'config', detail: `database ${config.database.kind === 'pglite' ? `embedded (PGlite) in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)'}, feeds file ${config.feedsFile}` },
  ];
  let runtime: Runtime;
  try {
    runtime = await openRuntime(config, createLogger('silent'));
  } catch (error) {
    findings.push({
      ok: false,
      check: 'database',
      detail: error instanceof Error ? error.message : String(error),
      fix: config.database.kind === 'pglite' ? 'DATA_DIR must be a writable folder that no other claimwatch process holds' : 'check that the server in DATABASE_URL is running and accepts this user',
    });
    return findings;
  }
  try {
    findings.push({ ok: true, check: 'database', detail: `${runtime.dbKind} reachable, migrations applied` });
    await ensureCatalog(runtime);
    const articles = await countArticles(runtime.db);
    findings.push({ ok: true, check: 'data', detail: `${articles.toLocaleString('en')} articles stored${articles === 0 ? ' (run `claimwatch poll --once` or `npm start`)' : ''}` });
    findings.push(await feedsFinding(runtime));
    findings.push(...(await chatFindings(config)));
  } finally {
    await runtime.close();
  }
  return findings;
}

async function feedsFinding(runtime: Runtime): Promise<Finding> {
  const enabled = (await listFeeds(runtime.db)).filter((feed) => feed.status !== 'disabled');
  if (enabled.length === 0) return { ok: false, check: 'feeds', detail: 'no enabled feeds', fix: `add feeds to ${runtime.config.feedsFile} (or import-opml FILE), then claimwatch sync` };
  const sample = enabled.slice(0, FEED_SAMPLE);
  const results = await Promise.all(sample.map(async (feed) => ({ url: feed.url, result: await runtime.pollDeps.fetchFeed({ url: feed.url }) })));
  const failed = results.filter(({ result }) => result.status === 'failed' || result.status === 'rate-limited');
  const detail = `${sample.length - failed.length} of ${sample.length} sampled feeds answered${failed.map(({ url, result }) => `\n    ${url}: ${'message' in result ? result.message : result.status}`).join('')}`;
  if (failed.length === 0) return { ok: true, check: 'feeds', detail };
  return {
    ok: false,
    check: 'feeds',
    detail,
    fix:
      failed.length === sample.length
        ? 'no feed answered: check this machine can reach the internet (proxy, DNS, firewall)'
        : 'a feed that keeps failing is retried with backoff and disabled after 7 days; remove it from the feeds file if it is gone',
  };
}

async function chatFindings(config: Config): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (!config.slack && !config.discord) {
    return [{ ok: true, check: 'chat', detail: 'no SLACK_BOT_TOKEN or DISCORD_TOKEN: digests and alerts print on the console' }];
  }
  if (config.slack) {
    const { checkSlackToken } = await import('../chat/slack/index.js');
    findings.push(await tokenFinding('slack', checkSlackToken(config.slack), "set SLACK_BOT_TOKEN to the app's bot token (xoxb-…) from api.slack.com/apps → OAuth & Permissions"));
  }
  if (config.discord) {
    const { checkDiscordToken } = await import('../chat/discord/index.js');
    findings.push(await tokenFinding('discord', checkDiscordToken(config.discord), 'set DISCORD_TOKEN to the bot token from discord.com/developers/applications → Bot'));
  }
  return findings;
}

/** What one platform's harmless authenticated call says about its token. */
function tokenFinding(check: string, call: Promise<string>, fix: string): Promise<Finding> {
  return call.then(
    (who) => ({ ok: true, check, detail: `token works (${who})` }),
    (error: unknown) => ({ ok: false, check, detail: error instanceof Error ? error.message : String(error), fix }),
  );
}
