/**
 * The Slack adapter: a Bolt app receiving slash commands over HTTP (signed requests on POST /slack/events)
 * or Socket Mode, plus a separate web client for digests and alerts whose rate limits we handle ourselves.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';
import type { ChatAdapter, ChatDeps } from '../types.js';
import type { PostResult } from '../../deliver/outbox.js';
import type { Reply } from '../../model/index.js';
import { createBoltLogger } from './bolt-logger.js';
import { createSlackPoster } from './post.js';
import { registerSlashCommands } from './slash-commands.js';

/** Slack settings; `apiUrl` points the Web API at a fake in tests. */
export interface SlackAdapterConfig {
  botToken: string;
  /** HTTP mode: Bolt verifies every request's signature with it. */
  signingSecret?: string;
  /** Socket Mode (xapp- token); wins over signingSecret when both are set, since it exists only if enabled. */
  appToken?: string;
  /** HTTP receiver port; 0 picks a free one (read it from `adapter.port` after start). */
  port: number;
  /** Web API base, e.g. `http://127.0.0.1:P/api/` (default https://slack.com/api/). */
  apiUrl?: string;
  /** With botId, skips the auth.test call at start. */
  botUserId?: string;
  botId?: string;
}

/** The Slack adapter: slash commands in, digests and alerts out. */
export interface SlackAdapter extends ChatAdapter {
  /** The HTTP port after start; null before start and in Socket Mode. */
  readonly port: number | null;
  /**
   * Posts a reply (one message per part) with `key` stored as message metadata. With `recover` (the outbox
   * re-sending after a crash) parts already in the channel under that key are not posted again.
   */
  post(channelId: string, reply: Reply, opts: { key: string; recover?: boolean }): Promise<PostResult>;
  /** The ts of a message posted earlier with `key` among the channel's last 100, or null (crash recovery). */
  findDeliveredMessage(channelId: string, key: string): Promise<string | null>;
}

/** Slack rejects requests whose timestamp is more than five minutes off (https://docs.slack.dev/authentication/verifying-requests-from-slack). */
const MAX_REQUEST_AGE_S = 5 * 60;
/**
 * The largest body a Slack request to this app needs: slash commands and their payloads are a few KB; 64 KB
 * leaves room for long command text while refusing the 4 MB bodies Bolt would otherwise buffer.
 */
export const MAX_SLACK_BODY_BYTES = 64 * 1024;
/** Requests being read and verified at once; more wait for nothing and are told to retry. */
const MAX_IN_FLIGHT = 64;

/** Why a request is refused from its headers alone, before its body is read; null when it may be read. */
function refuseEarly(req: IncomingMessage, inFlight: number): { status: number; reason: string } | null {
  if (req.method !== 'POST') return null;
  const length = Number(req.headers['content-length']);
  if (req.headers['content-length'] === undefined || !Number.isFinite(length)) return { status: 411, reason: 'length required' };
  if (length > MAX_SLACK_BODY_BYTES) return { status: 413, reason: 'body too large' };
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (!Number.isFinite(timestamp)) return { status: 401, reason: 'missing timestamp' };
  // Slack's five minutes apply both ways: a timestamp from the future is as suspect as a stale one.
  if (Math.abs(Date.now() / 1000 - timestamp) > MAX_REQUEST_AGE_S) return { status: 401, reason: 'timestamp out of range' };
  if (inFlight >= MAX_IN_FLIGHT) return { status: 503, reason: 'busy' };
  return null;
}

/** A hung Web API call must not stall a delivery run forever. */
const DELIVERY_TIMEOUT_MS = 30_000;

/**
 * Creates the adapter; nothing connects until `start()`.
 * @example
 * const slack = createSlackAdapter({ botToken, signingSecret, port: 3000 }, { services: { db, timeZone: 'UTC' }, log });
 * await slack.start();
 * await slack.post('C0123', reply, { key: 'digest:azure-china:2026-06-17' });
 */
