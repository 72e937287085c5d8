/**
 * `/facts bytedance` at scale: a fresh PostgreSQL database filled IN BULK with SQL (stories, articles,
 * 0.3% of them evidence for the claims, a few drifts), then listClaims and the whole command timed, each
 * of listClaims' statements timed on its own, and the slowest one EXPLAIN ANALYZEd.
 * @module
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../src/db/client.js';
import { listClaims } from '../src/db/claim-queries.js';
import { factsCommand } from '../commands/facts.js';
import type { CommandContext } from '../commands/types.js';
import { percentile } from './instrument.js';
import { prepareDatabase } from './prepare-db.js';
import { commandServices } from '../src/db/command-store.js';
import { createBoardApp } from '../src/board/app.js';
import { createBoardStore } from '../src/db/board-store.js';

export interface FactsResult {
  articles: number;
  evidence: number;
  fillMs: number;
  runs: number;
  listClaims: { p50: number; p95: number; p99: number };
  command: { p50: number; p95: number; p99: number };
  /** The claim board's /claims/:slug page, rendered in process (server time, no network). */
  claimPage: { p50: number; p95: number; p99: number; bytes: number };
  claims: number;
  evidenceRows: number;
  /** Each statement listClaims sends, slowest first: median ms and rows. */
  statements: { sql: string; medianMs: number; rows: number }[];
  plan: string[];
}

/** Fills `db` with `count` articles and friends using generate_series (no fetcher, no matcher). */
async function fill(db: Db, count: number): Promise<void> {
  const storyCount = Math.max(1, Math.floor(count / 4));
  await db.execute(sql.raw(`
    insert into stories (title, first_seen_at, last_seen_at, entities, figure_keys, origin)
    select 'Story ' || g, now() - (g % 8760) * interval '1 hour', now() - (g % 8760) * interval '1 hour',
           '[]'::jsonb, '[]'::jsonb, 'Outlet ' || (g % 2000)
    from generate_series(1, ${storyCount}) g`));
  await db.execute(sql.raw(`
    insert into articles (url, guid, content_hash, title, summary, content, language, outlet, published_at,
                          first_seen_at, backlog, story_id, origin, matched_at)
    select 'https://outlet' || (g % 2000) || '.example.com/news/' || g, 'item-' || g, md5(g::text),
           'Headline ' || g || ': ' || md5((g * 31)::text),
           left(repeat(md5((g * 7)::text) || ' ', 10), 300),
           repeat(md5((g * 7)::text) || ' ' || md5((g * 11)::text) || ' ', 16),
           case when g % 4 = 3 then 'zh' else 'en' end, 'Outlet ' || (g % 2000),
           now() - ((g * 37) % 525600) * interval '1 minute', now() - ((g * 37) % 525600) * interval '1 minute' + interval '5 minutes',
           g % 10 = 0, s.first + (g % ${storyCount}), 'Outlet ' || (g % 2000), now()
    from generate_series(1, ${count}) g, (select min(id) as first from stories) s`));
  // 0.3% of articles are evidence, spread over every active claim; a third are suggestions.
  await db.execute(sql.raw(`
    insert into evidence (claim_id, article_id, stance, tier, quote, score, phrasings, origin, created_at, updated_at)
    select c.ids[1 + (a.id / 333) % array_length(c.ids, 1)], a.id,
           (array['supports','supports','supports','contradicts','mentions','updates'])[1 + a.id % 6],
           case when a.id % 3 = 0 then 'suggestion' else 'auto' end,
           'According to people familiar with the matter, ' || a.title || ', paying more than US$1 billion a year.',
           0.42 + (a.id % 58) / 100.0, '[]'::jsonb, a.origin, a.first_seen_at, a.first_seen_at
    from articles a, (select array_agg(id order by id) as ids from claims where active) c
    where a.id % 333 = 0`));
  await db.execute(sql.raw(`
    insert into drifts (claim_id, kind, key, phrasings, created_at)
    select c.id, 'figure', 'bench:' || c.id || ':' || k,
           '[{"text":"more than $1 billion","articleUrl":null,"origin":"Bloomberg"},{"text":"nearly $1 billion","articleUrl":"https://x.example.com/a","origin":"Reuters"}]'::jsonb,
           now()
    from claims c, generate_series(1, 3) k`));
  await db.execute(sql`analyze`);
}

