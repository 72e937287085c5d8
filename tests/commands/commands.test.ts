/**
 * The chat commands as a user meets them, through a small in-memory implementation of the commands' own store
 * interface (commands/store.ts): the command code is real, only storage is a fake of our interface. The
 * database implementation is exercised end to end by the Slack, Discord and console tests.
 */
import { describe, expect, it } from 'vitest';
import { findCommand, parseCommandText, runCommand } from '../../commands/index.js';
import type { ChannelSubscription, CommandStore, EntityNames, TopicListing } from '../../commands/store.js';
import type { CommandContext } from '../../commands/types.js';
import type { ClaimListing, Reply, Platform } from '../../src/model/index.js';
import { renderFacts } from '../../commands/facts.js';

/** A store held in plain arrays. */
function memoryStore(): CommandStore & { rows: { platform: Platform; channel: string; topicId: number; digestTime: string; timezone: string; alerts: boolean }[] } {
  const topics: TopicListing[] = [
    { id: 1, slug: 'azure-china', name: 'Azure in China', description: 'Microsoft selling OpenAI models to Chinese firms.' },
    { id: 2, slug: 'distillation', name: 'Model distillation', description: 'Training on other models’ outputs.' },
  ];
  const entities: EntityNames[] = [
    { slug: 'bytedance', name: 'ByteDance', aliases: ['TikTok', '字节跳动'] },
    { slug: 'microsoft', name: 'Microsoft', aliases: ['微软', 'Azure'] },
  ];
  const rows: { platform: Platform; channel: string; topicId: number; digestTime: string; timezone: string; alerts: boolean }[] = [];
  return {
    rows,
    entities: async () => entities,
    entitiesWithCounts: async () => entities.map((e) => ({ slug: e.slug, name: e.name, claims: e.slug === 'bytedance' ? 4 : 7 })),
    claimsAbout: async () => [],
    topics: async () => topics,
    async subscriptionsOf(platform, externalId) {
      return rows
        .filter((row) => row.platform === platform && row.channel === externalId)
        .sort((a, b) => a.topicId - b.topicId)
        .map((row): ChannelSubscription => ({ topicSlug: topics.find((t) => t.id === row.topicId)!.slug, digestTime: row.digestTime, timezone: row.timezone, alerts: row.alerts, pausedReason: null }));
    },
    async subscribe(platform, channel, topicId, settings) {
      const existing = rows.find((row) => row.platform === platform && row.channel === channel.externalId && row.topicId === topicId);
      if (existing) Object.assign(existing, { digestTime: settings.digestTime, timezone: settings.timezone, alerts: settings.alerts });
      else rows.push({ platform, channel: channel.externalId, topicId, digestTime: settings.digestTime, timezone: settings.timezone, alerts: settings.alerts });
    },
    async unsubscribe(platform, externalId, slugs) {
      const ids = topics.filter((t) => slugs.includes(t.slug)).map((t) => t.id);
      for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.platform === platform && rows[i]!.channel === externalId && ids.includes(rows[i]!.topicId)) rows.splice(i, 1);
    },
  };
}

const NOW = new Date('2026-03-06T12:00:00Z');

