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
export async function openFreshPostgres(baseUrl: string): Promise<DbHandle & { url: string }> {
  const name = `claimwatch_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const postgresUrl = process.env.TEST_DATABASE_URL;

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const testDbTargets: TestDbTarget[] = postgresUrl
  ? [pgliteTarget, { name: 'postgres', open: () => openFreshPostgres(postgresUrl) }]
  : [pgliteTarget];