/** Times every statement that goes through the pool, keyed by its text (the parallel ones overlap). */
function recordStatements(pool: pg.Pool) {
  const seen = new Map<string, { times: number[]; rows: number; params: unknown[] }>();
  const original = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: (...args: unknown[]) => Promise<pg.QueryResult> }).query = async (config: unknown, values?: unknown) => {
    const text = typeof config === 'string' ? config : (config as { text: string }).text;
    const started = performance.now();
    const result = await original(config, values);
    const entry = seen.get(text) ?? { times: [], rows: 0, params: (values as unknown[]) ?? [] };
    entry.times.push(performance.now() - started);
    entry.rows = result.rowCount ?? result.rows.length;
    seen.set(text, entry);
    return result;
  };
  return {
    stop() {
      (pool as unknown as { query: unknown }).query = original;
      return seen;
    },
  };
}

const stats = (times: number[]) => ({ p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) });

/** Prepares the catalog, fills `count` articles, and times `/facts bytedance` `runs` times. */
export async function benchFacts(db: Db, count: number, runs: number): Promise<FactsResult> {
  await prepareDatabase(db, { feeds: 0, port: 0 });
  const fillStart = performance.now();
  await fill(db, count);
  const fillMs = performance.now() - fillStart;

  const listTimes: number[] = [];
  for (let i = 0; i < 5; i++) await listClaims(db, { entitySlug: 'bytedance' });
  let listing = await listClaims(db, { entitySlug: 'bytedance' });
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    listing = await listClaims(db, { entitySlug: 'bytedance' });
    listTimes.push(performance.now() - t);
  }
  const ctx: CommandContext = {
    platform: 'console',
    channel: { externalId: 'bench' },
    user: { id: 'bench' },
    canManage: false,
    services: commandServices(db, 'UTC'),
    now: new Date(),
  };
  const commandTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await factsCommand.run(ctx, { entity: 'bytedance' });
    commandTimes.push(performance.now() - t);
  }

  const board = createBoardApp({ store: createBoardStore(db) });
  const pageTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < Math.min(runs, 100); i++) {
    const t = performance.now();
    const res = await board.request('/claims/bytedance-azure-spend-1b');
    bytes = (await res.text()).length;
    pageTimes.push(performance.now() - t);
  }

  const pool = (db as unknown as { $client: pg.Pool }).$client;
  const recorder = recordStatements(pool);
  for (let i = 0; i < 20; i++) await listClaims(db, { entitySlug: 'bytedance' });
  const statements = [...recorder.stop()]
    .map(([text, entry]) => ({ sql: text, medianMs: percentile(entry.times, 50), rows: entry.rows, params: entry.params }))
    .sort((a, b) => b.medianMs - a.medianMs);
  const slowest = statements[0];
  const plan = slowest
    ? (await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${slowest.sql}`, slowest.params)).rows.map((row) => row['QUERY PLAN'])
    : [];
  const [evidenceCount] = await db.execute(sql`select count(*)::int as n from evidence`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
  return {
    articles: count,
    evidence: evidenceCount?.n ?? 0,
    fillMs,
    runs,
    listClaims: stats(listTimes),
    command: stats(commandTimes),
    claimPage: { ...stats(pageTimes), bytes },
    claims: listing.length,
    evidenceRows: listing.reduce((sum, claim) => sum + claim.evidence.length, 0),
    statements: statements.map(({ params: _p, ...rest }) => rest),
    plan,
  };
}
