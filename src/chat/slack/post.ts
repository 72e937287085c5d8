/**
 * Posting digests and alerts to Slack channels: one message per rendered part, paced per channel, 429s waited
 * out by us (the client never retries on its own), dead channels paused, and every part tagged with message
 * metadata so a delivery interrupted by a crash can be found again instead of posted twice.
 * @module
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { Reply } from '../../model/index.js';
import type { ChannelStore } from '../types.js';
import type { PostResult } from '../../deliver/outbox.js';
import { classifySlackError } from './classify-error.js';
import { renderSlackBlocks, type SlackMessage } from './render-blocks.js';

/** The metadata event type on every message claimwatch posts (https://docs.slack.dev/messaging/message-metadata). */
export const DELIVERY_EVENT_TYPE = 'claimwatch_delivery';

/** What the poster needs; `sleep` and `now` are injectable so pacing can be tested without real waits. */
export interface SlackPosterDeps {
  /** A client built with `retryConfig: { retries: 0 }` and `rejectRateLimitedCalls: true` (createSlackAdapter builds it). */
  client: webApi.WebClient;
  channels: ChannelStore;
  log: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Slack allows about one message per second per channel (https://docs.slack.dev/apis/web-api/rate-limits). */
  minIntervalMs?: number;
  /** 429s waited out per part before giving up with `failed` and the last Retry-After. */
  maxRateLimitRetries?: number;
}

/** Posts replies and finds earlier deliveries by key. */
export interface SlackPoster {
  /** `recover`: the delivery may have been posted (in part) before a crash; parts found by key are not posted again. */
  post(channelId: string, reply: Reply, opts: { key: string; recover?: boolean }): Promise<PostResult>;
  findDeliveredMessage(channelId: string, key: string): Promise<string | null>;
}

const HISTORY_LIMIT = 100;

/** Creates the poster; posts to one channel run one at a time so pacing holds when callers overlap. */
export function createSlackPoster(deps: SlackPosterDeps): SlackPoster {
  const { client, channels, log } = deps;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const minIntervalMs = deps.minIntervalMs ?? 1_000;
  const maxRetries = deps.maxRateLimitRetries ?? 3;
  const lastPostAt = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task for the same channel. */
  function exclusive<T>(channelId: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(channelId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    queues.set(channelId, settled);
    void settled.then(() => {
      if (queues.get(channelId) === settled) queues.delete(channelId);
    });
    return run;
  }

  async function pace(channelId: string): Promise<void> {
    const last = lastPostAt.get(channelId);
    const wait = last === undefined ? 0 : last + minIntervalMs - Date.now();
    if (wait > 0) await sleep(wait);
  }

  /** One part, with up to `maxRetries` waits on 429. A 429 means Slack stored nothing, so resending cannot duplicate. */
  async function postPart(channelId: string, message: SlackMessage, key: string, part: number): Promise<PostResult> {
    for (let attempt = 0; ; attempt += 1) {
      await pace(channelId);
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key, part } },
          // Digests carry many links; unfurling them would bury the message.
          unfurl_links: false,
          unfurl_media: false,
        });
        lastPostAt.set(channelId, Date.now());
        return { status: 'sent', messageIds: [result.ts ?? ''] };
      } catch (error) {
        lastPostAt.set(channelId, Date.now());
        const verdict = classifySlackError(error);
        if (verdict.kind === 'rate-limited') {
          if (attempt >= maxRetries) {
            return { status: 'failed', reason: `rate limited ${attempt + 1} times`, retryAfterMs: verdict.retryAfterMs };
          }
          log.info({ channelId, key, part, retryAfterMs: verdict.retryAfterMs, attempt: attempt + 1 }, 'slack: rate limited; waiting before retrying');
          await sleep(verdict.retryAfterMs);
          continue;
        }
        if (verdict.kind === 'gone') {
          await channels.pause('slack', channelId, verdict.reason, now());
          log.warn({ channelId, key, reason: verdict.reason }, 'slack: channel can no longer be posted to; paused');
          return { status: 'gone', reason: verdict.reason };
        }
        log.warn({ channelId, key, part, reason: verdict.reason }, 'slack: post failed');
        return { status: 'failed', reason: verdict.reason };
      }
    }
  }

  /** The parts of delivery `key` already in the channel's last 100 messages, by part number. */
  async function deliveredParts(channelId: string, key: string): Promise<Map<number, string>> {
    const history = await client.conversations.history({ channel: channelId, limit: HISTORY_LIMIT, include_all_metadata: true });
    const parts = new Map<number, string>();
    for (const message of history.messages ?? []) {
      const payload = message.metadata?.event_payload as Record<string, unknown> | undefined;
      if (message.metadata?.event_type !== DELIVERY_EVENT_TYPE || payload?.key !== key || !message.ts) continue;
      parts.set(typeof payload.part === 'number' ? payload.part : 0, message.ts);
    }
    return parts;
  }

  /** Keys whose post stopped part-way in this process: their retry checks history even without `recover`. */
  const partlySent = new Set<string>();

  async function send(channelId: string, reply: Reply, key: string, recover: boolean): Promise<PostResult> {
    const parts = renderSlackBlocks(reply);
    let already = new Map<number, string>();
    if (recover || partlySent.has(key)) {
      try {
        already = await deliveredParts(channelId, key);
      } catch (error) {
        // Posting blind could duplicate what the crashed sender already posted; better to try again later.
        const verdict = classifySlackError(error);
        if (verdict.kind === 'gone' && verdict.reason === 'missing_scope') {
          // Without channels:history the check can never work; delivering with a small risk of a duplicate
          // beats never delivering. The manifest asks for the scope.
          log.warn({ channelId, key }, 'slack: cannot read history (missing channels:history/groups:history); posting without the duplicate check');
        } else if (verdict.kind === 'gone') {
          await channels.pause('slack', channelId, verdict.reason, now());
          return { status: 'gone', reason: verdict.reason };
        } else {
          const reason = `recovery: could not read history (${verdict.kind === 'rate-limited' ? 'rate limited' : verdict.reason})`;
          return verdict.kind === 'rate-limited' ? { status: 'failed', reason, retryAfterMs: verdict.retryAfterMs } : { status: 'failed', reason };
        }
      }
      if (already.size > 0) log.info({ channelId, key, found: already.size, parts: parts.length }, 'slack: delivery already (partly) posted; sending only the rest');
    }
    const messageIds: string[] = [];
    for (const [part, message] of parts.entries()) {
      const earlier = already.get(part);
      if (earlier) {
        messageIds.push(earlier);
        continue;
      }
      const result = await postPart(channelId, message, key, part);
      if (result.status === 'sent') {
        messageIds.push(...result.messageIds);
        continue;
      }
      if (messageIds.length > 0 && result.status === 'failed') {
        partlySent.add(key);
        return { ...result, reason: `${result.reason} (after ${messageIds.length} of ${parts.length} parts)` };
      }
      return result;
    }
    partlySent.delete(key);
    return { status: 'sent', messageIds };
  }

  return {
    post: (channelId, reply, { key, recover = false }) => exclusive(channelId, () => send(channelId, reply, key, recover)),

    async findDeliveredMessage(channelId, key) {
      const parts = await deliveredParts(channelId, key);
      // The first part is the delivery's anchor; if only later parts made it, the earliest of those.
      const first = Math.min(...parts.keys());
      return parts.get(first) ?? null;
    },
  };
}
