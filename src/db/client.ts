/**
 * Opens the database: PGlite in a data folder by default, a PostgreSQL server when a URL is given.
 * Both are driven through the same drizzle type, so no other module knows which one runs.
 * @module
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';
import { DatabaseUnavailableError } from './errors.js';
import { acquireDataDirLock, type DataDirLock } from './lock.js';

export { DatabaseUnavailableError };

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * For an embedded database in a folder: why the folder can no longer be trusted (deleted, replaced, taken
   * by another process), or null while it can. Always null for PostgreSQL and in-memory PGlite.
   */
  dataDirProblem(): string | null;
}

export type DbTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; poolSize?: number };


const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const migrationsFolder = join(projectRoot, 'migrations');

/** Migration runs are serialized across workers on one server with this advisory lock key. */
const MIGRATION_LOCK_KEY = 7_314_001;

/**
 * Opens and migrates the database. `dataDir: null` gives an in-memory PGlite (tests).
 * @example const { db, close } = await createDb({ kind: 'pglite', dataDir: './data' });
 */
export async function createDb(target: DbTarget): Promise<DbHandle> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target.url, target.poolSize ?? 10);
}

/**
 * PostgreSQL's default 128 MB of shared buffers lives in PGlite's wasm memory, on top of the operating
 * system's page cache that a one-process database shares anyway: 32 MB keeps the bot's resident size down
 * (about 120 MB less) at no measured cost to the poll.
 */
const PGLITE_OPTIONS = { postgresqlconf: ['shared_buffers = 32MB'] };

/**
 * A new folder is initialized by PGlite's initdb module, whose memory (about 500 MB) stays with the
 * instance until it is collected: initializing in a worker thread that then exits returns it at once, so
 * the bot does not carry it.
 */
async function initializePgliteInWorker(path: string): Promise<void> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     import(workerData.module).then(async ({ PGlite }) => {
       const db = new PGlite(workerData.path, workerData.options);
       await db.waitReady;
       await db.close();
     });`,
    { eval: true, workerData: { module: import.meta.resolve('@electric-sql/pglite'), path, options: PGLITE_OPTIONS } },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`PGlite initialization exited with code ${code}`))));
  });
}

async function openPglite(dataDir: string | null): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');

  let lock: DataDirLock | null = null;
  let path: string | undefined;
  if (dataDir !== null) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'it is a file, not a folder' : errorMessage(error);
      throw new DatabaseUnavailableError(`database: cannot use DATA_DIR ${dataDir}: ${why}`);
    }
    // PGlite has no lock of its own: two processes on one folder silently lose writes.
    lock = acquireDataDirLock(dataDir);
    path = join(dataDir, 'pglite');
  }
  let client: InstanceType<typeof PGlite>;
  try {
    if (path !== undefined && !existsSync(join(path, 'PG_VERSION'))) await initializePgliteInWorker(path);
    client = new PGlite(path, PGLITE_OPTIONS);
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw new DatabaseUnavailableError(`database: cannot open PGlite in ${dataDir}: ${errorMessage(error)}`);
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  try {
    await migrate(drizzle({ client, schema }), { migrationsFolder });
  } catch (error) {
    await client.close();
    lock?.release();
    throw new DatabaseUnavailableError(`database: migration failed: ${errorMessage(error)}`);
  }
  return {
    db,
    kind: 'pglite',
    async close() {
      await client.close();
      lock?.release();
    },
    dataDirProblem: () => (path !== undefined && !existsSync(join(path, 'PG_VERSION')) ? `${path} has no database any more: the data folder was deleted or replaced` : (lock?.lost() ?? null)),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DbHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');

  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (restart) emits here; without a listener the process would crash.
  pool.on('error', () => {});
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`database: cannot connect to ${redactUrl(url)}: ${errorMessage(error)}`);
  }
  const db = drizzle({ client: pool, schema });
  try {
    // drizzle's migrator takes no lock; several workers starting at once would race without this.
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`database: migration failed: ${errorMessage(error)}`);
  }
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    async close() {
      await pool.end();
    },
    dataDirProblem: () => null,
  };
}

/** Hides the password of a connection URL for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorMessage(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Runs `task` only if no other worker holds `key` (a PostgreSQL advisory lock held by an open transaction
 * on one pooled connection while the task uses others); skips it otherwise. PGlite has one process: runs it.
 */
export async function exclusiveOnServer(handle: DbHandle, key: number, task: () => Promise<void>): Promise<void> {
  if (handle.kind === 'pglite') return task();
  await handle.db.transaction(async (tx) => {
    const result = await tx.execute(sql`select pg_try_advisory_xact_lock(${key}) as locked`);
    const locked = (result as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked;
    if (locked) await task();
  });
}
