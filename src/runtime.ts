/**
 * Wires configuration to the real edges (database, HTTP fetcher, parser pool, clock) for the CLI and the bot.
 * @module
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createDb, exclusiveOnServer, type Db, type DbHandle } from './db/client.js';
import { createFeedFetcher } from './ingest/fetch/index.js';
import { createFeedParser } from './ingest/parse/index.js';
import type { PollCycleDeps } from './ingest/poll-cycle.js';
import { loadCatalog } from './catalog/index.js';
import { syncCatalog } from './db/catalog-sync.js';
import { matchArticles } from './match/run-matching.js';
import { createMatcher, type Matcher } from './match/matcher.js';
import type { ScreeningCatalog } from './ingest/prepare.js';
import { loadMatcherCatalog, unmatchedArticleIds } from './db/match-store.js';
import { queueAlerts } from './deliver/alerts.js';
import { createDeliveryStore } from './db/delivery-store.js';
import { createIngestStore } from './db/ingest-store.js';
import { commandRegistry } from '../commands/index.js';
import type { ChatDeps } from './chat/types.js';
import { createChannelStore } from './db/channel-store.js';
import { commandServices } from './db/command-store.js';
import { createMatchingStore } from './db/matching-store.js';

/** Articles matched per chunk, and how long one cycle keeps matching a backlog. */
const MATCHING_CHUNK = 5_000;
const MATCHING_BUDGET_MS = 120_000;

/** Only one worker matches at a time on a shared server, so two never start the same story twice. */
const MATCHING_LOCK_KEY = 7_314_002;


export interface Runtime {
  config: Config;
  log: Logger;
  db: Db;
  dbKind: DbHandle['kind'];
  pollDeps: PollCycleDeps;
  /** The matcher for the current catalog, built once and rebuilt after a sync. */
  getMatcher(): Promise<Matcher>;
  /** Forgets the built matcher (the catalog changed). */
  invalidateMatcher(): void;
  /** Registers what runs after a cycle queued alerts (the delivery scheduler's kick). */
  onAlertsQueued(listener: () => Promise<void>): void;
  /** Why the embedded database's folder can no longer be trusted, or null (see `DbHandle.dataDirProblem`). */
  dataDirProblem(): string | null;
  close(): Promise<void>;
}

/** Opens the database (migrating it) and builds the poll dependencies. */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const handle = await createDb(
    config.database.kind === 'pglite' ? { kind: 'pglite', dataDir: config.database.dataDir } : config.database,
  );
  log.info({ database: handle.kind }, `database: ${handle.kind} ready, migrations applied`);
  const fetcher = createFeedFetcher(config.fetch);
  const parser = createFeedParser({ deadlineMs: config.poll.parseTimeoutMs });
  // The catalog, versioned so parse workers rebuild their screening matcher when a sync changes it.
  let catalog: Promise<ScreeningCatalog> | null = null;
  let matcher: Promise<Matcher> | null = null;
  let alertListener: (() => Promise<void>) | null = null;
  // A failed load is not kept: the next call tries again.
  const forgetOnFailure = <T>(promise: Promise<T>, forget: () => void): Promise<T> =>
    promise.catch((error: unknown) => {
      forget();
      throw error;
    });
  const getCatalog = () =>
    (catalog ??= forgetOnFailure(
      loadMatcherCatalog(handle.db).then((loaded) => ({ version: randomUUID(), catalog: loaded })),
      () => (catalog = null),
    ));
  const getMatcher = () =>
    (matcher ??= forgetOnFailure(
      getCatalog().then((loaded) => createMatcher(loaded.catalog)),
      () => (matcher = null),
    ));
  const matchLog = log.child({ stage: 'match' });
  const pollDeps: PollCycleDeps = {
    store: createIngestStore(handle.db),
    fetchFeed: (request) => fetcher.fetchFeed(request),
    async prepareFeed(body, contentType, ctx) {
      // A catalog that cannot be read must not stop articles being stored: they all wait for matching,
      // which reports the same error.
      const screening = await getCatalog().catch((error: unknown) => {
        matchLog.error({ err: error }, 'match: cannot read the catalog; new articles wait for matching');
        return null;
      });
      return parser.prepareFeed(body, contentType, { ...ctx, screening, maxItems: config.poll.maxItemsPerFeed });
    },
    now: () => new Date(),
    maxAgeMs: config.poll.maxAgeMs,
    log: log.child({ stage: 'poll' }),
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    concurrency: config.poll.concurrency,
    // A lease must outlive the slowest poll (20 s fetch + 5 s parse + store); the default 5 min does so many times over.
    leaseMs: config.poll.leaseMs,
    async afterCycle() {
      await exclusiveOnServer(handle, MATCHING_LOCK_KEY, () => matchAndAlert());
    },
  };
  // Matching takes every unmatched article, not just this cycle's: an article stored by a poll that crashed
  // before matching is picked up by the next cycle instead of being lost.
  // A backlog (first start, a long outage) is matched in chunks, each alerting as it lands, until it is
  // gone or the cycle has matched for MATCHING_BUDGET_MS; what is left waits for the next cycle.
  async function matchAndAlert(): Promise<void> {
    const started = Date.now();
    do {
      const ids = await unmatchedArticleIds(handle.db, MATCHING_CHUNK);
      if (ids.length === 0) return;
      const matched = await matchArticles(ids, { store: createMatchingStore(handle.db), now: () => new Date(), log: matchLog }, await getMatcher());
      const queued = await queueAlerts(createDeliveryStore(handle.db), matched.alerts, new Date(), config.board.publicUrl);
      if (queued > 0) {
        matchLog.info({ alerts: matched.alerts.length, messages: queued }, `alerts: ${queued} messages queued`);
        await alertListener?.();
      }
      if (ids.length < MATCHING_CHUNK) return;
    } while (Date.now() - started < MATCHING_BUDGET_MS);
  }
  return {
    config,
    log,
    db: handle.db,
    dbKind: handle.kind,
    dataDirProblem: () => handle.dataDirProblem(),
    pollDeps,
    getMatcher,
    invalidateMatcher() {
      catalog = null;
      matcher = null;
    },
    onAlertsQueued(listener) {
      alertListener = listener;
    },
    async close() {
      await Promise.allSettled([fetcher.close(), parser.close()]);
      await handle.close();
    },
  };
}

/** Loads `feeds/` (entities, topics, claims, feeds) and writes it into the database. */
export async function syncData(runtime: Runtime, feedsFile = runtime.config.feedsFile) {
  const catalog = await loadCatalog({ dataDir: runtime.config.dataFilesDir, feedsFile });
  const summary = await syncCatalog(runtime.db, catalog, new Date()).catch(async (error: unknown) => {
    if (runtime.dbKind === 'pglite') throw error;
    // Workers starting together race to insert the same rows; the loser retries and finds them in place.
    runtime.log.warn({ err: error }, 'sync: concurrent sync by another worker; retrying once');
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
    return syncCatalog(runtime.db, catalog, new Date());
  });
  runtime.invalidateMatcher();
  runtime.log.info({ sync: summary }, `sync: loaded ${runtime.config.dataFilesDir} and ${feedsFile}`);
  return summary;
}

/** What the chat side is given over a database: the command registry, the commands' store, the channel store. */
export function chatDeps(db: Db, timeZone: string, log: Logger, boardUrl: string | null = null): ChatDeps {
  return { services: commandServices(db, timeZone, boardUrl), registry: commandRegistry, channels: createChannelStore(db), log };
}
