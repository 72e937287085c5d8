/**
 * Ingest's store (src/ingest/store.ts) on PGlite and PostgreSQL: feed leases, and each poll's articles and
 * outcome written in group commits.
 * @module
 */
import type { IngestStore } from '../ingest/store.js';
import type { Db } from './client.js';
import { databaseErrorMessage } from './errors.js';
import { claimDueFeeds } from './feed-store.js';
import { createPollWriter } from './poll-writer.js';

export function createIngestStore(db: Db): IngestStore {
  return {
    claimDueFeeds: (opts) => claimDueFeeds(db, opts),
    pollWriter: (log, inFlight) => createPollWriter(db, log, inFlight),
    describeError: databaseErrorMessage,
  };
}