export function createSlackAdapter(config: SlackAdapterConfig, deps: ChatDeps): SlackAdapter {
  if (!config.appToken && !config.signingSecret) {
    throw new Error('slack: set a signing secret (HTTP mode) or an app token (Socket Mode)');
  }
  const log = deps.log.child({ platform: 'slack' });
  const now = deps.now ?? (() => new Date());
  const boltLogger = createBoltLogger(log);
  const slackApiUrl = config.apiUrl ? { slackApiUrl: config.apiUrl } : {};
  // Our own client for posts: the Bolt default (10 retries over ~30 min, pausing the whole queue on a 429)
  // would hide rate limits from the delivery code, which must pace per channel and report what it could not send.
  const client = new webApi.WebClient(config.botToken, {
    ...slackApiUrl,
    logger: boltLogger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: DELIVERY_TIMEOUT_MS,
  });
  const poster = createSlackPoster({ client, channels: deps.channels, log, now });
  let app: App | null = null;
  let port: number | null = null;

  return {
    platform: 'slack',
    get port() {
      return port;
    },
    async start() {
      if (app) return;
      // Checked with our client (no retries) so a bad token fails the start at once; Bolt would call
      // auth.test in its constructor with a 30-minute retry policy.
      const identity = await whoAmI(client, config);
      const receiver = config.appToken ? undefined : createLoggedReceiver(config.signingSecret!, boltLogger, log);
      const started = new App({
        token: config.botToken,
        ...identity,
        logger: boltLogger,
        // A fresh object: Bolt and the Socket Mode client write into it.
        clientOptions: { ...slackApiUrl },
        convoStore: false,
        ...(config.appToken ? { socketMode: true, appToken: config.appToken } : { receiver }),
      });
      registerSlashCommands(started, { ...deps, log, now });
      if (config.appToken) {
        await started.start();
        log.info('slack: connected in Socket Mode');
      } else {
        const server = await started.start(config.port);
        port = (server.address() as AddressInfo).port;
        log.info({ port }, 'slack: listening for slash commands on POST /slack/events');
      }
      app = started;
    },
    async stop() {
      if (!app) return;
      await app.stop();
      app = null;
      port = null;
    },
    post: (channelId, reply, opts) => poster.post(channelId, reply, opts),
    findDeliveredMessage: (channelId, key) => poster.findDeliveredMessage(channelId, key),
  };
}

async function whoAmI(client: webApi.WebClient, config: SlackAdapterConfig): Promise<{ botId: string; botUserId: string }> {
  if (config.botId && config.botUserId) return { botId: config.botId, botUserId: config.botUserId };
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw new Error(`slack: auth.test failed, check SLACK_BOT_TOKEN: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!result.bot_id || !result.user_id) throw new Error('slack: auth.test returned no bot id; is SLACK_BOT_TOKEN a bot (xoxb-) token?');
  return { botId: result.bot_id, botUserId: result.user_id };
}

/** A harmless authenticated call, for `claimwatch doctor`: who the bot token belongs to (auth.test). */
export async function checkSlackToken(config: { botToken: string; apiUrl?: string }): Promise<string> {
  const client = new webApi.WebClient(config.botToken, { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: { retries: 0 }, timeout: 10_000 });
  const { botUserId } = await whoAmI(client, { botToken: config.botToken, port: 0 });
  return `bot user ${botUserId}`;
}

/**
 * Bolt's HTTP receiver, verifying signatures itself and answering 401 for a bad or stale one (Bolt then
 * logs "Failed to parse and verify the request data" through our logger). We add one structured line per
 * rejection, with the caller's address, so forged traffic can be counted and traced.
 */
function createLoggedReceiver(signingSecret: string, boltLogger: BoltLogger, log: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events', logger: boltLogger });
  const listener = receiver.requestListener;
  // requestListener is public and HTTPReceiver.start() calls it through `this`, so wrapping it sees every request.
  let inFlight = 0;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    // Refused before a byte of the body is read: an unsigned flood costs headers, not buffered megabytes.
    const refusal = refuseEarly(req, inFlight);
    if (refusal) {
      log.warn({ status: refusal.status, reason: refusal.reason, remote: req.socket.remoteAddress, path: req.url }, 'slack: refused a request before reading it; nothing was run');
      res.writeHead(refusal.status, { 'content-type': 'text/plain', connection: 'close' }).end(refusal.reason);
      req.resume();
      return;
    }
    inFlight++;
    res.once('close', () => inFlight--);
    res.once('finish', () => {
      if (res.statusCode !== 401) return;
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const ageSeconds = Number.isFinite(timestamp) ? Math.round(Date.now() / 1000 - timestamp) : null;
      const reason = ageSeconds === null ? 'missing timestamp' : Math.abs(ageSeconds) > MAX_REQUEST_AGE_S ? 'stale timestamp' : 'bad signature';
      log.warn({ status: 401, reason, ageSeconds, remote: req.socket.remoteAddress, path: req.url }, 'slack: rejected an unverified request; nothing was run');
    });
    return listener(req, res);
  };
  return receiver;
}
