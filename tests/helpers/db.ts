/**
 * The databases a store test runs on: always an in-memory PGlite, and the PostgreSQL server named by
 * TEST_DATABASE_URL when set (CI sets it). Each PostgreSQL test run gets a database of its own.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from '../../src/db/client.js';

export interface TestDbTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<DbHandle & { url?: string }>;
}

const pgliteTarget: TestDbTarget = { name: 'pglite', open: () => createDb({ kind: 'pglite', dataDir: null }) };

/** Creates a fresh database on the server of `TEST_DATABASE_URL` and drops it on close. */
/** A new, empty database on the server of `baseUrl`: its URL, and `drop()` to remove it (forcing connections off). */
export async function createFreshPostgresDatabase(baseUrl: string, prefix = 'claimwatch_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** A migrated handle on a fresh database; closing it drops the database. */
export async function openFreshPostgres(baseUrl: string): Promise<DbHandle & { url: string }> {
  const database = await createFreshPostgresDatabase(baseUrl);
  const handle = await createDb({ kind: 'postgres', url: database.url });
  return {
    ...handle,
    url: database.url,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}

const postgresUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const testDbTargets: TestDbTarget[] = postgresUrl
  ? [pgliteTarget, { name: 'postgres', open: () => openFreshPostgres(postgresUrl) }]
  : [pgliteTarget];
