/**
 * Feeds part of the catalog sync: upsert the feeds file by URL without touching fetch state.
 * @module
 */
import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from './client.js';
import { feeds } from './schema.js';
import type { FeedDef } from '../catalog/schemas.js';

/** The transaction handle drizzle passes to `db.transaction` (the sync of feeds runs inside the catalog's). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Feeds the sync added, changed, and disabled because they left the file. */
export interface FeedSyncCounts {
  added: number;
  updated: number;
  removed: number;
}

/** `disabledReason` of a yaml feed dropped from the file; only this reason is undone when it comes back. */
export const REMOVED_FROM_FEEDS_FILE = 'removed from feeds file';

/** Polling is never more often than every 2 minutes, whatever the file says. */
export function intervalSecondsOf(def: FeedDef): number {
  return Math.round(Math.max(2, def.intervalMinutes) * 60);
}

/**
 * Upserts the file's feeds as source `yaml` and disables yaml feeds no longer listed. ETag, Last-Modified,
 * failures and the next fetch time are left alone, so a resync neither refetches everything nor forgives a
 * failing feed its backoff. A feed the fetcher disabled for another reason (gone, blocked) stays disabled.
 */
export async function syncFeeds(tx: Tx, defs: FeedDef[]): Promise<FeedSyncCounts> {
  const existing = new Map((await tx.select().from(feeds)).map((f) => [f.url, f]));
  let added = 0;
  let updated = 0;
  for (const def of defs) {
    const fields = {
      title: def.title,
      outlet: def.outlet,
      language: def.language,
      intervalSeconds: intervalSecondsOf(def),
      source: 'yaml',
    };
    const row = existing.get(def.url);
    if (!row) {
      await tx.insert(feeds).values({ url: def.url, ...fields });
      added++;
      continue;
    }
    const reenable = !row.enabled && row.disabledReason === REMOVED_FROM_FEEDS_FILE;
    const changed =
      row.title !== fields.title ||
      row.outlet !== fields.outlet ||
      row.language !== fields.language ||
      row.intervalSeconds !== fields.intervalSeconds ||
      row.source !== fields.source;
    if (!changed && !reenable) continue;
    const revived = reenable
      ? { enabled: true, disabledReason: null, status: row.consecutiveFailures > 0 ? ('error' as const) : ('ok' as const) }
      : {};
    await tx.update(feeds).set({ ...fields, ...revived }).where(eq(feeds.id, row.id));
    updated++;
  }

  const removed = await tx
    .update(feeds)
    .set({ enabled: false, disabledReason: REMOVED_FROM_FEEDS_FILE, status: 'disabled' })
    .where(
      and(
        eq(feeds.source, 'yaml'),
        eq(feeds.enabled, true),
        notInArray(
          feeds.url,
          defs.map((d) => d.url),
        ),
      ),
    )
    .returning({ id: feeds.id });
  return { added, updated, removed: removed.length };
}

/** Adds feeds with source `opml`; a URL already present is left as it is. Returns the URLs added. */
export async function addOpmlFeeds(db: Db, list: readonly { url: string; title: string | null }[]): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = await db
    .insert(feeds)
    .values(list.map((f) => ({ url: f.url, title: f.title, source: 'opml' })))
    .onConflictDoNothing({ target: feeds.url })
    .returning({ url: feeds.url });
  return rows.map((row) => row.url);
}
