/**
 * One poll-cycle scenario: a fresh database prepared here, then 1 or 2 poll-worker children started
 * together against it, and the fake server's request counts checked afterwards.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/db/client.js';
import { openFreshPostgres } from '../tests/helpers/db.js';
import { prepareDatabase } from './prepare-db.js';
import { forkBench, nextMessage, stopChild, type BenchDbTarget, type PollJob, type PollResult } from './protocol.js';
import type { ServerStats } from './feed-server.js';

/** Things to undo at the end, even after a failure or Ctrl-C: children, databases, temp dirs. */
export class Cleanup {
  private readonly steps: (() => Promise<void> | void)[] = [];
  add(step: () => Promise<void> | void): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await Promise.resolve(step()).catch((error: unknown) => console.error('cleanup:', error));
  }
}

/** The fake server child, started once for the whole run. */
export interface FeedServer {
  child: ChildProcess;
  port: number;
  genMs: number;
  bytes: number;
  reset(): Promise<void>;
  stats(): Promise<ServerStats>;
}

export async function startFeedServer(env: Record<string, string>, cleanup: Cleanup): Promise<FeedServer> {
  const child = forkBench('./feed-server.ts', env);
  cleanup.add(() => stopChild(child));
  const ready = await nextMessage<{ type: 'ready'; port: number; genMs: number; bytes: number }>(child, 'ready');
  return {
    child,
    port: ready.port,
    genMs: ready.genMs,
    bytes: ready.bytes,
    async reset() {
      const done = nextMessage(child, 'reset');
      child.send({ type: 'reset' });
      await done;
    },
    async stats() {
      const reply = nextMessage<ServerStats>(child, 'stats');
      child.send({ type: 'stats' });
      return reply;
    },
  };
}

export interface ScenarioSpec {
  name: string;
  database: 'pglite' | 'postgres';
  workers: 1 | 2;
  /** Base URL of the server holding the throwaway databases (postgres only). */
  postgresUrl?: string;
  feeds: number;
  job: Omit<PollJob, 'db' | 'workerName' | 'waitForGo' | 'logFile'>;
  /** Write a V8 CPU profile of each worker (every thread) into this folder. */
  cpuProfileDir?: string;
}

export interface ScenarioResult {
  spec: ScenarioSpec;
  /** First cycle: from the first worker's start to the last worker's end. */
  wallMs: number;
  results: PollResult[];
  server: ServerStats;
  /** Only with two workers: checks on what they wrote together. */
  shared: Record<string, number> | null;
}

/** Prepares a fresh database, runs the workers, checks the server's counts, drops the database. */
export async function runScenario(spec: ScenarioSpec, server: FeedServer, workDir: string): Promise<ScenarioResult> {
  const local = new Cleanup();
  try {
    const { target, db, handOver } = await openTarget(spec, local);
    await prepareDatabase(db, { feeds: spec.feeds, port: server.port });
    await handOver();
    await server.reset();

    const children = Array.from({ length: spec.workers }, (_, i) => {
      const job: PollJob = {
        ...spec.job,
        db: target,
        workerName: `w${i + 1}`,
        waitForGo: true,
        logFile: join(workDir, `${spec.name.replace(/\W+/g, '-')}-w${i + 1}.log`),
      };
      const flags = spec.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${spec.cpuProfileDir}`] : [];
      const child = forkBench('./poll-worker.ts', { BENCH_JOB: JSON.stringify(job) }, flags);
      local.add(() => stopChild(child, 30_000));
      return child;
    });
    await Promise.all(children.map((child) => nextMessage(child, 'ready')));
    const results = children.map((child) => nextMessage<PollResult>(child, 'result'));
    for (const child of children) child.send({ type: 'go' });
    const done = await Promise.all(results);
    const wallMs = Math.max(...done.map((r) => r.cycle.endEpochMs)) - Math.min(...done.map((r) => r.cycle.startEpochMs));
    const stats = await server.stats();
    const shared = spec.workers > 1 ? await sharedChecks(db) : null;
    return { spec, wallMs, results: done, server: stats, shared };
  } finally {
    await local.run();
  }
}

interface OpenedTarget {
  target: BenchDbTarget;
  db: Db;
  /** Called once the database is prepared, before the workers open it. */
  handOver(): Promise<void>;
}

/** A fresh database for the scenario, registered for cleanup. */
async function openTarget(spec: ScenarioSpec, local: Cleanup): Promise<OpenedTarget> {
  if (spec.database === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'claimwatch-bench-pglite-'));
    local.add(() => rmSync(dataDir, { recursive: true, force: true }));
    const handle = await createDb({ kind: 'pglite', dataDir });
    // PGlite is one process per folder (its lock file says so): let go before the worker opens it.
    return { target: { kind: 'pglite', dataDir }, db: handle.db, handOver: () => handle.close() };
  }
  if (!spec.postgresUrl) throw new Error('bench: postgres scenario without a URL');
  const handle = await openFreshPostgres(spec.postgresUrl);
  local.add(() => handle.close());
  return { target: { kind: 'postgres', url: handle.url }, db: handle.db, handOver: async () => {} };
}

/** What two workers wrote together: matched articles, stories nobody points at. */
async function sharedChecks(db: Db): Promise<Record<string, number>> {
  const one = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
  return {
    articles: await one(sql`select count(*)::int as n from articles`),
    matched: await one(sql`select count(*)::int as n from articles where matched_at is not null`),
    stories: await one(sql`select count(*)::int as n from stories`),
    orphanStories: await one(sql`select count(*)::int as n from stories s where not exists (select 1 from articles a where a.story_id = s.id)`),
    feedsFetched: await one(sql`select count(*)::int as n from feeds where last_fetched_at is not null`),
    leasesLeft: await one(sql`select count(*)::int as n from feeds where lease_owner is not null`),
  };
}
