/**
 * The claim board's store (src/board/store.ts) over the same read models as the CLI's `--json` outputs.
 * @module
 */
import { asc, eq } from 'drizzle-orm';
import type { BoardStore } from '../board/store.js';
import { findStory, listClaims } from './claim-queries.js';
import type { Db } from './client.js';
import { createCommandStore } from './command-store.js';
import { listFeeds } from './feed-store.js';
import { claimStatusHistory, claims } from './schema.js';

export function createBoardStore(db: Db): BoardStore {
  return {
    claims: (filter) => listClaims(db, filter),
    async claimParts() {
      const rows = await db.select({ slug: claims.slug, parts: claims.parts }).from(claims);
      return new Map(rows.map((row) => [row.slug, row.parts ?? null]));
    },
    async claimDetail(slug) {
      const [claim] = await db.select({ id: claims.id, parts: claims.parts }).from(claims).where(eq(claims.slug, slug)).limit(1);
      if (!claim) return null;
      const history = await db
        .select({ from: claimStatusHistory.fromStatus, to: claimStatusHistory.toStatus, cause: claimStatusHistory.cause, actor: claimStatusHistory.actor, at: claimStatusHistory.at })
        .from(claimStatusHistory)
        .where(eq(claimStatusHistory.claimId, claim.id))
        .orderBy(asc(claimStatusHistory.at), asc(claimStatusHistory.id));
      return { parts: claim.parts ?? null, history };
    },
    story: (id) => findStory(db, id),
    entities: () => createCommandStore(db).entities(),
    feeds: () => listFeeds(db),
  };
}
