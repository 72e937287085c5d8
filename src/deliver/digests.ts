/**
 * Queues the daily digests that are due: for each due group, the digest is rendered and written to the
 * outbox in the same transaction that marks the subscriptions digested, so a digest is queued exactly once
 * even with several workers and restarts (the delivery key is unique per channel, slot and local date).
 * @module
 */
import { DateTime } from 'luxon';
import type { Candidate } from '../match/bookkeeping/candidates.js';
import { dueDigests } from './digest-schedule.js';
import type { DeliveryStore } from './store.js';
import { renderDigest } from './render-digest.js';

/** Days of coverage a digest's candidate claims are grouped over: a claim builds up over more than a day. */
const CANDIDATE_DAYS = 14;

/**
 * Candidate claims with at least one article among the digest's. Digests due together mostly share their
 * scheduled instant (every channel at 09:00 in one zone), so the candidates of an instant are loaded once per run.
 */
async function digestCandidates(store: DeliveryStore, articleIds: readonly number[], until: Date, loaded: Map<number, Promise<Candidate[]>>): Promise<Candidate[]> {
  if (articleIds.length === 0) return [];
  let candidates = loaded.get(until.getTime());
  if (!candidates) {
    candidates = store.candidates({ since: new Date(until.getTime() - CANDIDATE_DAYS * 86_400_000), until });
    loaded.set(until.getTime(), candidates);
  }
  const ids = new Set(articleIds);
  return (await candidates).filter((c) => c.articles.some((a) => ids.has(a.id)));
}

/** Queues every due digest; returns how many were queued and how many were empty (nothing new). */
export async function queueDueDigests(store: DeliveryStore, now: Date, opts: { quietLine: boolean; boardUrl?: string | null }): Promise<{ queued: number; empty: number }> {
  const loadedCandidates = new Map<number, Promise<Candidate[]>>();
  const due = dueDigests(await store.digestSubscriptions(), now);
  let queued = 0;
  let empty = 0;
  for (const digest of due) {
    const data = await store.digestData(digest.topics, digest.since, digest.scheduledAt);
    const day = DateTime.fromJSDate(digest.scheduledAt, { zone: digest.timezone }).toFormat('ccc d LLL yyyy');
    const reply = renderDigest(data, {
      title: `claimwatch digest: ${digest.topics.join(', ')}, ${day}`,
      quietLine: opts.quietLine,
      boardUrl: opts.boardUrl ?? null,
      candidates: await digestCandidates(store, data.articleIds, digest.scheduledAt, loadedCandidates),
    });
    queued += await store.queueDigest(reply && { channelId: digest.channelId, kind: 'digest', key: digest.key, reply }, digest.subscriptionIds, digest.scheduledAt, now);
    if (!reply) empty++;
  }
  return { queued, empty };
}
