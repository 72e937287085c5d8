/**
 * The Discord adapter with the real discord.js client against a fake Discord (REST + gateway) on
 * 127.0.0.1, over a real database holding the catalog and the matched evaluation articles.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Reply } from '../../src/model/index.js';
import {
  buildCommandPayloads,
  classifyDiscordError,
  createDiscordAdapter,
  DISCORD_LIMITS,
  messageNonce,
  renderDiscordMessages,
  timeZones,
  type DiscordAdapter,
  type DiscordEmbed,
} from '../../src/chat/discord/index.js';
import type { Db, DbHandle } from '../../src/db/client.js';
import { chatChannels } from '../../src/db/schema.js';
import { testDbTargets } from '../helpers/db.js';
import { createEvalFeed, storeAndMatchEval, syncRealCatalog } from '../helpers/eval-db.js';
import { FAKE_APP_ID, FAKE_GUILD_ID as GUILD_ID, interactionPayload, startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../helpers/fake-discord.js';
import { ensureChannel } from '../../src/db/command-store.js';
import { chatDeps } from '../../src/runtime.js';

const log = pino({ level: 'silent' });
const NOW = new Date('2026-11-23T12:00:00Z');
const FIXTURE = join(import.meta.dirname, '../fixtures/chat/discord-facts-bytedance.json');

describe.each(testDbTargets)('discord adapter on $name', (target) => {
  let handle: DbHandle;
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;

  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
    await storeAndMatchEval(handle.db, await createEvalFeed(handle.db), { now: NOW });

    fake = await startFakeDiscord();
    adapter = createDiscordAdapter(
      { token: 'fake-token', guildId: GUILD_ID, apiUrl: fake.apiUrl },
      { ...chatDeps(handle.db, 'Europe/London', log), now: () => NOW },
    );
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await handle?.close();
  });

  /** Dispatches an interaction and waits for its final webhook request (edit or follow-up). */
  async function runInteraction(payload: ReturnType<typeof interactionPayload>, last: 'PATCH' | 'POST' = 'PATCH') {
    const webhook = `/webhooks/${FAKE_APP_ID}/${payload.token}`;
    fake.dispatch('INTERACTION_CREATE', payload);
    const callback = await fake.waitForRequest((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
    const final = await fake.waitForRequest((r) => r.method === last && r.path.startsWith(webhook));
    const all = fake.requests.filter((r) => r.path.startsWith(webhook) || r.path.includes(payload.token));
    return { callback, final, all };
  }

  const embedsOf = (request: RecordedRequest) => (request.body as { embeds: DiscordEmbed[] }).embeds;
  const textOf = (embeds: DiscordEmbed[]) => JSON.stringify(embeds);

  it('registers the commands on the guild route at start', async () => {
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${FAKE_APP_ID}/guilds/${GUILD_ID}/commands`);
    const sent = put.body as { name: string; default_member_permissions?: string; dm_permission?: boolean; options: { name: string; type: number; autocomplete?: boolean; choices?: unknown[] }[] }[];
    expect(sent.map((c) => c.name)).toEqual(['facts', 'subscribe', 'unsubscribe', 'topics', 'claimwatch-help']);
    const subscribe = sent.find((c) => c.name === 'subscribe')!;
    expect(subscribe.default_member_permissions).toBe('16');
    expect(subscribe.dm_permission).toBe(false);
    expect(subscribe.options.find((o) => o.name === 'alerts')!.choices).toEqual([{ name: 'on', value: 'on' }, { name: 'off', value: 'off' }]);
    expect(sent.find((c) => c.name === 'facts')!.options).toEqual([expect.objectContaining({ name: 'entity', type: 3, autocomplete: true, required: false })]);
    expect(sent.find((c) => c.name === 'facts')!.default_member_permissions).toBeUndefined();
    expect(await adapter.registerCommands()).toBe(commands.length);
  });

  it('answers /facts 字节跳动 with a deferred reply edited into embeds of the ByteDance claims and their sources', async () => {
    const { callback, final } = await runInteraction(interactionPayload(2, 'facts', [{ name: 'entity', type: 3, value: '字节跳动' }]));
    expect(callback.query.get('with_response')).toBe('false');
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(final.path).toBe(`/webhooks/${FAKE_APP_ID}/${callback.path.split('/')[3]}/messages/@original`);
    const embeds = embedsOf(final);
    expect(embeds[0]!.title).toBe('Facts: ByteDance');
    // Each claim under its headline, its slug kept beside it as the stable id.
    expect(embeds.map((e) => e.title)).toContain("ByteDance's Microsoft AI bill tops $1 billion a year");
    expect(textOf(embeds)).toContain('bytedance-azure-spend-1b');
    expect(textOf(embeds)).toMatch(/\]\(https?:\/\//);
    expect((final.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('writes the rendered /facts bytedance embeds as a fixture', async () => {
    const { final } = await runInteraction(interactionPayload(2, 'facts', [{ name: 'entity', type: 3, value: 'bytedance' }]));
    const embeds = embedsOf(final);
    expect(embeds.length).toBeGreaterThan(1);
    await mkdir(join(FIXTURE, '..'), { recursive: true });
    await writeFile(FIXTURE, `${JSON.stringify({ embeds }, null, 2)}\n`);
  });

  it('turns a user error after a public defer into an ephemeral follow-up and deletes the public placeholder', async () => {
    const payload = interactionPayload(2, 'facts', [{ name: 'entity', type: 3, value: 'no-such-company-xyz' }]);
    const { callback, final, all } = await runInteraction(payload, 'POST');
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(all.some((r) => r.method === 'DELETE' && r.path.endsWith('/messages/@original'))).toBe(true);
    expect((final.body as { flags: number }).flags).toBe(64);
    expect(embedsOf(final)[0]!.title).toContain('No tracked entity matches');
  });

  it('subscribes with Manage Channels, shows it in /topics, and refuses a member without the permission privately', async () => {
    const subscribe = await runInteraction(
      interactionPayload(
        2,
        'subscribe',
        [
          { name: 'topic', type: 3, value: 'azure-china' },
          { name: 'digest', type: 3, value: '08:30' },
          { name: 'timezone', type: 3, value: 'Asia/Shanghai' },
        ],
        { canManage: true },
      ),
    );
    expect(embedsOf(subscribe.final)[0]!.title).toBe('Subscribed to azure-china');
    expect(textOf(embedsOf(subscribe.final))).toContain('08:30 Asia/Shanghai');

    const topics = await runInteraction(interactionPayload(2, 'topics', []));
    const azure = embedsOf(topics.final).find((e) => e.title?.startsWith('azure-china'));
    expect(azure?.description).toMatch(/Followed: digest daily at 08:30 Asia\/Shanghai/);

    const refused = await runInteraction(interactionPayload(2, 'subscribe', [{ name: 'topic', type: 3, value: 'distillation' }], { canManage: false }));
    expect(refused.callback.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(embedsOf(refused.final)[0]!.title).toBe('/subscribe needs the Manage Channels permission in this channel.');
  });

  it('autocompletes entities and topics', async () => {
    const entity = interactionPayload(4, 'facts', [{ name: 'entity', type: 3, value: 'byte', focused: true }]);
    fake.dispatch('INTERACTION_CREATE', entity);
    const entityAnswer = await fake.waitForRequest((r) => r.path === `/interactions/${entity.id}/${entity.token}/callback`);
    const entityChoices = (entityAnswer.body as { type: number; data: { choices: { name: string; value: string }[] } }).data.choices;
    expect((entityAnswer.body as { type: number }).type).toBe(8);
    expect(entityChoices.map((c) => c.value)).toContain('bytedance');
    expect(entityChoices.length).toBeLessThanOrEqual(25);

    const topic = interactionPayload(4, 'subscribe', [{ name: 'topic', type: 3, value: 'dist', focused: true }], { canManage: true });
    fake.dispatch('INTERACTION_CREATE', topic);
    const topicAnswer = await fake.waitForRequest((r) => r.path === `/interactions/${topic.id}/${topic.token}/callback`);
    expect((topicAnswer.body as { data: { choices: { value: string }[] } }).data.choices.map((c) => c.value)).toContain('distillation');
  });

  it('waits out a 429 and stores the post once; a retried post with the same key is not duplicated; mentions are inert', async () => {
    const channelId = '800000000000000020';
    fake.script({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 429,
      headers: { 'retry-after': '1', 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: 1, global: false },
    });
    const reply: Reply = {
      title: 'Alert: @everyone look',
      summary: 'Reported by <@123> to @here',
      sections: [{ heading: '<@&456> story', lines: ['<@!123> said @everyone should read it'], fields: [{ name: 'By', value: '<@123>' }], links: [{ label: 'Source](https://evil.example) [x', url: 'https://example.com/a_(b)' }] }],
      context: '@everyone',
      ephemeral: false,
    };
    const result = await adapter.post(channelId, reply, { key: 'alert:test:1' });
    expect(result.status).toBe('sent');
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(fake.messages.get(channelId)).toHaveLength(1);

    const body = fake.messages.get(channelId)![0]!.body as { nonce: string; enforce_nonce: boolean; allowed_mentions: unknown; embeds: DiscordEmbed[] };
    expect(body.nonce).toBe(messageNonce('alert:test:1', 0));
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const text = textOf(body.embeds);
    expect(text).not.toMatch(/@(everyone|here)|<@[!&]?\d/);
    expect(text).toContain('@\u200beveryone');
    // The disguised address is dropped for the real host; brackets cannot end the link text early.
    expect(text).toContain('[Source\\\\]() \\\\[x (example.com)](https://example.com/a_%28b%29)');
    expect(text).not.toContain('evil.example');

    const again = await adapter.post(channelId, reply, { key: 'alert:test:1' });
    expect(again).toEqual(result);
    expect(fake.messages.get(channelId)).toHaveLength(1);
  });

  it('gives up on a long 429 at once, so the outbox can retry later instead of a digest run stalling', async () => {
    const channelId = '800000000000000050';
    fake.script({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 429,
      headers: { 'retry-after': '30' },
      body: { message: 'You are being rate limited.', retry_after: 30, global: false },
    });
    const started = Date.now();
    const result = await adapter.post(channelId, { title: 'Digest', sections: [], ephemeral: false }, { key: 'digest:429:1' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({ status: 'failed', reason: expect.stringContaining('rate limited'), retryAfterMs: 30_050 });
    expect(fake.messages.get(channelId)).toBeUndefined();
  });

  it('reports a post that keeps failing with 5xx as failed, after the library retries, without pausing', async () => {
    const channelId = '800000000000000040';
    await ensureChannel(handle.db, 'discord', { externalId: channelId, workspaceId: GUILD_ID });
    for (let i = 0; i < 4; i++) fake.script({ method: 'POST', path: new RegExp(`^/channels/${channelId}/messages$`), status: 502, body: { message: 'Bad Gateway' } });
    const result = await adapter.post(channelId, { title: 'Digest', sections: [], ephemeral: false }, { key: 'digest:5xx:1' });
    expect(result).toEqual({ status: 'failed', reason: expect.stringContaining('502') });
    // @discordjs/rest tries a 5xx 1 + 3 times (its `retries` option) before throwing.
    expect(fake.requests.filter((r) => r.path === `/channels/${channelId}/messages`)).toHaveLength(4);
    const [row] = await handle.db.select().from(chatChannels).where(eq(chatChannels.externalId, channelId));
    expect(row!.pausedAt).toBeNull();
  });

  it('pauses a channel Discord reports as unknown, and a command from it resumes it', async () => {
    const channelId = '800000000000000030';
    await ensureChannel(handle.db, 'discord', { externalId: channelId, workspaceId: GUILD_ID });
    fake.unknownChannels.add(channelId);
    const result = await adapter.post(channelId, { title: 'Digest', sections: [], ephemeral: false }, { key: 'digest:gone:1' });
    expect(result).toEqual({ status: 'gone', reason: expect.stringContaining('Unknown Channel') });
    const row = async () =>
      (await handle.db.select().from(chatChannels).where(and(eq(chatChannels.platform, 'discord'), eq(chatChannels.externalId, channelId))))[0]!;
    expect((await row()).pausedReason).toContain('Unknown Channel');
    expect((await row()).pausedAt).toEqual(NOW);

    // As on Slack: the reply still shows why posting stopped, says the command resumed it, and the channel is resumed.
    // The reply runs to two messages; the note is in the footer of the last, a follow-up.
    const { all } = await runInteraction(interactionPayload(2, 'topics', [], { channelId }), 'POST');
    const text = JSON.stringify(all.map((request) => request.body));
    expect(text).toContain('Posting was paused (discord: Unknown Channel');
    expect(text).toContain('this command resumed it');
    expect((await row()).pausedAt).toBeNull();
  });
});

describe('discord adapter with a broken database and global commands', () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  const errors: string[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord();
    // Every use of the database throws, as when PostgreSQL is down mid-command.
    const brokenDb = new Proxy({}, { get: () => { throw new Error('database down'); } }) as unknown as Db;
    const recording = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    adapter = createDiscordAdapter({ token: 'fake-token', apiUrl: fake.apiUrl }, chatDeps(brokenDb, 'UTC', recording));
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('registers global commands without a guild id', async () => {
    const put = await fake.waitForRequest((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${FAKE_APP_ID}/commands`);
  });

  it('answers an unexpected failure privately with an error id that is in the log', async () => {
    const payload = interactionPayload(2, 'topics', []);
    fake.dispatch('INTERACTION_CREATE', payload);
    const followUp = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/webhooks/${FAKE_APP_ID}/${payload.token}`);
    expect((followUp.body as { flags: number }).flags).toBe(64);
    const title = (followUp.body as { embeds: DiscordEmbed[] }).embeds[0]!.title!;
    const errorId = /error id (\w+)/.exec(title)?.[1];
    expect(errorId).toBeDefined();
    expect(errors.some((line) => line.includes(errorId!) && line.includes('database down'))).toBe(true);
  });
});

describe('renderDiscordMessages', () => {
  const limitsHold = (embeds: DiscordEmbed[]) => {
    for (const embed of embeds) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeGreaterThan(0);
        expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(field.value.length).toBeGreaterThan(0);
        expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  };
  const size = (embeds: DiscordEmbed[]) =>
    embeds.reduce((sum, e) => sum + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0), 0);

  it('splits 200 sections into messages within every limit, in order, losing none', () => {
    const reply: Reply = {
      title: 'Digest: '.padEnd(400, 'x'),
      summary: 'A long day.',
      sections: Array.from({ length: 200 }, (_, i) => ({
        heading: `section-${i}`,
        lines: [`marker-${i}`, 'claim text '.repeat(i % 7 === 0 ? 600 : 20)],
        fields: Array.from({ length: i % 50 === 0 ? 40 : 3 }, (_, f) => ({ name: `field ${f}`, value: 'v'.repeat(i % 13 === 0 ? 2000 : 30) })),
        links: [{ label: `Outlet ${i}: a headline`, url: `https://news.example/${i}` }],
      })),
      context: 'context '.repeat(400),
      ephemeral: false,
    };
    const messages = renderDiscordMessages(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.embeds.length).toBeGreaterThan(0);
      expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(size(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.charsPerMessage);
      expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      limitsHold(message.embeds);
    }
    const embeds = messages.flatMap((m) => m.embeds);
    const markers = embeds.flatMap((e) => [...(e.description ?? '').matchAll(/marker-(\d+)/g)].map((m) => Number(m[1])));
    expect(markers).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const headings = [...new Set(embeds.map((e) => e.title?.replace(/ \(continued\)$/, '')).filter((t) => t?.startsWith('section-')))];
    expect(headings).toEqual(Array.from({ length: 200 }, (_, i) => `section-${i}`));
    // Every field survives: 40 fields in every 50th section, 3 elsewhere.
    expect(embeds.reduce((n, e) => n + (e.fields?.length ?? 0), 0)).toBe(4 * 40 + 196 * 3);
    expect(embeds.at(-1)!.footer?.text).toMatch(/^context/);
    expect(embeds[0]!.title!.length).toBeLessThanOrEqual(256);
  });

  it('keeps a short reply in one message, a small section never split across messages', () => {
    const messages = renderDiscordMessages({ title: 'Topics', sections: [{ heading: 'a', lines: ['x'] }, { heading: 'b', lines: ['y'] }], ephemeral: false });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.embeds.map((e) => e.title)).toEqual(['Topics', 'a', 'b']);
  });
});

