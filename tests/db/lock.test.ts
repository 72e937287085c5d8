/**
 * The data-folder lock across real processes: of many started at the same moment over a stale lock, exactly
 * one takes it and every other is told, in one line, which process holds the folder.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A process that takes the lock, holds it for a moment, and prints what happened. */
function contender(dir: string, startAt: number): Promise<string> {
  const script = `
    import { acquireDataDirLock } from ${JSON.stringify(join(root, 'src/db/lock.ts'))};
    // Every contender reaches for the lock in the same millisecond, whatever its start-up took.
    while (Date.now() < ${startAt}) {}
    try {
      const lock = acquireDataDirLock(${JSON.stringify(dir)});
      console.log('took it');
      setTimeout(() => lock.release(), 1500);
    } catch (error) {
      console.log(error instanceof Error ? error.message : String(error));
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out.trim()));
  });
}

describe('the data-folder lock', () => {
  it('goes to exactly one of several processes started at once over a stale lock; the others get a clear line', async () => {
    for (let round = 0; round < 6; round++) {
      const dir = await mkdtemp(join(tmpdir(), 'claimwatch-lock-'));
      dirs.push(dir);
      // A lock left by a process that no longer exists.
      await writeFile(join(dir, 'claimwatch.lock'), '999999');
      const startAt = Date.now() + 2_500;
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => contender(dir, startAt)));
      expect(outcomes.filter((line) => line === 'took it'), outcomes.join('\n')).toHaveLength(1);
      for (const line of outcomes.filter((l) => l !== 'took it')) expect(line).toMatch(/^database: .* is in use by process \d+; PGlite allows one process per data folder/);
    }
  }, 120_000);
});