function run(store: CommandStore, line: string, ctx: Partial<CommandContext> = {}): Promise<Reply> {
  const [name, ...rest] = line.replace(/^\//, '').split(' ');
  const command = findCommand(name!)!;
  const context: CommandContext = {
    platform: 'slack',
    channel: { externalId: 'C1' },
    user: { id: 'U1' },
    canManage: true,
    services: { store, timeZone: 'UTC' },
    now: NOW,
    ...ctx,
  };
  return runCommand(command, context, parseCommandText(command, rest.join(' ')));
}

const text = (reply: Reply) => JSON.stringify(reply);

describe('/subscribe, /topics and /unsubscribe', () => {
  it('follows a topic once, updates it when subscribed again, and shows it in /topics with the next digest', async () => {
    const store = memoryStore();
    const first = await run(store, '/subscribe azure-china digest:08:30 Asia/Shanghai');
    expect(first.title).toBe('Subscribed to azure-china');
    expect(first.sections[0]!.fields).toContainEqual({ name: 'Next digest', value: 'Sat 7 Mar, 08:30 GMT+8' });
    await run(store, '/subscribe azure-china digest:09:15 Asia/Shanghai alerts:off');
    expect(store.rows).toEqual([{ platform: 'slack', channel: 'C1', topicId: 1, digestTime: '09:15', timezone: 'Asia/Shanghai', alerts: false }]);
    const topics = await run(store, '/topics');
    expect(topics.summary).toBe('This channel follows 1 topic.');
    expect(text(topics)).toContain('✔ Followed: digest daily at 09:15 Asia/Shanghai');
    expect(text(topics)).toContain('alerts off');
  });

  it('answers a wrong topic, time or zone privately with what would work', async () => {
    const store = memoryStore();
    const unknown = await run(store, '/subscribe azure');
    expect(unknown).toMatchObject({ title: 'Unknown topic "azure".', ephemeral: true });
    expect(text(unknown)).toContain('Valid topics: azure-china, distillation');
    expect(await run(store, '/subscribe azure-china digest:25:00')).toMatchObject({ ephemeral: true, title: 'digest must be a time as HH:MM (24 h), not "25:00".' });
    expect(await run(store, '/subscribe azure-china digest:08:00 Mars/Olympus')).toMatchObject({ ephemeral: true, title: 'Unknown time zone "Mars/Olympus".' });
    expect(store.rows).toEqual([]);
  });

  it('needs Manage Channels to change what a channel follows', async () => {
    const store = memoryStore();
    expect(await run(store, '/subscribe azure-china', { canManage: false })).toMatchObject({ ephemeral: true, title: '/subscribe needs the Manage Channels permission in this channel.' });
    expect(store.rows).toEqual([]);
  });

  it('stops following one topic or all, and says what the channel follows when asked for one it does not', async () => {
    const store = memoryStore();
    await run(store, '/subscribe azure-china');
    await run(store, '/subscribe distillation');
    const notFollowed = await run(store, '/unsubscribe bytedance');
    expect(notFollowed).toMatchObject({ ephemeral: true, title: 'This channel does not follow "bytedance".' });
    expect(text(notFollowed)).toContain('It follows: azure-china, distillation');
    expect((await run(store, '/unsubscribe distillation')).title).toBe('Unsubscribed from distillation');
    expect((await run(store, '/unsubscribe all')).title).toBe('Unsubscribed from azure-china');
    expect(store.rows).toEqual([]);
    expect(await run(store, '/unsubscribe all')).toMatchObject({ ephemeral: true, title: 'This channel follows no topics.' });
  });

  it('keeps channels apart', async () => {
    const store = memoryStore();
    await run(store, '/subscribe azure-china', { channel: { externalId: 'C1' } });
    expect((await run(store, '/topics', { channel: { externalId: 'C2' } })).summary).toBe('This channel follows no topics yet: /subscribe <topic>.');
  });
});

describe('/facts', () => {
  it('finds an entity by any name, in either language, and suggests the closest names for a misspelling', async () => {
    const store = memoryStore();
    expect((await run(store, '/facts 字节跳动')).title).toBe('Facts: ByteDance');
    expect((await run(store, '/facts tiktok')).title).toBe('Facts: ByteDance');
    const misspelt = await run(store, '/facts bytdance');
    expect(misspelt).toMatchObject({ ephemeral: true, title: 'No tracked entity matches "bytdance".' });
    expect(text(misspelt)).toContain('Did you mean: ByteDance?');
  });

  it('links each claim to its page on the claim board when the board has a public address', () => {
    const claim: ClaimListing = {
      slug: 'bytedance-azure-spend-1b', headline: null, statement: 'ByteDance pays Microsoft over $1bn a year.', status: 'reported', importance: 1, figure: null,
      entities: ['bytedance'], topics: [], evidence: [], origins: [], outlets: [], drifts: [],
    };
    const reply = renderFacts({ name: 'ByteDance', slug: 'bytedance', aliases: [] }, [claim], 'https://claims.example.org');
    expect(reply.sections[0]!.links![0]).toEqual({ label: 'Claim page: every source, wording and status change', url: 'https://claims.example.org/claims/bytedance-azure-spend-1b' });
    expect(renderFacts({ name: 'ByteDance', slug: 'bytedance', aliases: [] }, [claim]).sections[0]!.links).toEqual([]);
  });

  it('lists the entities with their claim counts when asked for none', async () => {
    const reply = await run(memoryStore(), '/facts');
    expect(reply.sections[0]!.lines).toEqual(['ByteDance (bytedance): 4 claims', 'Microsoft (microsoft): 7 claims']);
  });
});
