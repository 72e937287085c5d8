/**
 * When daily digests are due. A subscription's digest for a local date is due from its local HH:MM on that
 * date (luxon resolves DST: a time skipped by the spring change moves forward, one repeated in autumn
 * fires once). Pure: subscriptions and a clock in, due digests out.
 * @module
 */
import { DateTime } from 'luxon';

export interface DigestSubscription {
  subscriptionId: number;
  channelId: number;
  topicSlug: string;
  digestTime: string;
  timezone: string;
  lastDigestAt: Date | null;
  createdAt: Date;
}

/** One digest to build: a channel's subscriptions sharing a time and zone, for one local date. */
export interface DueDigest {
  channelId: number;
  subscriptionIds: number[];
  topics: string[];
  /** The scheduled instant this digest is for. */
  scheduledAt: Date;
  localDate: string;
  timezone: string;
  digestTime: string;
  /** New since: the previous digest of these subscriptions, or 24 h before the scheduled time. */
  since: Date;
  /** Unique per channel, time slot and local date: queuing it twice (two workers, a restart) is a no-op. */
  key: string;
}

/** The most recent scheduled instant at or before `now` for a daily local time. */
export function lastScheduledAt(digestTime: string, zone: string, now: Date): DateTime {
  const [hour, minute] = digestTime.split(':').map(Number) as [number, number];
  const local = DateTime.fromJSDate(now, { zone });
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (candidate > local) candidate = candidate.minus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  return candidate;
}

/**
 * The next scheduled instant after `now` for a daily local time: the slot after the latest one, so what
 * `/subscribe` and `/topics` promise is, by construction, the slot `dueDigests` fires.
 */
export function nextScheduledAt(digestTime: string, zone: string, now: Date): Date {
  const [hour, minute] = digestTime.split(':').map(Number) as [number, number];
  return lastScheduledAt(digestTime, zone, now).plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * Digests due at `now`: for each group of a channel's subscriptions with the same time and zone, the latest
 * slot not yet covered by their last digest. A slot is only due within `graceMs` of its time, so a bot that
 * was down for a week posts one digest, not seven.
 */
export function dueDigests(subscriptions: readonly DigestSubscription[], now: Date, graceMs = 6 * 3_600_000): DueDigest[] {
  const groups = new Map<string, DigestSubscription[]>();
  for (const sub of subscriptions) {
    const id = `${sub.channelId}|${sub.digestTime}|${sub.timezone}`;
    groups.set(id, [...(groups.get(id) ?? []), sub]);
  }
  const due: DueDigest[] = [];
  for (const members of groups.values()) {
    const first = members[0]!;
    const slot = lastScheduledAt(first.digestTime, first.timezone, now);
    const scheduledAt = slot.toJSDate();
    if (now.getTime() - scheduledAt.getTime() > graceMs) continue;
    const pending = members.filter((sub) => (sub.lastDigestAt === null || sub.lastDigestAt < scheduledAt) && sub.createdAt < scheduledAt);
    if (pending.length === 0) continue;
    const previous = Math.max(...pending.map((sub) => sub.lastDigestAt?.getTime() ?? scheduledAt.getTime() - 86_400_000));
    const localDate = slot.toISODate()!;
    due.push({
      channelId: first.channelId,
      subscriptionIds: pending.map((sub) => sub.subscriptionId),
      topics: pending.map((sub) => sub.topicSlug).sort(),
      scheduledAt,
      localDate,
      timezone: first.timezone,
      digestTime: first.digestTime,
      since: new Date(previous),
      key: `digest:${first.channelId}:${first.digestTime}:${first.timezone}:${localDate}`,
    });
  }
  return due;
}
