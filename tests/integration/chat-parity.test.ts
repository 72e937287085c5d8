/**
 * Slack and Discord give the same observable behaviour for the same command: one table of commands, run through
 * the real Bolt app and the real discord.js client against their fakes on 127.0.0.1, over one database. Each
 * row says what the person who ran it sees (in the channel or only to them, and the words that matter) and what
 * changes in the database; both platforms must meet it, the paused channel included.
 */
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/chat/discord/index.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/chat/slack/index.js';
import type { DbHandle } from '../../src/db/client.js';
import { ensureChannel } from '../../src/db/command-store.js';
import { chatChannels, subscriptions } from '../../src/db/schema.js';
import type { Platform } from '../../src/model/index.js';
import { chatDeps } from '../../src/runtime.js';
import { testDbTargets } from '../helpers/db.js';
import { syncRealCatalog } from '../helpers/eval-db.js';
import { FAKE_APP_ID, FAKE_GUILD_ID, interactionPayload, startFakeDiscord, type FakeDiscord, type InteractionOption } from '../helpers/fake-discord.js';
import { sendSlashCommand, slashCommandFields, startFakeSlack, waitFor, type FakeSlack } from '../helpers/fake-slack.js';

const log = pino({ level: 'silent' });
const SECRET = 'parity-signing-secret';

/** What the person who ran a command saw: every message of the answer as text, and whether only they saw it. */
interface Seen {
  ephemeral: boolean;
  text: string;
}

/** One platform, driven the way its users drive it. */
interface ChatDriver {
  name: Exclude<Platform, 'console'>;
  /** Runs `/<command>` in `channel` with options given by name (Slack gets them as `name:value` text). */
  run(command: string, options: Record<string, string>, channel: string): Promise<Seen>;
  /** Makes the platform answer "this channel is gone" to posts in `channel`. */
  forget(channel: string): void;
  post: SlackAdapter['post'] | DiscordAdapter['post'];
}

interface Case {
  name: string;
  command: string;
  options: Record<string, string>;
  ephemeral: boolean;
  shows: string[];
}

/** The table: each row holds on both platforms. */
const CASES: Case[] = [
  { name: 'help', command: 'claimwatch-help', options: {}, ephemeral: true, shows: ['/facts', '/subscribe', '/unsubscribe', '/topics'] },
  { name: 'facts for a tracked entity', command: 'facts', options: { entity: 'bytedance' }, ephemeral: false, shows: ['ByteDance', 'bytedance-azure-spend-1b'] },
  { name: 'facts for an unknown entity', command: 'facts', options: { entity: 'no-such-company-xyz' }, ephemeral: true, shows: ['No tracked entity matches'] },
  { name: 'subscribe with a time and zone', command: 'subscribe', options: { topic: 'azure-china', digest: '08:30', timezone: 'Asia/Shanghai' }, ephemeral: false, shows: ['Subscribed to azure-china', '08:30 Asia/Shanghai'] },
  { name: 'subscribe to an unknown topic', command: 'subscribe', options: { topic: 'no-such-topic' }, ephemeral: true, shows: ['Unknown topic'] },
  { name: 'topics after subscribing', command: 'topics', options: {}, ephemeral: false, shows: ['azure-china', 'Followed: digest daily at 08:30 Asia/Shanghai'] },
  { name: 'unsubscribe', command: 'unsubscribe', options: { topic: 'azure-china' }, ephemeral: false, shows: ['azure-china'] },
];

