/**
 * Puts a fresh database in the state the bench starts from: the catalog of `feeds/` (entities, topics,
 * claims, no real feeds) and N feed rows pointing at the fake server.
 * @module
 */
import { join } from 'node:path';
import type { Db } from '../src/db/client.js';
import { feeds } from '../src/db/schema.js';
import { loadCatalog } from '../src/catalog/index.js';
import { syncCatalog } from '../src/db/catalog-sync.js';
import { feedLanguage, outletOf } from './text-gen.js';

const root = join(import.meta.dirname, '..');

/** Loads the catalog (without feeds.yaml's real feeds) and inserts `count` bench feeds. */
export async function prepareDatabase(db: Db, opts: { feeds: number; port: number }): Promise<void> {
  const catalog = await loadCatalog({ dataDir: join(root, 'feeds') });
  await syncCatalog(db, { ...catalog, feeds: [] }, new Date());
  // Known feeds (polled before): their new items are fresh, so matching, alerts and digests see them.
  // A first-ever poll would store everything as backlog, which never reaches a digest.
  const firstPolledAt = new Date(Date.now() - 86_400_000);
  for (let start = 0; start < opts.feeds; start += 1_000) {
    const rows = [];
    for (let i = start; i < Math.min(opts.feeds, start + 1_000); i++) {
      rows.push({
        url: `http://127.0.0.1:${opts.port}/feed/${i}.xml`,
        outlet: outletOf(i),
        language: feedLanguage(i),
        source: 'bench',
        intervalSeconds: 600,
        firstPolledAt,
      });
    }
    await db.insert(feeds).values(rows);
  }
  // No ANALYZE here: statistics of still-empty tables would stay frozen on PGlite (no autovacuum there) and
  // made the poll twice as slow; a real database starts un-analyzed too.
}
