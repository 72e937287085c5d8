/**
 * Alerts: the few events that cannot wait for the digest, posted to channels that follow a topic of the
 * claim with alerts on. A burst is one message per channel per cycle; its key is derived from the events,
 * so a crashed and repeated cycle queues the same key and nothing is posted twice.
 * @module
 */
import { createHash } from 'node:crypto';
import type { AlertEvent } from '../match/run-matching.js';
import type { Reply } from '../model/index.js';
import { claimTitle } from '../match/bookkeeping/describe.js';
import type { DeliveryStore } from './store.js';

/** Renders one channel's alerts as a reply. */
export function renderAlerts(events: readonly AlertEvent[], boardUrl: string | null = null): Reply {
  const byClaim = new Map<string, AlertEvent[]>();
  for (const event of events) byClaim.set(event.claimSlug, [...(byClaim.get(event.claimSlug) ?? []), event]);
  const titleOf = (event: AlertEvent) => claimTitle({ slug: event.claimSlug, headline: event.claimHeadline ?? null });
  return {
    title: events.length === 1 ? `Alert: ${titleOf(events[0]!)}` : `${events.length} alerts`,
    sections: [...byClaim].map(([, list]) => ({
      heading: titleOf(list[0]!),
      lines: list.map((event) => event.text),
      links: [
        ...list.filter((event) => event.url).map((event) => ({ label: event.kind === 'new-origin' ? 'New source' : 'Article', url: event.url! })),
        ...(boardUrl ? [{ label: 'Claim page', url: `${boardUrl}/claims/${encodeURIComponent(list[0]!.claimSlug)}` }] : []),
      ],
    })),
    ephemeral: false,
  };
}

/** Queues one alert message per subscribed channel; returns how many were queued. */
export async function queueAlerts(store: Pick<DeliveryStore, 'alertedChannels' | 'outbox'>, events: readonly AlertEvent[], now: Date, boardUrl: string | null = null): Promise<number> {
  const unique = [...new Map(events.map((event) => [event.key, event])).values()];
  if (unique.length === 0) return 0;
  const rows = await store.alertedChannels([...new Set(unique.map((e) => e.claimSlug))]);
  const perChannel = new Map<number, AlertEvent[]>();
  for (const row of rows) {
    for (const event of unique) {
      if (event.claimSlug !== row.claimSlug) continue;
      const list = perChannel.get(row.channelId) ?? [];
      if (!list.includes(event)) list.push(event);
      perChannel.set(row.channelId, list);
    }
  }
  return store.outbox.enqueue(
    [...perChannel].map(([channelId, list]) => ({
      channelId,
      kind: 'alert' as const,
      key: `alert:${channelId}:${createHash('sha1').update(list.map((e) => e.key).sort().join('\n')).digest('hex').slice(0, 20)}`,
      reply: renderAlerts(list, boardUrl),
    })),
    now,
  );
}