describe.each(testDbTargets.slice(0, 1))('Slack and Discord, one table of commands ($name)', (target) => {
  let handle: DbHandle;
  let fakeSlack: FakeSlack;
  let fakeDiscord: FakeDiscord;
  let slack: SlackAdapter;
  let discord: DiscordAdapter;
  const drivers: ChatDriver[] = [];
  let responses = 0;

  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
    fakeSlack = await startFakeSlack();
    slack = createSlackAdapter({ botToken: 'xoxb-test', signingSecret: SECRET, port: 0, apiUrl: fakeSlack.apiUrl }, chatDeps(handle.db, 'UTC', log));
    await slack.start();
    fakeDiscord = await startFakeDiscord();
    discord = createDiscordAdapter({ token: 'fake-token', guildId: FAKE_GUILD_ID, apiUrl: fakeDiscord.apiUrl }, chatDeps(handle.db, 'UTC', log));
    await discord.start();

    drivers.push(
      {
        name: 'slack',
        async run(command, options, channel) {
          const id = `r${++responses}`;
          const text = Object.entries(options).map(([key, value], i) => (i === 0 ? value : `${key}:${value}`)).join(' ');
          await sendSlashCommand(`http://127.0.0.1:${slack.port}`, SECRET, slashCommandFields(`/${command}`, text, { response_url: fakeSlack.responseUrl(id), channel_id: channel }));
          const bodies = await waitFor(() => fakeSlack.responds.get(id), 10_000, `respond ${id}`);
          await settle(() => fakeSlack.responds.get(id)!.length);
          return {
            ephemeral: bodies.every((body) => body.response_type === 'ephemeral'),
            text: JSON.stringify(bodies),
          };
        },
        forget: (channel) => fakeSlack.channelErrors.set(channel, 'channel_not_found'),
        post: (channel, reply, opts) => slack.post(channel, reply, opts),
      },
      {
        name: 'discord',
        async run(command, options, channel) {
          const interactionOptions: InteractionOption[] = Object.entries(options).map(([name, value]) => ({ name, type: 3, value }));
          const payload = interactionPayload(2, command, interactionOptions, { canManage: true, channelId: channel });
          const webhook = `/webhooks/${FAKE_APP_ID}/${payload.token}`;
          fakeDiscord.dispatch('INTERACTION_CREATE', payload);
          const callback = await fakeDiscord.waitForRequest((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
          await fakeDiscord.waitForRequest((r) => (r.method === 'PATCH' || r.method === 'POST') && r.path.startsWith(webhook));
          const answers = () => fakeDiscord.requests.filter((r) => r.path.startsWith(webhook) && r.method !== 'DELETE');
          await settle(() => answers().length);
          // What stays on screen: a reply deferred in public and then deleted was replaced by a private follow-up.
          const deletedPublic = fakeDiscord.requests.some((r) => r.path === `${webhook}/messages/@original` && r.method === 'DELETE');
          const deferredPrivately = ((callback.body as { data?: { flags?: number } }).data?.flags ?? 0) === 64;
          const shown = answers().filter((r) => !(deletedPublic && r.path.endsWith('/messages/@original')));
          return {
            ephemeral: deferredPrivately || shown.every((r) => ((r.body as { flags?: number }).flags ?? 0) === 64),
            text: JSON.stringify(shown.map((r) => r.body)),
          };
        },
        forget: (channel) => fakeDiscord.unknownChannels.add(channel),
        post: (channel, reply, opts) => discord.post(channel, reply, opts),
      },
    );
  });
  afterAll(async () => {
    await slack?.stop();
    await discord?.stop();
    await fakeSlack?.close();
    await fakeDiscord?.close();
    await handle?.close();
  });

  /** Waits until `count` has not grown for a moment: an answer may run to several messages. */
  async function settle(count: () => number): Promise<void> {
    let last = -1;
    while (count() !== last) {
      last = count();
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  /** A channel of each platform, in its id format. */
  const CHANNELS = { slack: { parity: 'C_PARITY', gone: 'C_GONE' }, discord: { parity: '800000000000000041', gone: '800000000000000042' } };

  describe.each(['slack', 'discord'] as const)('%s', (platformName) => {
    const channel = CHANNELS[platformName].parity;
    it.each(CASES)('$name', async ({ command, options, ephemeral, shows }) => {
      const platform = drivers.find((driver) => driver.name === platformName)!;
      const seen = await platform.run(command, options, channel);
      expect(seen.ephemeral).toBe(ephemeral);
      for (const words of shows) expect(seen.text).toContain(words);
    });

    it('keeps the subscription the table made and removed in the database the same way', async () => {
      const rows = await handle.db
        .select()
        .from(subscriptions)
        .innerJoin(chatChannels, eq(chatChannels.id, subscriptions.channelId))
        .where(and(eq(chatChannels.platform, platformName), eq(chatChannels.externalId, channel)));
      expect(rows).toEqual([]);
    });

    it('pauses a channel the platform says is gone, and a command from it says so, resumes it and shows why it stopped', async () => {
      const platform = drivers.find((driver) => driver.name === platformName)!;
      const gone = CHANNELS[platformName].gone;
      await ensureChannel(handle.db, platformName, { externalId: gone, workspaceId: platformName === 'discord' ? FAKE_GUILD_ID : 'T1' });
      platform.forget(gone);
      const result = await platform.post(gone, { title: 'Digest', sections: [], ephemeral: false }, { key: `digest:${platformName}:gone` });
      expect(result.status).toBe('gone');
      const pausedReason = async () =>
        (await handle.db.select().from(chatChannels).where(and(eq(chatChannels.platform, platformName), eq(chatChannels.externalId, gone))))[0]!.pausedReason;
      expect(await pausedReason()).not.toBeNull();

      const seen = await platform.run('topics', {}, gone);
      expect(seen.ephemeral).toBe(false);
      expect(seen.text).toContain('paused');
      expect(seen.text).toContain('this command resumed it');
      expect(await pausedReason()).toBeNull();
    });
  });
});
