/**
 * Scale-out on the PostgreSQL server: three `claimwatch worker` processes share one database, a fake feed
 * server and a fake Slack. Every feed is fetched once in its slot, every delivery posted once, and a worker
 * killed mid-cycle loses nothing: its leases expire and the others finish its work.
 * Runs only when TEST_DATABASE_URL is set (CI sets it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { articles, chatChannels, deliveries, feeds } from '../../src/db/schema.js';
import { createOutboxStore } from '../../src/db/outbox-store.js';
import { startTestServer } from '../helpers/http-server.js';
import { createFreshPostgresDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const baseUrl = process.env.TEST_DATABASE_URL;
const FEEDS = 60;
const CHANNELS = 6;
const PER_CHANNEL = 3;
const bin = join(import.meta.dirname, '../../bin/claimwatch.js');

function feedXml(i: number): string {
  const items = [0, 1]
    .map((j) => `<item><title>Feed ${i} item ${j}</title><link>https://news.example/${i}/${j}</link><description>Text ${i}-${j}.</description><pubDate>${new Date().toUTCString()}</pubDate></item>`)
    .join('');
  // One story every feed carries: stored once, whichever worker sees it first.
  const shared = '<item><title>Shared wire story</title><link>https://wire.example/shared</link><description>Carried by every feed.</description></item>';
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${i}</title>${items}${shared}</channel></rss>`;
}

describe.skipIf(!baseUrl)('three workers on one PostgreSQL database', () => {
  let dir: string;
  let database: Awaited<ReturnType<typeof createFreshPostgresDatabase>> | undefined;
  let url: string;
  let handle: DbHandle;
  let fake: FakeSlack;
  let feedServer: Awaited<ReturnType<typeof startTestServer>>;
  const hits = new Map<string, number>();
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    feedServer = await startTestServer((req, res) => {
      const path = req.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const i = Number(/\/feed\/(\d+)\.xml/.exec(path)?.[1] ?? -1);
      // Slow enough that a cycle is still running when one worker is killed.
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(feedXml(i));
      }, 400);
    });
    fake = await startFakeSlack();
    database = await createFreshPostgresDatabase(baseUrl!, 'claimwatch_workers');
    url = database.url;
    handle = await createDb({ kind: 'postgres', url });
    const channels = await handle.db
      .insert(chatChannels)
      .values(Array.from({ length: CHANNELS }, (_, i) => ({ platform: 'slack' as const, externalId: `CW${i}` })))
      .returning({ id: chatChannels.id });
    await createOutboxStore(handle.db).enqueue(channels.flatMap((channel, c) =>
        Array.from({ length: PER_CHANNEL }, (_, d) => ({
          channelId: channel.id,
          kind: 'alert' as const,
          key: `alert:CW${c}:${d}`,
          reply: { title: `Alert ${c}-${d}`, sections: [{ lines: ['ByteDance claim corroborated'] }], ephemeral: false },
        })),
      ),
      new Date(),
    );
    dir = await mkdtemp(join(tmpdir(), 'claimwatch-workers-'));
    const feedsFile = join(dir, 'feeds.yaml');
    await writeFile(
      feedsFile,
      `feeds:\n${Array.from({ length: FEEDS }, (_, i) => `  - { url: "${feedServer.url}/feed/${i}.xml", title: Feed ${i}, outlet: Outlet ${i}, language: en }`).join('\n')}\n`,
    );
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: url,
      CLAIMWATCH_FEEDS: feedsFile,
      CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES: 'true',
      CLAIMWATCH_PER_HOST_CONCURRENCY: '4',
      CLAIMWATCH_FETCH_CONCURRENCY: '4',
      CLAIMWATCH_LEASE_SECONDS: '4',
      CLAIMWATCH_POLL_TICK: '*/2 * * * * *',
      CLAIMWATCH_DELIVERY_TICK: '*/2 * * * * *',
      SLACK_BOT_TOKEN: 'xoxb-workers',
      SLACK_SIGNING_SECRET: 'workers-secret',
      SLACK_API_URL: fake.apiUrl,
      SLACK_PORT: '0',
      // Three workers on one machine: each its own health port.
      CLAIMWATCH_HTTP_PORT: '0',
      // Parse threads start slowly when the whole suite (a browser included) shares two cores; a parse deadline
      // missed then is an error outcome the feed retries much later, which this test is not about.
      CLAIMWATCH_PARSE_TIMEOUT_MS: '30000',
      LOG_LEVEL: 'warn',
    };
    for (let w = 0; w < 3; w++) {
      workers.push(spawn(process.execPath, [bin, 'worker', ...(w === 0 ? ['--chat'] : [])], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await handle?.close();
    await database?.drop();
    await feedServer?.close();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('splits the work, survives a killed worker, and does everything exactly once', async () => {
    // Wait until at least two workers hold feeds at once (the work is split), then kill one that does.
    let victim: ChildProcess | undefined;
    let leasedByVictim = 0;
    await until(
      async () => {
        const rows = ((await handle.db.execute(sql`select ${feeds.leaseOwner} as owner, count(*)::int as n from ${feeds} where ${feeds.leaseOwner} is not null group by 1`)) as unknown as { rows: unknown[] }).rows as { owner: string; n: number }[];
        const holders = workers.filter((w) => rows.some((r) => r.owner.includes(`:${w.pid}:`)));
        if (holders.length < 2) return false;
        victim = holders.find((w) => w !== workers[0]) ?? holders[0]!;
        leasedByVictim = rows.find((r) => r.owner.includes(`:${victim!.pid}:`))?.n ?? 0;
        return true;
      },
      60_000,
      'two workers to hold feeds at once',
    );
    victim!.kill('SIGKILL');

    await until(
      async () => {
        const [row] = ((await handle.db.execute(sql`select count(*)::int as n from ${feeds} where ${feeds.lastFetchedAt} is null`)) as unknown as { rows: unknown[] }).rows as { n: number }[];
        return row?.n === 0;
      },
      60_000,
      'every feed to be fetched',
    );
    await until(
      async () => {
        const [row] = ((await handle.db.execute(sql`select count(*)::int as n from ${deliveries} where ${deliveries.status} <> 'sent'`)) as unknown as { rows: unknown[] }).rows as { n: number }[];
        return row?.n === 0;
      },
      60_000,
      'every delivery to be sent',
    );

    const feedHits = [...hits].filter(([path]) => path.startsWith('/feed/'));
    expect(feedHits).toHaveLength(FEEDS);
    // A feed is fetched twice only if the killed worker had it in flight; never more.
    const twice = feedHits.filter(([, n]) => n > 1);
    expect(twice.every(([, n]) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(leasedByVictim);

    const posted = [...fake.messages.values()].flat().filter((m) => m.metadata?.event_type === 'claimwatch_delivery');
    const keys = posted.map((m) => String(m.metadata!.event_payload.key));
    expect(keys.length).toBe(CHANNELS * PER_CHANNEL);
    expect(new Set(keys).size).toBe(CHANNELS * PER_CHANNEL);

    const [shared] = ((await handle.db.execute(sql`select count(*)::int as n from ${articles} where ${articles.url} = 'https://wire.example/shared'`)) as unknown as { rows: unknown[] }).rows as { n: number }[];
    expect(shared?.n).toBe(1);
    const [all] = ((await handle.db.execute(sql`select count(*)::int as n from ${articles}`)) as unknown as { rows: unknown[] }).rows as { n: number }[];
    expect(all?.n).toBe(FEEDS * 2 + 1);
  }, 150_000);
});