describe('classifyDiscordError', () => {
  const apiError = (status: number, code: number, message: string) => new DiscordAPIError({ message, code }, code, status, 'POST', '/channels/1/messages', { body: {} });
  it.each([
    { name: '404 Unknown Channel', error: apiError(404, 10003, 'Unknown Channel'), status: 'gone' },
    { name: '403 Missing Access', error: apiError(403, 50001, 'Missing Access'), status: 'gone' },
    { name: '403 Missing Permissions', error: apiError(403, 50013, 'Missing Permissions'), status: 'gone' },
    { name: '400 Invalid Form Body (our bug, not the channel)', error: apiError(400, 50035, 'Invalid Form Body'), status: 'failed' },
    { name: '401 bad token', error: apiError(401, 0, '401: Unauthorized'), status: 'failed' },
    { name: '5xx after the library retries', error: new HTTPError(502, 'Bad Gateway', 'POST', '/channels/1/messages', { body: {} }), status: 'failed' },
    { name: 'network error', error: new Error('connect ECONNREFUSED'), status: 'failed' },
  ])('$name → $status', ({ error, status }) => {
    expect(classifyDiscordError(error).status).toBe(status);
  });

  it('keeps the wait of a rate limit that outlasted our patience', () => {
    const error = new RateLimitError({
      timeToReset: 60_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: 'u',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 60_050,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifyDiscordError(error)).toEqual({ status: 'failed', reason: expect.stringContaining('rate limited'), retryAfterMs: 60_050 });
  });
});

describe('command payloads and choices', () => {
  it('puts required options first, as Discord demands', () => {
    const [payload] = buildCommandPayloads([
      { name: 'x', description: 'd', usage: '/x', permission: 'everyone', run: async () => ({ title: '', sections: [], ephemeral: false }), options: [
        { name: 'opt', description: 'o', type: 'boolean', required: false },
        { name: 'req', description: 'r', type: 'string', required: true },
      ] },
    ]) as [{ options: { name: string; type: number }[] }];
    expect(payload.options.map((o) => [o.name, o.type])).toEqual([['req', 3], ['opt', 5]]);
  });

  it('suggests time zones matching what was typed, common ones first', () => {
    expect(timeZones('')).toContain('Asia/Shanghai');
    expect(timeZones('shang')[0]).toBe('Asia/Shanghai');
    expect(timeZones('new york')).toContain('America/New_York');
    expect(timeZones('a').length).toBeLessThanOrEqual(25);
  });

  it('derives a stable nonce of at most 25 characters per key and part', () => {
    expect(messageNonce('digest:1', 0)).toBe(messageNonce('digest:1', 0));
    expect(messageNonce('digest:1', 0)).not.toBe(messageNonce('digest:1', 1));
    expect(messageNonce('digest:1', 0).length).toBeLessThanOrEqual(25);
  });
});
