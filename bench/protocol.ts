/**
 * How the bench's processes talk: forking a child (it inherits tsx through execArgv) and waiting for one
 * message of a given type, failing if the child dies first.
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The V8 heap flags `npm start` runs the bot with (package.json): the poll workers run with them too, so
 * the benchmark's resident size is the bot's. Without a cap V8 lets garbage grow to ~500 MB of heap.
 */
const PRODUCTION_HEAP_FLAGS: string[] =
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start.match(
    /--max-[\w-]+=\d+/g,
  ) ?? [];

/** Forks `bench/<file>` with extra environment variables (and node flags, e.g. `--cpu-prof`). */
export function forkBench(file: string, env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  return fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, ...PRODUCTION_HEAP_FLAGS, ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Resolves with the child's next message of `type`; rejects if it exits before sending one. */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== type) return;
      cleanup();
      resolve(message as T);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`bench: child ${child.pid} exited (${signal ?? code}) before sending '${type}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Ends a child we started: gives it `graceMs` to exit by itself (writing its CPU profile), then SIGTERM. */
export async function stopChild(child: ChildProcess, graceMs = 0): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGTERM'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Where a poll worker finds its database. */
export type BenchDbTarget = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

/** What the parent asks one poll worker to do. */
export interface PollJob {
  db: BenchDbTarget;
  workerName: string;
  concurrency: number;
  perHostConcurrency: number;
  /** Wait for a `go` message after warming up, so two workers start together. */
  waitForGo: boolean;
  /** Run a second cycle (ETags known, so 304s) and time it. */
  secondCycle: boolean;
  /** Match up to this many more unmatched articles after the cycles (runtime matches 5,000 per cycle). */
  drain: number;
  digest: boolean;
  logFile: string;
}

/** Sum of per-call latencies of one stage (calls overlap, so `ms` can exceed the wall time). */
export interface StageTiming {
  calls: number;
  ms: number;
  maxMs: number;
}

/** What a poll worker reports back. */
export interface PollResult {
  type: 'result';
  workerName: string;
  pid: number;
  cycle: {
    wallMs: number;
    pollMs: number;
    afterCycleMs: number;
    feeds: number;
    byStatus: Record<string, number>;
    items: number;
    newArticles: number;
    duplicates: number;
    errors: number;
    firstErrors: string[];
    stages: Record<string, StageTiming>;
    fetchedBytes: number;
    /** Main thread's event-loop utilization over the poll phase (0–1). */
    mainElu: number;
    /** Process CPU (all threads) over the cycle, ms. */
    cpuMs: number;
    /** CLOCK_MONOTONIC µs (the clock of V8 CPU profiles) at cycle start, afterCycle start, cycle end. */
    marksUs: [number, number, number];
    /** Wall-clock ms (comparable across processes) at cycle start and end. */
    startEpochMs: number;
    endEpochMs: number;
  };
  secondCycle: { ms: number; byStatus: Record<string, number>; firstErrors: string[] } | null;
  drain: { articles: number; ms: number; batches: { articles: number; ms: number }[] } | null;
  digest: { firstMs: number; medianMs: number; renderMs: number; stories: number; claimChanges: number; topics: number } | null;
  counts: Record<string, number>;
  /** RSS once the runtime is open and warm, before the cycle. */
  rssBeforeMb: number;
  peakRssMb: number;
  maxRssMb: number;
  /** At the sampled peak: main-thread V8 heap and external memory (wasm, buffers); the rest is other threads and native. */
  atPeak: { heapTotalMb: number; externalMb: number };
}
