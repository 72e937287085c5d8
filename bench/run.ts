/**
 * `npm run bench [-- --quick]`: the claimwatch benchmark, one table in one run.
 *   1. a fake feed server (child process) serving N feeds × M items of generated news;
 *   2. a full poll cycle through the real runtime on PGlite, and on PostgreSQL with 1 and 2 workers;
 *   3. rss-parser alone over the same XML (the ceiling), 4. matching alone,
 *   5. `/facts bytedance` at 1M articles (PostgreSQL), 6. the digest of every topic.
 * Knobs (env): BENCH_FEEDS, BENCH_ITEMS, BENCH_CONCURRENCY, BENCH_PER_HOST, BENCH_DRAIN, BENCH_FACTS_ARTICLES,
 * BENCH_FACTS_RUNS, BENCH_MATCH_ARTICLES, BENCH_ONLY (comma list of parse,match,pglite,postgres,postgres2,facts),
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, BENCH_CPU_PROF=<dir> (V8 profiles of the poll workers; summarize
 * them with `npx tsx bench/profile-summary.ts <dir>`).
 * @module
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadGold } from '../tests/eval/evaluate.js';
import { openFreshPostgres } from '../tests/helpers/db.js';
import { rawParse, matchingAlone, type RawParseResult } from './micro.js';
import { benchFacts } from './facts.js';
import { Cleanup, runScenario, startFeedServer, type ScenarioResult, type ScenarioSpec } from './scenarios.js';
import { fmt, mb, renderTable, seconds, type Row, type Section } from './report.js';
import { summarizeProcess } from './profile-summary.js';

const quick = process.argv.includes('--quick');
const envNumber = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const options = {
  feeds: envNumber('BENCH_FEEDS', quick ? 1_000 : 10_000),
  items: envNumber('BENCH_ITEMS', 20),
  // The config default (CLAIMWATCH_FETCH_CONCURRENCY); perHost is lifted because every feed is on 127.0.0.1.
  concurrency: envNumber('BENCH_CONCURRENCY', 32),
  perHost: envNumber('BENCH_PER_HOST', 64),
  drain: envNumber('BENCH_DRAIN', 5_000),
  factsArticles: envNumber('BENCH_FACTS_ARTICLES', quick ? 100_000 : 1_000_000),
  factsRuns: envNumber('BENCH_FACTS_RUNS', 200),
  matchArticles: envNumber('BENCH_MATCH_ARTICLES', quick ? 3_000 : 10_000),
  only: process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null,
  postgresUrl: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? null,
  cpuProfileDir: process.env.BENCH_CPU_PROF,
};
const want = (part: string) => options.only === null || options.only.has(part);
const TARGET = { cycleSeconds: 60, parseRatio: 0.5, matchPerSec: 5_000, factsP95: 50, rssMb: 512 };
const fullSize = options.feeds >= 10_000;

const cpu = cpus();
console.log(
  `claimwatch bench: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), Node ${process.version}, ${process.platform}; ` +
    `load average at start ${loadavg().map((n) => n.toFixed(1)).join(' ')} (other work on the machine skews every figure)`,
);
console.log(
  `feeds ${fmt(options.feeds)} × items ${options.items}; poll concurrency ${options.concurrency}, per-host ${options.perHost} ` +
    `(all feeds on 127.0.0.1), 2 parse threads; PostgreSQL: ${options.postgresUrl ?? 'not set'}${quick ? '; --quick' : ''}`,
);

const cleanup = new Cleanup();
process.once('SIGINT', () => void cleanup.run().then(() => process.exit(130)));
const workDir = mkdtempSync(join(tmpdir(), 'claimwatch-bench-'));
cleanup.add(() => rmSync(workDir, { recursive: true, force: true }));

const profiles: string[] = [];
try {
  const sections = await main();
  console.log(`\n${renderTable(sections)}`);
  if (profiles.length > 0) console.log(`\nCPU profiles (self time by library/stage):\n${profiles.join('\n')}`);
} finally {
  await cleanup.run();
}

async function main(): Promise<Section[]> {
  const gold = await loadGold();
  const baseTime = Date.now();
  const corpus = { feeds: options.feeds, items: options.items, baseTime, gold };
  const sections: Section[] = [];
  const progress = (line: string) => console.log(`… ${line}`);

  let raw: RawParseResult | null = null;
  if (want('parse')) {
    progress('rss-parser alone over the generated XML');
    raw = await rawParse(corpus, options.feeds);
    sections.push({
      title: `rss-parser alone, main thread, ${fmt(raw.feeds)} feeds (${mb(raw.bytes / 2 ** 20)})`,
      rows: [
        { measure: 'feeds/s', value: fmt(raw.feedsPerSec) },
        { measure: 'MB/s', value: fmt(raw.mbPerSec, 1) },
        { measure: 'items/s', value: fmt(raw.feedsPerSec * options.items) },
      ],
    });
  }
  if (want('match')) {
    progress('matching alone');
    const m = await matchingAlone(corpus, options.matchArticles);
    sections.push({
      title: `matching alone: analyze(), single core, ${fmt(m.articles)} feed articles (${m.onTopic} on-topic) + the 90 eval articles`,
      rows: [
        { measure: 'articles/s (feed mix)', value: fmt(m.perSec), target: `≥ ${fmt(TARGET.matchPerSec)}`, ok: m.perSec >= TARGET.matchPerSec },
        { measure: 'articles/s (filler only)', value: fmt(m.fillerPerSec) },
        { measure: 'articles/s (on-topic rewrites only)', value: fmt(m.onTopicPerSec) },
        { measure: 'articles/s (90 eval articles)', value: fmt(m.evalPerSec) },
        {
          measure: `story grouping (index + assignStory) among ${fmt(m.grouping.recent)} recent stories, per article (matchArticles, not analyze)`,
          value: `${fmt(m.grouping.msPerArticle, 2)} ms`,
        },
      ],
    });
  }

  const scenarios: ScenarioSpec[] = [];
  const job = { concurrency: options.concurrency, perHostConcurrency: options.perHost };
  const single = { ...job, secondCycle: true, drain: options.drain, digest: true };
  if (want('pglite')) scenarios.push({ name: 'PGlite, 1 worker', database: 'pglite', workers: 1, feeds: options.feeds, job: single });
  if (options.postgresUrl) {
    const postgresUrl = options.postgresUrl;
    if (want('postgres')) scenarios.push({ name: 'PostgreSQL, 1 worker', database: 'postgres', workers: 1, postgresUrl, feeds: options.feeds, job: single });
    if (want('postgres2')) {
      const pair = { ...job, secondCycle: false, drain: 0, digest: false };
      scenarios.push({ name: 'PostgreSQL, 2 workers', database: 'postgres', workers: 2, postgresUrl, feeds: options.feeds, job: pair });
    }
  }
  for (const spec of scenarios) spec.cpuProfileDir = options.cpuProfileDir;
  if (scenarios.length > 0) {
    progress('starting the feed server (generating every feed once)');
    const server = await startFeedServer(
      { BENCH_FEEDS: String(options.feeds), BENCH_ITEMS: String(options.items), BENCH_BASE_TIME: String(baseTime) },
      cleanup,
    );
    progress(`feed server on 127.0.0.1:${server.port}: ${mb(server.bytes / 2 ** 20)} generated in ${seconds(server.genMs)}`);
    for (const spec of scenarios) {
      progress(`poll cycle: ${spec.name}`);
      const result = await runScenario(spec, server, workDir);
      sections.push(...describeScenario(result, raw));
      if (options.cpuProfileDir) {
        for (const worker of result.results) {
          const [start, after, end] = worker.cycle.marksUs;
          profiles.push(`${spec.name}, ${worker.workerName} (pid ${worker.pid}):`);
          profiles.push(...summarizeProcess(options.cpuProfileDir, worker.pid, [
            { label: 'poll phase', fromUs: start, toUs: after },
            { label: 'afterCycle (matching)', fromUs: after, toUs: end },
          ]));
        }
      }
    }
  }
  if (!options.postgresUrl) {
    sections.push({ title: 'PostgreSQL', rows: [{ measure: 'skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL', value: '-' }] });
  } else if (want('facts')) {
    progress(`/facts: filling ${fmt(options.factsArticles)} articles with generate_series`);
    const handle = await openFreshPostgres(options.postgresUrl);
    cleanup.add(() => handle.close());
    const f = await benchFacts(handle.db, options.factsArticles, options.factsRuns);
    const atScale = options.factsArticles >= 1_000_000;
    const rows: Row[] = [
      { measure: `fill (SQL, ${fmt(f.articles)} articles, ${fmt(f.evidence)} evidence)`, value: seconds(f.fillMs) },
      { measure: `listClaims p50 / p99 (${f.claims} claims, ${fmt(f.evidenceRows)} evidence rows returned)`, value: `${fmt(f.listClaims.p50, 1)} / ${fmt(f.listClaims.p99, 1)} ms` },
      { measure: 'listClaims p95', value: `${fmt(f.listClaims.p95, 1)} ms`, target: `≤ ${TARGET.factsP95} ms${atScale ? '' : ' (at 1M)'}`, ok: atScale ? f.listClaims.p95 <= TARGET.factsP95 : undefined },
      { measure: 'factsCommand.run p50 / p95 / p99', value: `${fmt(f.command.p50, 1)} / ${fmt(f.command.p95, 1)} / ${fmt(f.command.p99, 1)} ms` },
      {
        measure: `claim board /claims/:slug server time p50 / p95 (${fmt(f.claimPage.bytes / 1024, 0)} KB page)`,
        value: `${fmt(f.claimPage.p50, 1)} / ${fmt(f.claimPage.p95, 1)} ms`,
        target: `≤ 100 ms${atScale ? '' : ' (at 1M)'}`,
        ok: atScale ? f.claimPage.p95 <= 100 : undefined,
      },
      ...f.statements.map((s) => ({ measure: `  stmt ${fmt(s.medianMs, 2)} ms, ${s.rows} rows: ${oneLine(s.sql, 90)}`, value: '' })),
    ];
    sections.push({ title: `/facts bytedance, PostgreSQL, ${f.runs} runs`, rows });
    console.log(`\nEXPLAIN ANALYZE of the slowest listClaims statement:\n${f.plan.map((l) => `  ${l}`).join('\n')}`);
  }
  return sections;
}

/** The rows of one poll-cycle scenario. */
function describeScenario(r: ScenarioResult, raw: RawParseResult | null): Section[] {
  const { spec } = r;
  const first = r.results[0]!;
  const sum = (pick: (x: (typeof r.results)[number]) => number) => r.results.reduce((total, x) => total + pick(x), 0);
  const feeds = sum((x) => x.cycle.feeds);
  const items = sum((x) => x.cycle.items);
  const newArticles = sum((x) => x.cycle.newArticles);
  const pollMs = Math.max(...r.results.map((x) => x.cycle.pollMs));
  const feedsPerSec = (feeds / r.wallMs) * 1000;
  const peak = Math.max(...r.results.map((x) => Math.max(x.peakRssMb, x.maxRssMb)));
  const exactlyOnce = r.server.once === spec.feeds && r.server.many === 0 && r.server.never === 0;
  const statuses = Object.entries(r.results.reduce<Record<string, number>>((acc, x) => {
    for (const [k, v] of Object.entries(x.cycle.byStatus)) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {})).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
  const rows: Row[] = [
    {
      measure: 'cycle wall time (runPollCycle incl. afterCycle matching)',
      value: seconds(r.wallMs),
      target: fullSize && spec.database === 'pglite' ? `≤ ${TARGET.cycleSeconds} s` : undefined,
      ok: fullSize && spec.database === 'pglite' ? r.wallMs / 1000 <= TARGET.cycleSeconds : undefined,
    },
    { measure: '  poll phase (fetch→prepare→write: parse, normalize, screen, store)', value: seconds(pollMs) },
    { measure: '  afterCycle (match ≤ 5,000 unmatched + alerts)', value: r.results.map((x) => seconds(x.cycle.afterCycleMs)).join(' + ') },
    { measure: 'feeds/s (whole cycle) / poll phase only', value: `${fmt(feedsPerSec)} / ${fmt((feeds / pollMs) * 1000)}` },
    { measure: 'items/s / new articles/s (whole cycle)', value: `${fmt((items / r.wallMs) * 1000)} / ${fmt((newArticles / r.wallMs) * 1000)} (${fmt(newArticles)} new)` },
    { measure: 'feed outcomes', value: statuses },
    {
      measure: `server: each feed fetched exactly once (${fmt(r.server.once)} once, ${r.server.many} twice+, ${r.server.never} never)`,
      value: exactlyOnce ? 'yes' : 'NO',
      ok: exactlyOnce,
    },
    {
      measure:
        `peak RSS${r.results.length > 1 ? ' (largest worker)' : ''}, parse threads included (before the cycle ${r.results.map((x) => mb(x.rssBeforeMb)).join(', ')}; ` +
        `at peak: main V8 heap ${r.results.map((x) => mb(x.atPeak.heapTotalMb)).join(', ')}, external/wasm ${r.results.map((x) => mb(x.atPeak.externalMb)).join(', ')})`,
      value: mb(peak),
      target: fullSize ? `≤ ${TARGET.rssMb} MB` : undefined,
      ok: fullSize ? peak <= TARGET.rssMb : undefined,
    },
    { measure: 'CPU: main-thread ELU (poll) / process CPU / server CPU', value: r.results.map((x) => `${fmt(x.cycle.mainElu * 100)}% / ${seconds(x.cycle.cpuMs)}`).join(', ') + ` / ${seconds(r.server.cpuMs)}` },
  ];
  if (raw && spec.workers === 1) {
    const ratio = feedsPerSec / raw.feedsPerSec;
    const pollRatio = (feeds / pollMs) * 1000 / raw.feedsPerSec;
    rows.push({ measure: 'pipeline ÷ rss-parser alone (whole cycle; poll phase)', value: `${fmt(ratio * 100)}%; ${fmt(pollRatio * 100)}%`, target: `≥ ${TARGET.parseRatio * 100}%`, ok: ratio >= TARGET.parseRatio });
  }
  if (first.secondCycle) {
    rows.push({ measure: `second cycle, ETags known (${Object.entries(first.secondCycle.byStatus).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')})`, value: seconds(first.secondCycle.ms) });
  }
  if (first.drain && first.drain.articles > 0) {
    const d = first.drain;
    const firstBatch = d.batches[0]!;
    const lastBatch = d.batches[d.batches.length - 1]!;
    rows.push({
      measure: `matchArticles with the DB, ${fmt(d.articles)} more articles (first / last batch of 5,000: art/s)`,
      value: `${fmt((d.articles / d.ms) * 1000)} art/s (${fmt((firstBatch.articles / firstBatch.ms) * 1000)} / ${fmt((lastBatch.articles / lastBatch.ms) * 1000)})`,
    });
  }
  if (first.digest) {
    const g = first.digest;
    rows.push({ measure: `digest: loadDigestData, ${g.topics} topics, last 24 h (${fmt(g.stories)} stories, ${g.claimChanges} claims) first / median`, value: `${fmt(g.firstMs)} / ${fmt(g.medianMs)} ms` });
    rows.push({ measure: '  renderDigest', value: `${fmt(g.renderMs)} ms` });
  }
  const c = first.counts;
  if (c.articles !== undefined && r.results.length === 1) {
    rows.push({ measure: 'rows: articles / unmatched / stories / evidence / article_topics / deliveries', value: [c.articles, c.unmatched, c.stories, c.evidence, c.articleTopics, c.deliveries].map((n) => fmt(n ?? NaN)).join(' / ') });
  }
  if (r.shared) {
    const s = r.shared;
    rows.push({ measure: 'two workers: articles / matched / stories / stories with no article / feeds fetched / leases left', value: [s.articles, s.matched, s.stories, s.orphanStories, s.feedsFetched, s.leasesLeft].map((n) => fmt(n ?? NaN)).join(' / ') });
    rows.push({ measure: 'per worker: feeds polled', value: r.results.map((x) => `${x.workerName} ${fmt(x.cycle.feeds)}`).join(', ') });
  }
  const errors = r.results.flatMap((x) => [...x.cycle.firstErrors, ...(x.secondCycle?.firstErrors ?? []).map((e) => `second cycle: ${e}`)]);
  if (errors.length > 0) rows.push({ measure: `first errors: ${oneLine(errors.join(' | '), 160)}`, value: '' });

  const stageRows: Row[] = r.results.flatMap((x) =>
    Object.entries(x.cycle.stages).map(([name, s]) => ({
      measure: `${r.results.length > 1 ? `${x.workerName} ` : ''}${name}: ${fmt(s.calls)} calls, mean ${fmt(s.calls ? s.ms / s.calls : 0, 2)} ms, max ${fmt(s.maxMs)} ms`,
      value: `Σ ${seconds(s.ms)}`,
    })),
  );
  return [
    { title: `poll cycle, ${spec.name}, ${fmt(spec.feeds)} feeds × ${first.cycle.items / Math.max(1, first.cycle.feeds) || 0} items`, rows },
    { title: `${spec.name}: stage latencies summed over concurrent calls (Σ can exceed wall time)`, rows: stageRows },
  ];
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
