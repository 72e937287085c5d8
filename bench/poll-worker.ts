/**
 * One poll worker, run as a child process: opens the real runtime (src/runtime.ts wiring: fetcher, parser
 * pool, normalize, matching after the cycle), times one full poll cycle and reports a PollResult. Optionally
 * a second cycle (all 304), matching the rest of the backlog, and the digest of every topic.
 * The job arrives as JSON in BENCH_JOB.
 * @module
 */
import { createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { openRuntime } from '../src/runtime.js';
import { runPollCycle, type PollCycleDeps } from '../src/ingest/poll-cycle.js';
import { createIngestStore } from '../src/db/ingest-store.js';
import { matchArticles } from '../src/match/run-matching.js';
import { unmatchedArticleIds } from '../src/db/match-store.js';
import { loadDigestData } from '../src/db/digest-queries.js';
import { renderDigest } from '../src/deliver/render-digest.js';
import { articleTopics, articles, deliveries, evidence, stories, topics } from '../src/db/schema.js';
import type { Db } from '../src/db/client.js';
import { newStage, percentile, startRssSampler, timedAsync, timedTransactions } from './instrument.js';
import type { PollJob, PollResult } from './protocol.js';
import { createMatchingStore } from '../src/db/matching-store.js';

const job = JSON.parse(process.env.BENCH_JOB ?? '') as PollJob;
const sampler = startRssSampler();

const config = parseConfig({
  ...(job.db.kind === 'pglite' ? { DATA_DIR: job.db.dataDir } : { DATABASE_URL: job.db.url }),
  CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES: 'true',
  CLAIMWATCH_FETCH_CONCURRENCY: String(job.concurrency),
  LOG_LEVEL: 'info',
});
// All feeds live on one host (127.0.0.1); config caps CLAIMWATCH_PER_HOST_CONCURRENCY at 16, the bench lifts it.
config.fetch.perHostConcurrency = job.perHostConcurrency;
const log = createLogger('info', { format: 'json', destination: createWriteStream(job.logFile, { flags: 'a' }) });
const runtime = await openRuntime(config, log);

const stages = { fetch: newStage(), 'prepare (parse, normalize, screen)': newStage(), 'db.transaction': newStage(), afterCycle: newStage() };
let fetchedBytes = 0;
const base = runtime.pollDeps;
const deps: PollCycleDeps = {
  ...base,
  store: createIngestStore(timedTransactions(runtime.db, stages['db.transaction'])),
  fetchFeed: timedAsync(stages.fetch, async (request) => {
    const result = await base.fetchFeed(request);
    if (result.status === 'ok') fetchedBytes += result.body.length;
    return result;
  }),
  prepareFeed: timedAsync(stages['prepare (parse, normalize, screen)'], base.prepareFeed),
};
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
let afterCycleStarted = 0;
let afterCycleStartedUs = 0;
const afterCycle = base.afterCycle;
if (afterCycle) {
  deps.afterCycle = timedAsync(stages.afterCycle, (summary) => {
    afterCycleStarted = performance.now();
    afterCycleStartedUs = monotonicUs();
    return afterCycle(summary);
  });
}

// Warm the parse pool (a fresh thread loads tsx and rss-parser, ~0.3 s) and the matcher, as a running bot has.
const warmUp = Buffer.from('<rss version="2.0"><channel><title>t</title><item><title>Microsoft</title></item></channel></rss>');
await base.prepareFeed(warmUp, null, { feedUrl: 'http://127.0.0.1/', outlet: null, now: new Date() });
await runtime.getMatcher();

if (job.waitForGo) {
  process.send?.({ type: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
}

const rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
const epochMs = () => performance.timeOrigin + performance.now();
const startEpochMs = epochMs();
const elu0 = performance.eventLoopUtilization();
const cpu0 = process.cpuUsage();
const started = performance.now();
const startedUs = monotonicUs();
const summary = await runPollCycle(deps, { all: true });
const wallMs = performance.now() - started;
const endedUs = monotonicUs();
const endEpochMs = epochMs();
const pollEnd = afterCycleStarted || performance.now();
const elu = performance.eventLoopUtilization(elu0).utilization;
const cpu = process.cpuUsage(cpu0);

const result: PollResult = {
  type: 'result',
  workerName: job.workerName,
  pid: process.pid,
  cycle: {
    wallMs,
    pollMs: pollEnd - started,
    afterCycleMs: stages.afterCycle.ms,
    feeds: summary.feeds,
    byStatus: summary.byStatus,
    items: summary.items,
    newArticles: summary.newArticles,
    duplicates: summary.duplicates,
    errors: summary.errors.length,
    firstErrors: summary.errors.slice(0, 3).map((e) => `${e.url}: ${e.message}`),
    stages,
    fetchedBytes,
    mainElu: elu,
    cpuMs: (cpu.user + cpu.system) / 1000,
    marksUs: [startedUs, afterCycleStartedUs || endedUs, endedUs],
    startEpochMs,
    endEpochMs,
  },
  secondCycle: null,
  drain: null,
  digest: null,
  counts: {},
  rssBeforeMb,
  peakRssMb: 0,
  maxRssMb: 0,
  atPeak: { heapTotalMb: 0, externalMb: 0 },
};
Object.assign(result, sampler.stop());

if (job.secondCycle) {
  const t = performance.now();
  const second = await runPollCycle({ ...base, afterCycle: undefined }, { all: true });
  result.secondCycle = {
    ms: performance.now() - t,
    byStatus: second.byStatus,
    firstErrors: second.errors.slice(0, 3).map((e) => `${e.url}: ${e.message}`),
  };
}

if (job.drain > 0) result.drain = await drainMatching(runtime.db, job.drain);
if (job.digest) result.digest = await timeDigest(runtime.db);
result.counts = await countRows(runtime.db);

await runtime.close();
process.send?.(result, () => process.exit(0));

/** Matches the backlog the way later cycles would (5,000 unmatched at a time), timed. */
async function drainMatching(db: Db, limit: number): Promise<NonNullable<PollResult['drain']>> {
  const matcher = await runtime.getMatcher();
  const batches: { articles: number; ms: number }[] = [];
  let done = 0;
  const t = performance.now();
  while (done < limit) {
    const ids = await unmatchedArticleIds(db, Math.min(5_000, limit - done));
    if (ids.length === 0) break;
    const b = performance.now();
    await matchArticles(ids, { store: createMatchingStore(db), now: () => new Date(), log: log.child({ stage: 'match' }) }, matcher);
    batches.push({ articles: ids.length, ms: performance.now() - b });
    done += ids.length;
  }
  return { articles: done, ms: performance.now() - t, batches };
}

/** loadDigestData for every topic over the last 24 h: first (cold) call, median of 5, and rendering. */
async function timeDigest(db: Db): Promise<NonNullable<PollResult['digest']>> {
  const slugs = (await db.select({ slug: topics.slug }).from(topics)).map((row) => row.slug);
  const until = new Date();
  const since = new Date(until.getTime() - 86_400_000);
  const times: number[] = [];
  let data = await loadDigestData(db, slugs, since, until);
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    data = await loadDigestData(db, slugs, since, until);
    times.push(performance.now() - t);
  }
  const r = performance.now();
  renderDigest(data, { title: 'claimwatch digest: every topic' });
  return {
    firstMs: times[0]!,
    medianMs: percentile(times.slice(1), 50),
    renderMs: performance.now() - r,
    stories: data.stories.length,
    claimChanges: data.claimChanges.length,
    topics: slugs.length,
  };
}

async function countRows(db: Db): Promise<Record<string, number>> {
  const count = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const n = sql<number>`count(*)::int`;
  return {
    articles: await count(db.select({ n }).from(articles)),
    unmatched: await count(db.select({ n }).from(articles).where(sql`${articles.matchedAt} is null`)),
    stories: await count(db.select({ n }).from(stories)),
    evidence: await count(db.select({ n }).from(evidence)),
    articleTopics: await count(db.select({ n }).from(articleTopics)),
    deliveries: await count(db.select({ n }).from(deliveries)),
  };
}
