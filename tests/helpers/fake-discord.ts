/**
 * A small fake of Discord on 127.0.0.1 for the real discord.js: the REST routes the adapter uses
 * (gateway lookup, application, commands, interaction callbacks and webhooks, channel messages with
 * nonce deduplication) and a JSON gateway (HELLO, IDENTIFY → READY, heartbeats, dispatches).
 * Requests are recorded; one-shot responses can be queued to script 429s and errors.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermissionFlagsBits } from 'discord.js';
import { WebSocketServer, type WebSocket } from 'ws';

/** The guild and text channel interactions come from by default. */
export const FAKE_GUILD_ID = '800000000000000001';
export const FAKE_CHANNEL_ID = '800000000000000010';

/** The application id READY and /applications/@me report. */
export const FAKE_APP_ID = '900000000000000001';
/** The bot user's id: equal to the application id, as for real bots. */
export const FAKE_BOT_ID = '900000000000000001';

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, percent-decoded (`/webhooks/…/messages/@original`). */
  path: string;
  query: URLSearchParams;
  body: unknown;
  at: number;
}

/** A message stored by POST /channels/{id}/messages. */
export interface StoredMessage {
  id: string;
  channelId: string;
  body: Record<string, unknown>;
}

/** A scripted one-shot response for the next request matching method and path. */
export interface ScriptedResponse {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The running fake. */
export interface FakeDiscord {
  /** REST base for `rest: { api }`. */
  apiUrl: string;
  requests: RecordedRequest[];
  /** Messages by channel id. */
  messages: Map<string, StoredMessage[]>;
  /** Channels that answer every post with 404 Unknown Channel. */
  unknownChannels: Set<string>;
  /** Queues a one-shot response. */
  script(response: ScriptedResponse): void;
  /** Sends a gateway dispatch (e.g. INTERACTION_CREATE) to every connected client. */
  dispatch(event: string, data: unknown): void;
  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(match: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** True once a client has identified. */
  identified: Promise<void>;
  close(): Promise<void>;
}

let nextSnowflake = 1_100_000_000_000_000_000n;
/** A fresh 19-digit id, so @discordjs/rest buckets routes as it does for real ids. */
export function snowflake(): string {
  nextSnowflake += 1n;
  return nextSnowflake.toString();
}

/** Starts the fake on an ephemeral port. */
export async function startFakeDiscord(): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const messages = new Map<string, StoredMessage[]>();
  const byNonce = new Map<string, StoredMessage>();
  const unknownChannels = new Set<string>();
  const scripted: ScriptedResponse[] = [];
  const events = new EventEmitter();
  const sockets = new Set<WebSocket>();
  let sequence = 0;
  let markIdentified!: () => void;
  const identified = new Promise<void>((resolve) => (markIdentified = resolve));

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
      const body = raw.length ? (JSON.parse(raw) as unknown) : undefined;
      const request: RecordedRequest = { method: req.method ?? 'GET', path, query: url.searchParams, body, at: Date.now() };
      requests.push(request);
      events.emit('request', request);
      route(request, res);
    });
  });
  const gateway = new WebSocketServer({ server, path: '/gateway' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  gateway.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d: unknown };
      if (packet.op === 1) send(socket, { op: 11, d: null, s: null, t: null });
      if (packet.op === 2) {
        send(socket, {
          op: 0,
          t: 'READY',
          s: ++sequence,
          d: {
            v: 10,
            session_id: 'fake-session',
            resume_gateway_url: gatewayUrl,
            user: { id: FAKE_BOT_ID, username: 'claimwatch', discriminator: '0', global_name: null, avatar: null, bot: true },
            guilds: [],
            application: { id: FAKE_APP_ID, flags: 0 },
            shard: [0, 1],
          },
        });
        markIdentified();
      }
    });
  });

  function route(request: RecordedRequest, res: ServerResponse): void {
    const scriptIndex = scripted.findIndex((s) => s.method === request.method && s.path.test(request.path));
    if (scriptIndex >= 0) {
      const [response] = scripted.splice(scriptIndex, 1);
      return reply(res, response!.status, response!.body, response!.headers);
    }
    const { method, path } = request;
    if (method === 'GET' && path === '/gateway/bot') {
      return reply(res, 200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/applications/@me') return reply(res, 200, { id: FAKE_APP_ID, name: 'claimwatch', flags: 0 });
    if (method === 'GET' && path === '/users/@me') return reply(res, 200, { id: FAKE_BOT_ID, username: 'claimwatch', bot: true });
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = (request.body as Record<string, unknown>[]).map((command) => ({ ...command, id: snowflake(), application_id: FAKE_APP_ID, version: snowflake() }));
      return reply(res, 200, list);
    }
    // Interaction callbacks answer 204 with no body (with_response=false).
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return reply(res, 204);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(@original|\d+))?$/.exec(path);
    if (webhook) {
      if (method === 'DELETE') return reply(res, 204);
      return reply(res, 200, messageObject(snowflake(), '100000000000000000', request.body));
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessages) return postChannelMessage(channelMessages[1]!, request.body as Record<string, unknown>, res);
    reply(res, 404, { message: '404: Not Found', code: 0 });
  }

  function postChannelMessage(channelId: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (unknownChannels.has(channelId)) return reply(res, 404, { message: 'Unknown Channel', code: 10003 });
    // Discord returns the message it already created for a repeated nonce when enforce_nonce is set.
    const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${channelId}:${String(body.nonce)}` : null;
    const existing = nonceKey ? byNonce.get(nonceKey) : undefined;
    if (existing) return reply(res, 200, messageObject(existing.id, channelId, existing.body));
    const stored: StoredMessage = { id: snowflake(), channelId, body };
    messages.set(channelId, [...(messages.get(channelId) ?? []), stored]);
    if (nonceKey) byNonce.set(nonceKey, stored);
    reply(res, 200, messageObject(stored.id, channelId, body));
  }

  return {
    apiUrl: `${base}/api`,
    requests,
    messages,
    unknownChannels,
    identified,
    script: (response) => scripted.push(response),
    dispatch(event, data) {
      for (const socket of sockets) send(socket, { op: 0, t: event, s: ++sequence, d: data });
    },
    waitForRequest(match, timeoutMs = 10_000) {
      const past = requests.find(match);
      if (past) return Promise.resolve(past);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('request', listener);
          reject(new Error('fake-discord: no matching request in time'));
        }, timeoutMs);
        const listener = (request: RecordedRequest) => {
          if (!match(request)) return;
          clearTimeout(timer);
          events.off('request', listener);
          resolve(request);
        };
        events.on('request', listener);
      });
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A message object complete enough for discord.js to build a Message from it. */
function messageObject(id: string, channelId: string, body: unknown): Record<string, unknown> {
  const data = (body ?? {}) as Record<string, unknown>;
  return {
    id,
    channel_id: channelId,
    type: 0,
    content: typeof data.content === 'string' ? data.content : '',
    embeds: Array.isArray(data.embeds) ? data.embeds : [],
    author: { id: FAKE_BOT_ID, username: 'claimwatch', discriminator: '0', global_name: null, avatar: null, bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    components: [],
    pinned: false,
    flags: typeof data.flags === 'number' ? data.flags : 0,
    nonce: data.nonce,
  };
}

function send(socket: WebSocket, payload: unknown): void {
  socket.send(JSON.stringify(payload));
}

function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An option of an interaction as Discord sends it. */
export type InteractionOption = { name: string; type: number; value: string | boolean; focused?: boolean };

/** An INTERACTION_CREATE payload as Discord sends it from a guild text channel. */
export function interactionPayload(type: 2 | 4, name: string, options: InteractionOption[], opts: { canManage?: boolean; channelId?: string } = {}) {
  const id = snowflake();
  const channelId = opts.channelId ?? FAKE_CHANNEL_ID;
  const memberPermissions = opts.canManage ? PermissionFlagsBits.ManageChannels | PermissionFlagsBits.SendMessages : PermissionFlagsBits.SendMessages;
  return {
    id,
    application_id: FAKE_APP_ID,
    type,
    token: `token-${id}`,
    version: 1,
    data: { id: '700000000000000001', name, type: 1, options, guild_id: FAKE_GUILD_ID },
    guild_id: FAKE_GUILD_ID,
    channel_id: channelId,
    channel: { id: channelId, type: 0, name: 'china-tech', guild_id: FAKE_GUILD_ID },
    member: {
      user: { id: '600000000000000001', username: 'editor', discriminator: '0', global_name: 'Editor', avatar: null },
      roles: [],
      permissions: memberPermissions.toString(),
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
    },
    app_permissions: (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks).toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    // discord.js 14.28 reads both unconditionally and crashes without them.
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
  };
}
