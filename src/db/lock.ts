/**
 * A lock file that keeps a second process off a PGlite data folder.
 * @module
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseUnavailableError } from './errors.js';

export interface DataDirLock {
  release(): void;
}

/**
 * Takes `<dataDir>/claimwatch.lock` with O_EXCL. A lock left by a dead process (kill -9) is taken over;
 * one held by a live process refuses the start with a clear message.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'claimwatch.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseUnavailableError(
          `database: ${dataDir} is in use by process ${holder}; PGlite allows one process per data folder (set DATABASE_URL to share a PostgreSQL server between workers)`,
        );
      }
      unlinkSync(path);
    }
  }
  throw new DatabaseUnavailableError(`database: cannot take the lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
