/**
 * Exactly-once delivery under crashes: the real `claimwatch deliver` process posts a queue of multi-part
 * deliveries to a fake Slack and is killed with SIGKILL at random points while it posts, then restarted,
 * over and over. At the end every part of every delivery must be in its channel exactly once.
 * Twenty kills in all: on the embedded database (orphaned sends released at start) and, when
 * TEST_DATABASE_URL is set, half of them on PostgreSQL (orphaned sends taken over when their lease expires).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { chatChannels } from '../../src/db/schema.js';
import { createOutboxStore } from '../../src/db/outbox-store.js';
import type { Reply } from '../../src/model/index.js';
import { createFreshPostgresDatabase } from '../helpers/db.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const postgresUrl = process.env.TEST_DATABASE_URL;
const TOTAL_KILLS = 20;
const CHANNELS = 8;
const DELIVERIES_PER_CHANNEL = 4;
const bin = join(import.meta.dirname, '../../bin/claimwatch.js');
const cleanups: (() => Promise<void>)[] = [];

/** A reply long enough to need two Slack messages (Slack refuses around 13k characters). */
function bigReply(key: string): Reply {
  return {
    title: `Digest ${key}`,
    sections: Array.from({ length: 30 }, (_, i) => ({ heading: `Story ${i} of ${key}`, lines: ['x'.repeat(450)] })),
    ephemeral: false,
  };
}

interface Scenario {
  env: NodeJS.ProcessEnv;
  keys: string[];
  fake: FakeSlack;
}

async function prepare(kind: 'pglite' | 'postgres'): Promise<Scenario> {
  const fake = await startFakeSlack();
  const dir = await mkdtemp(join(tmpdir(), 'claimwatch-crash-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: join(dir, 'data'),
    SLACK_BOT_TOKEN: 'xoxb-crash-test',
    SLACK_SIGNING_SECRET: 'crash-test-secret',
    SLACK_API_URL: fake.apiUrl,
    // On PostgreSQL a killed sender's rows are taken over when the lease expires.
    CLAIMWATCH_LEASE_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
  let handle: DbHandle;
  if (kind === 'postgres') {
    const database = await createFreshPostgresDatabase(postgresUrl!, 'claimwatch_crash');
    env.DATABASE_URL = database.url;
    handle = await createDb({ kind: 'postgres', url: database.url });
    cleanups.push(() => database.drop());
  } else {
    handle = await createDb({ kind: 'pglite', dataDir: join(dir, 'data') });
  }
  cleanups.push(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });
  const channels = await handle.db
    .insert(chatChannels)
    .values(Array.from({ length: CHANNELS }, (_, i) => ({ platform: 'slack' as const, externalId: `C${String(i).padStart(3, '0')}` })))
    .returning({ id: chatChannels.id });
  const keys: string[] = [];
  const items = channels.flatMap((channel, c) =>
    Array.from({ length: DELIVERIES_PER_CHANNEL }, (_, d) => {
      const key = `digest:C${c}:${d}`;
      keys.push(key);
      return { channelId: channel.id, kind: 'digest' as const, key, reply: bigReply(key) };
    }),
  );
  await createOutboxStore(handle.db).enqueue(items, new Date());
  await handle.close();
  return { env, keys, fake };
}

/** Kills the sender `kills` times while it posts, then lets a last run finish; returns what the fake saw. */
async function crashLoop(scenario: Scenario, kills: number) {
  const posts = () => [...scenario.fake.messages.values()].flat().filter((m) => m.metadata?.event_type === 'claimwatch_delivery');
  const start = (): ChildProcess => spawn(process.execPath, [bin, 'deliver', '--once'], { env: scenario.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let killed = 0;
  for (let run = 0; run < kills; run++) {
    const child = start();
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const before = posts().length;
    const deadline = Date.now() + 30_000;
    // Kill while posting: after the next post lands, at a random moment up to 0.7 s later.
    while (posts().length === before && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 700));
      child.kill('SIGKILL');
      killed++;
    }
    await exited;
    // PostgreSQL: let the killed sender's lease run out, as it would for a worker that died.
    if (scenario.env.DATABASE_URL) await new Promise((resolve) => setTimeout(resolve, 1_100));
  }
  const last = start();
  let stderr = '';
  last.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => last.on('exit', resolve));
  const seen = new Map<string, number>();
  for (const message of posts()) {
    const id = `${String(message.metadata!.event_payload.key)}#${String(message.metadata!.event_payload.part)}`;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return { killed, code, stderr, seen, posts: posts().length };
}

describe('exactly-once delivery across SIGKILL', () => {
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  const kinds: ('pglite' | 'postgres')[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
  it.concurrent.each(kinds)(
    'posts every part exactly once while the sender is killed at random (%s)',
    async (kind) => {
      const kills = TOTAL_KILLS / kinds.length;
      const scenario = await prepare(kind);
      const result = await crashLoop(scenario, kills);
      expect(result.code, result.stderr).toBe(0);
      expect([...result.seen].filter(([, n]) => n > 1)).toEqual([]);
      for (const key of scenario.keys) {
        expect(result.seen.get(`${key}#0`), key).toBe(1);
        expect(result.seen.get(`${key}#1`), key).toBe(1);
      }
      expect(result.killed).toBeGreaterThanOrEqual(kills - 2);
      console.info(`crash test (${kind}): ${result.killed} SIGKILLs mid-delivery, ${result.posts} posts, ${result.seen.size} distinct parts, 0 duplicates`);
    },
    240_000,
  );
});
