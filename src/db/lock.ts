/**
 * A lock file that keeps a second process off a PGlite data folder.
 *
 * The lock is made by hard-linking a file that already holds our pid to `claimwatch.lock`: the link either
 * appears whole or fails with EEXIST, so no process ever reads a lock without its pid. A lock left by a dead
 * process (kill -9) is taken over under a second, short-lived guard link, so two processes starting at the same
 * moment over a stale lock cannot both remove it and both win.
 * @module
 */
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseUnavailableError } from './errors.js';

export interface DataDirLock {
  release(): void;
  /** Why the lock is no longer ours (the folder deleted or replaced under us), or null while it is. */
  lost(): string | null;
}

/** Rounds of trying before giving up: each loses only to another process's take-over in progress. */
const ATTEMPTS = 50;
/** A take-over guard older than this was left by a process that died mid-take-over. */
const GUARD_STALE_MS = 10_000;

/**
 * Takes `<dataDir>/claimwatch.lock`. A lock held by a live process refuses the start with a clear message;
 * one left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'claimwatch.lock');
  const mine = `${path}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        linkSync(mine, path);
        return held(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder === null) continue; // released or taken over between our two steps: try again
      if (holder !== process.pid && isAlive(holder)) {
        throw new DatabaseUnavailableError(
          `database: ${dataDir} is in use by process ${holder}; PGlite allows one process per data folder (set DATABASE_URL to share a PostgreSQL server between workers)`,
        );
      }
      takeOver(path, mine, holder);
    }
  } finally {
    unlinkQuietly(mine);
  }
  throw new DatabaseUnavailableError(`database: cannot take the lock ${path}: other processes kept taking it over`);
}

function held(path: string): DataDirLock {
  let released = false;
  return {
    lost() {
      if (released) return null;
      const holder = readHolder(path);
      if (holder === null) return `the lock file ${path} is gone: the data folder was deleted or replaced`;
      return holder === process.pid ? null : `the lock file ${path} now names process ${holder}`;
    },
    release() {
      if (released) return;
      released = true;
      unlinkQuietly(path);
    },
  };
}

/** Removes a dead holder's lock, if it is still that holder's, while holding the take-over guard. */
function takeOver(path: string, mine: string, deadHolder: number): void {
  const guard = `${path}.takeover`;
  try {
    linkSync(mine, guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ageMs(guard) > GUARD_STALE_MS) unlinkQuietly(guard);
    pause(5 + Math.random() * 20);
    return;
  }
  try {
    if (readHolder(path) === deadHolder) unlinkQuietly(path);
  } finally {
    unlinkQuietly(guard);
  }
}

/** The pid in the lock file, or null when there is no lock file. */
function readHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : -1;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** A short synchronous wait: the lock is taken before anything else runs. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
