/**
 * Digests and alerts on a real database with a fake clock: what a digest contains, that the next one holds
 * only what is new, that backlog never alerts, and that 200-story digests fit both platforms' limits.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client.js';
import { createDeliveryStore } from '../../src/db/delivery-store.js';
import { chatChannels, deliveries, subscriptions, topics } from '../../src/db/schema.js';
import { queueAlerts, renderAlerts } from '../../src/deliver/alerts.js';
import { queueDueDigests } from '../../src/deliver/digests.js';
import { renderDigest } from '../../src/deliver/render-digest.js';
import type { Reply } from '../../src/model/index.js';
import { renderSlackBlocks, SLACK_LIMITS, messageChars } from '../../src/chat/slack/index.js';
import { renderDiscordMessages, DISCORD_LIMITS } from '../../src/chat/discord/index.js';
import { loadGold } from '../eval/evaluate.js';
import { testDbTargets } from '../helpers/db.js';
import { createEvalFeed, storeAndMatchEval, syncRealCatalog } from '../helpers/eval-db.js';

const day1 = new Date('2026-11-20T00:30:00Z');
const day2 = new Date('2026-11-21T00:30:00Z');

describe.each(testDbTargets)('digests and alerts on $name', (target) => {
  let handle: DbHandle;
  let feedId: number;
  let channelId: number;

  const ingest = (ids: string[], at: Date, backlog = false) =>
    storeAndMatchEval(handle.db, feedId, { now: at, publishedAt: at, backlog, filter: (article) => ids.includes(article.id) });

  beforeAll(async () => {
    handle = await target.open();
    await syncRealCatalog(handle.db);
    feedId = await createEvalFeed(handle.db, 'https://digest.example/feed');
    [{ id: channelId }] = (await handle.db
      .insert(chatChannels)
      .values({ platform: 'slack', externalId: 'CDIGEST' })
      .returning({ id: chatChannels.id })) as [{ id: number }];
    const [topic] = await handle.db.select().from(topics).where(eq(topics.slug, 'openai-access'));
    await handle.db.insert(subscriptions).values({
      channelId, topicId: topic!.id, digestTime: '09:00', timezone: 'Asia/Shanghai', alerts: true, createdAt: new Date('2026-11-01T00:00:00Z'),
      lastDigestAt: new Date('2026-11-19T01:00:00Z'),
    });
  });
  afterAll(async () => handle?.close());

  const digestPayloads = async () =>
    (await handle.db.select().from(deliveries).where(eq(deliveries.kind, 'digest'))).map((row) => row.payload as Reply);

  it('queues one digest at 09:00 Shanghai with the day’s stories, then only what is new the next day', async () => {
    await ingest(['reuters-openai-china-block'], day1);
    expect(await queueDueDigests(createDeliveryStore(handle.db), new Date('2026-11-20T00:59:00Z'), { quietLine: false })).toEqual({ queued: 0, empty: 0 });
    expect((await queueDueDigests(createDeliveryStore(handle.db), new Date('2026-11-20T01:00:00Z'), { quietLine: false })).queued).toBe(1);
    // A second tick (or a second worker) in the same slot queues nothing more.
    expect((await queueDueDigests(createDeliveryStore(handle.db), new Date('2026-11-20T01:05:00Z'), { quietLine: false })).queued).toBe(0);

    await ingest(['yicai-openai-china-block'], day2);
    expect((await queueDueDigests(createDeliveryStore(handle.db), new Date('2026-11-21T01:00:00Z'), { quietLine: false })).queued).toBe(1);
    const [first, second] = await digestPayloads();
    const text = (reply: Reply) => JSON.stringify(reply);
    const reutersTitle = (await loadGold()).find((a) => a.id === 'reuters-openai-china-block')!.title;
    const yicaiTitle = (await loadGold()).find((a) => a.id === 'yicai-openai-china-block')!.title;
    expect(text(first!)).toContain(reutersTitle);
    expect(text(second!)).toContain(yicaiTitle);
    expect(text(second!)).not.toContain(reutersTitle);
  });

  it('posts nothing on a day with nothing new', async () => {
    const before = (await digestPayloads()).length;
    expect(await queueDueDigests(createDeliveryStore(handle.db), new Date('2026-11-22T01:00:00Z'), { quietLine: false })).toEqual({ queued: 0, empty: 1 });
    expect((await digestPayloads()).length).toBe(before);
  });

  it('alerts the subscribed channel once per event; backlog never alerts', async () => {
    const backlog = await ingest(['scmp-openai-block-azure'], day2, true);
    expect(backlog.alerts).toEqual([]);
    const fresh = await ingest(['stcn-openai-china-block'], new Date('2026-11-21T03:00:00Z'));
    const events = [...fresh.alerts, { key: 'status:test', claimSlug: 'openai-blocks-china-api', kind: 'status' as const, text: 'now corroborated', url: null }];
    const queued = await queueAlerts(createDeliveryStore(handle.db), events, new Date());
    expect(queued).toBe(1);
    expect(await queueAlerts(createDeliveryStore(handle.db), events, new Date())).toBe(0);
  });

  it('names claims by their headline in digests and alerts, with the slug kept as the id', () => {
    const change = {
      slug: 'openai-blocks-china-api', headline: 'OpenAI has blocked API traffic from mainland China since July 2024', statement: 'OpenAI blocks…',
      status: 'corroborated', newEvidence: [], statusChanges: [{ from: 'reported', to: 'corroborated', cause: 'two origins' }], drifts: [],
    };
    const digest = renderDigest({ topics: ['openai-access'], since: day1, until: day2, stories: [], claimChanges: [change], articleIds: [] }, { title: 'Digest' })!;
    expect(digest.sections[0]!.heading).toBe('OpenAI has blocked API traffic from mainland China since July 2024 (corroborated)');
    expect(digest.sections[0]!.lines).toContain('Claim: openai-blocks-china-api');
    const alert = renderAlerts([{ key: 'k', claimSlug: change.slug, claimHeadline: change.headline, kind: 'status', text: 'now corroborated', url: null }]);
    expect(alert.title).toBe(`Alert: ${change.headline}`);
    expect(renderAlerts([{ key: 'k', claimSlug: change.slug, kind: 'status', text: 'now corroborated', url: null }]).title).toBe('Alert: openai-blocks-china-api');
  });

  it('links each story and claim to its page on the claim board when the board has a public address', () => {
    const change = { slug: 'openai-blocks-china-api', headline: null, statement: 'OpenAI blocks…', status: 'reported', newEvidence: [], statusChanges: [], drifts: [] };
    const stories = [{ storyId: 7, headline: 'OpenAI blocks China', url: 'https://news.example/7', outlets: ['A'], origins: ['Reuters'], latestAt: day1, claims: [] }];
    const data = { topics: ['openai-access'], since: day1, until: day2, stories, claimChanges: [change], articleIds: [] };
    const linked = renderDigest(data, { title: 'Digest', boardUrl: 'https://claims.example.org' })!;
    expect(linked.sections[0]!.links).toContainEqual({ label: 'Story page: the report and its rewrites', url: 'https://claims.example.org/stories/7' });
    expect(linked.sections[1]!.links![0]).toEqual({ label: 'Claim page: every source, wording and status change', url: 'https://claims.example.org/claims/openai-blocks-china-api' });
    const alert = renderAlerts([{ key: 'k', claimSlug: change.slug, kind: 'status', text: 'now corroborated', url: null }], 'https://claims.example.org');
    expect(alert.sections[0]!.links).toEqual([{ label: 'Claim page', url: 'https://claims.example.org/claims/openai-blocks-china-api' }]);
    // Without a public address there is nothing to link to.
    expect(JSON.stringify(renderDigest(data, { title: 'Digest' }))).not.toContain('claims.example.org');
  });

  it('ends with possible new claims, when coverage asserts something untracked', () => {
    const stories = [{ storyId: 1, headline: 'Meituan presses Microsoft', url: 'https://news.example/1', outlets: ['A'], origins: ['Reuters'], latestAt: day1, claims: [] }];
    const candidate = {
      id: 'c0123abcd', relation: 'complains-to' as const, subject: 'meituan', counterpart: 'microsoft', place: null, wording: 'Meituan has complained to Microsoft about Azure capacity.',
      figure: null, articles: [{ id: 1, url: 'https://news.example/1', title: 't', outlet: 'A', origin: 'Reuters' }, { id: 2, url: 'https://news.example/2', title: 't', outlet: 'B', origin: 'unknown' }],
      origins: ['Reuters'], firstSeen: day1, negated: 0,
    };
    const reply = renderDigest({ topics: ['meituan'], since: day1, until: day2, stories, claimChanges: [], articleIds: [1] }, { title: 'Digest', candidates: [candidate] })!;
    const last = reply.sections.at(-1)!;
    expect(last.heading).toBe('Possible new claims (not tracked)');
    expect(last.lines[0]).toBe('“Meituan has complained to Microsoft about Azure capacity.” — 2 articles (Reuters) · c0123abcd');
  });

  it('splits a 200-story digest into valid messages on Slack and Discord', () => {
    const stories = Array.from({ length: 200 }, (_, i) => ({
      storyId: i, headline: `Story ${i}: ${'word '.repeat(30)}`, url: `https://news.example/${i}`, outlets: ['A', 'B', 'C'],
      origins: ['Bloomberg'], latestAt: day1, claims: ['bytedance-azure-spend-1b'],
    }));
    const reply = renderDigest({ topics: ['azure-china'], since: day1, until: day2, stories, claimChanges: [], articleIds: [] }, { title: 'Digest' })!;
    const slack = renderSlackBlocks(reply);
    expect(slack.length).toBeGreaterThan(1);
    for (const message of slack) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(messageChars(message)).toBeLessThanOrEqual(SLACK_LIMITS.charsPerMessage);
    }
    expect(JSON.stringify(slack)).toContain('Story 199');
    const discord = renderDiscordMessages(reply);
    for (const message of discord) {
      expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      // Discord counts title, description, field names and values, footer and author over all embeds.
      const total = message.embeds.reduce(
        (sum, e) =>
          sum + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) +
          (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
        0,
      );
      expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.charsPerMessage);
      for (const embed of message.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    }
    expect(JSON.stringify(discord)).toContain('Story 199');
  });
});
