/**
 * Exactly-once delivery under crashes: the real `claimwatch deliver` process posts a queue of multi-part
 * deliveries to a fake Slack and is killed with SIGKILL at random points while it posts, then restarted,
 * over and over. At the end every part of every delivery must be in its channel exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { chatChannels } from '../../src/db/schema.js';
import { enqueueDeliveries } from '../../src/deliver/outbox.js';
import type { Reply } from '../../src/chat/types.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const KILL_RUNS = 20;
const CHANNELS = 12;
const DELIVERIES_PER_CHANNEL = 4;
const bin = join(import.meta.dirname, '../../bin/claimwatch.js');

/** A reply long enough to need two Slack messages (Slack refuses around 13k characters). */
function bigReply(key: string): Reply {
  return {
    title: `Digest ${key}`,
    sections: Array.from({ length: 30 }, (_, i) => ({ heading: `Story ${i} of ${key}`, lines: ['x'.repeat(450)] })),
    ephemeral: false,
  };
}

describe('exactly-once delivery across SIGKILL', () => {
  let dir: string;
  let fake: FakeSlack;
  let env: NodeJS.ProcessEnv;
  const keys: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    dir = await mkdtemp(join(tmpdir(), 'claimwatch-crash-'));
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: join(dir, 'data'),
      SLACK_BOT_TOKEN: 'xoxb-crash-test',
      SLACK_SIGNING_SECRET: 'crash-test-secret',
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'warn',
    };
    const handle = await createDb({ kind: 'pglite', dataDir: join(dir, 'data') });
    const channels = await handle.db
      .insert(chatChannels)
      .values(Array.from({ length: CHANNELS }, (_, i) => ({ platform: 'slack' as const, externalId: `C${String(i).padStart(3, '0')}` })))
      .returning({ id: chatChannels.id });
    const items = channels.flatMap((channel, c) =>
      Array.from({ length: DELIVERIES_PER_CHANNEL }, (_, d) => {
        const key = `digest:C${c}:${d}`;
        keys.push(key);
        return { channelId: channel.id, kind: 'digest' as const, key, reply: bigReply(key) };
      }),
    );
    await enqueueDeliveries(handle.db, items, new Date());
    await handle.close();
  });

  afterAll(async () => {
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const posts = () => [...fake.messages.values()].flat().filter((m) => m.metadata?.event_type === 'claimwatch_delivery');

  function startDeliver(): ChildProcess {
    return spawn(process.execPath, [bin, 'deliver', '--once'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  }

  async function waitForPostsBeyond(count: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (posts().length > count) return true;
      if (child.exitCode !== null) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }

  it(`posts every part exactly once after ${KILL_RUNS} random kills`, async () => {
    let kills = 0;
    let finishedEarly = 0;
    for (let run = 0; run < KILL_RUNS; run++) {
      const child = startDeliver();
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Kill while posting: after the next post lands, at a random moment up to 0.7 s later.
      const posting = await waitForPostsBeyond(posts().length, child, 20_000);
      if (posting) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 700));
        child.kill('SIGKILL');
        kills++;
      } else {
        finishedEarly++;
      }
      await exited;
    }
    // A final run with no kill finishes what is left.
    const last = startDeliver();
    let stderr = '';
    last.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => last.on('exit', resolve));
    expect(code, stderr).toBe(0);

    const seen = new Map<string, number>();
    for (const message of posts()) {
      const id = `${String(message.metadata!.event_payload.key)}#${String(message.metadata!.event_payload.part)}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    const duplicates = [...seen].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    for (const key of keys) {
      expect(seen.get(`${key}#0`), key).toBe(1);
      expect(seen.get(`${key}#1`), key).toBe(1);
    }
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILL_RUNS, 15));
    console.info(`crash test: ${kills} SIGKILLs mid-delivery, ${finishedEarly} runs finished before a kill, ${posts().length} posts, ${seen.size} distinct parts, 0 duplicates`);
  }, 240_000);
});
