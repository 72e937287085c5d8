import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { dueDigests, nextScheduledAt, type DigestSubscription } from '../../src/deliver/digest-schedule.js';

function sub(id: number, timezone: string, digestTime = '09:00'): DigestSubscription {
  return { subscriptionId: id, channelId: id, topicSlug: 'azure-china', digestTime, timezone, lastDigestAt: null, createdAt: new Date('2026-01-01T00:00:00Z') };
}

/** Steps a fake clock every 5 minutes, "sending" each due digest by moving lastDigestAt, as the queue does. */
function simulate(subs: DigestSubscription[], from: string, to: string) {
  const fired: { channelId: number; at: Date; key: string }[] = [];
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += 5 * 60_000) {
    const now = new Date(t);
    for (const digest of dueDigests(subs, now)) {
      fired.push({ channelId: digest.channelId, at: now, key: digest.key });
      for (const s of subs) if (digest.subscriptionIds.includes(s.subscriptionId)) s.lastDigestAt = digest.scheduledAt;
    }
  }
  return fired;
}

describe('daily digest schedule', () => {
  it('fires at 09:00 Asia/Shanghai and 09:00 America/New_York once a day, across the US DST change', () => {
    // US clocks fall back on 2026-11-01; China has no DST.
    const subs = [sub(1, 'Asia/Shanghai'), sub(2, 'America/New_York')];
    const fired = simulate(subs, '2026-10-30T00:00:00Z', '2026-11-03T23:59:00Z');
    const local = (f: (typeof fired)[number], zone: string) => DateTime.fromJSDate(f.at, { zone }).toFormat('yyyy-MM-dd HH:mm');
    expect(fired.filter((f) => f.channelId === 1).map((f) => local(f, 'Asia/Shanghai'))).toEqual([
      '2026-10-30 09:00',
      '2026-10-31 09:00',
      '2026-11-01 09:00',
      '2026-11-02 09:00',
      '2026-11-03 09:00',
    ]);
    const ny = fired.filter((f) => f.channelId === 2);
    expect(ny.map((f) => local(f, 'America/New_York'))).toEqual([
      '2026-10-30 09:00',
      '2026-10-31 09:00',
      '2026-11-01 09:00',
      '2026-11-02 09:00',
      '2026-11-03 09:00',
    ]);
    // Before the change 09:00 EDT is 13:00Z; after it 09:00 EST is 14:00Z.
    expect(ny[0]!.at.toISOString()).toBe('2026-10-30T13:00:00.000Z');
    expect(ny.at(-1)!.at.toISOString()).toBe('2026-11-03T14:00:00.000Z');
    expect(new Set(fired.map((f) => f.key)).size).toBe(fired.length);
  });

  it('fires once on the spring change, when 02:30 does not exist', () => {
    const fired = simulate([sub(3, 'America/New_York', '02:30')], '2026-03-07T00:00:00Z', '2026-03-09T23:00:00Z');
    expect(fired).toHaveLength(3);
  });

  it('posts one digest after a long outage, not one per missed day', () => {
    const s = sub(4, 'Europe/London');
    s.lastDigestAt = new Date('2026-11-01T09:00:00Z');
    expect(dueDigests([s], new Date('2026-11-08T09:10:00Z'))).toHaveLength(1);
    expect(dueDigests([s], new Date('2026-11-08T20:00:00Z'))).toHaveLength(0);
  });

  it('groups a channel’s topics with the same time into one digest covering what is new since the last', () => {
    const a = { ...sub(5, 'UTC'), channelId: 9, topicSlug: 'azure-china', lastDigestAt: new Date('2026-11-22T09:00:00Z') };
    const b = { ...sub(6, 'UTC'), channelId: 9, topicSlug: 'distillation', lastDigestAt: new Date('2026-11-22T09:00:00Z') };
    const [digest, ...rest] = dueDigests([a, b], new Date('2026-11-23T09:01:00Z'));
    expect(rest).toEqual([]);
    expect(digest!.topics).toEqual(['azure-china', 'distillation']);
    expect(digest!.since.toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });
});

describe('what /subscribe promises', () => {
  it('is the slot the scheduler fires, across the DST changes of both zones', () => {
    const cases: [string, string][] = [['America/New_York', '09:00'], ['America/New_York', '02:30'], ['Asia/Shanghai', '08:30'], ['Europe/London', '01:30']];
    // A week around the 2026 spring changes and two weeks around the autumn ones, every 7 hours.
    const windows: [string, string][] = [['2026-03-05T00:00:00Z', '2026-03-12T00:00:00Z'], ['2026-10-22T00:00:00Z', '2026-11-05T00:00:00Z']];
    for (const [zone, time] of cases) {
      for (const [from, to] of windows) {
        for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 3_600_000) {
          const now = new Date(t);
          const promised = nextScheduledAt(time, zone, now);
          expect(promised.getTime()).toBeGreaterThan(now.getTime());
          // The scheduler, asked a minute after the promised instant, fires exactly that slot.
          const [due] = dueDigests([sub(1, zone, time)], new Date(promised.getTime() + 60_000));
          expect(due?.scheduledAt.toISOString(), `${zone} ${time} from ${now.toISOString()}`).toBe(promised.toISOString());
        }
      }
    }
  });
});
