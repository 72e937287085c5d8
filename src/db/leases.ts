/**
 * Taking, renewing and releasing named leases (see `leases` in the schema).
 * @module
 */
import { and, eq, sql } from 'drizzle-orm';
import type { ChatLease } from '../chat/types.js';
import type { Db } from './client.js';
import { leases } from './schema.js';

/**
 * Takes or renews `name` for `owner` until `now + ttlMs`. Succeeds when the lease is free, expired, or
 * already ours; one atomic upsert, so two workers racing for it cannot both win.
 */
export async function acquireLease(db: Db, name: string, owner: string, now: Date, ttlMs: number): Promise<boolean> {
  const until = new Date(now.getTime() + ttlMs);
  const rows = await db
    .insert(leases)
    .values({ name, owner, until })
    .onConflictDoUpdate({
      target: leases.name,
      set: { owner, until },
      setWhere: sql`${leases.owner} = ${owner} or ${leases.until} < ${now.toISOString()}::timestamptz`,
    })
    .returning({ owner: leases.owner });
  return rows.length > 0 && rows[0]!.owner === owner;
}

/** Gives a lease up so another worker can take it at once. */
export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.delete(leases).where(and(eq(leases.name, name), eq(leases.owner, owner)));
}

/** One named lease as the chat side takes it (src/chat/types.ts ChatLease). */
export function createLease(db: Db, name: string): ChatLease {
  return {
    acquire: (owner, now, ttlMs) => acquireLease(db, name, owner, now, ttlMs),
    release: (owner) => releaseLease(db, name, owner),
  };
}
