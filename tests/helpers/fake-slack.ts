/**
 * A small fake of Slack on 127.0.0.1 for running the real Bolt app: the Web API methods claimwatch calls
 * (auth.test, chat.postMessage, conversations.history, apps.connections.open), response_url endpoints that
 * record `respond()` calls, and a Socket Mode WebSocket. Plus helpers to send signed slash commands.
 * @module
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A Web API call as the fake received it; JSON-valued arguments (blocks, metadata) are parsed. */
export interface ApiCall {
  method: string;
  token: string | null;
  args: Record<string, unknown>;
  /** The raw form body, to check nothing unsafe was sent in any field. */
  raw: string;
  at: number;
}

/** A message stored by chat.postMessage. */
export interface StoredMessage {
  ts: string;
  text: string;
  blocks: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  at: number;
}

/** A scripted answer to the next call of a method (status 200 + body, or e.g. 429 with Retry-After). */
export interface ScriptedResponse {
  /** Answer this call normally (to script, say, only the second call). */
  passThrough?: boolean;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A running fake. */
export interface FakeSlack {
  url: string;
  /** Web API base for `slackApiUrl`, with the trailing slash WebClient expects. */
  apiUrl: string;
  calls: ApiCall[];
  /** chat.postMessage results per channel, oldest first. */
  messages: Map<string, StoredMessage[]>;
  /** `respond()` bodies per response_url id, in arrival order. */
  responds: Map<string, Record<string, unknown>[]>;
  /** Envelope acks received over Socket Mode. */
  socketAcks: Record<string, unknown>[];
  /** chat.postMessage to these channels answers `{ ok: false, error }`. */
  channelErrors: Map<string, string>;
  /** Queues answers for the next calls of `method`, used before the normal behaviour. */
  script(method: string, ...responses: ScriptedResponse[]): void;
  responseUrl(id: string): string;
  /** Sends an envelope to every connected Socket Mode client. */
  sendEnvelope(envelope: Record<string, unknown>): void;
  /** Resolves when a Socket Mode client is connected and has been sent `hello`. */
  socketConnected(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const messages = new Map<string, StoredMessage[]>();
  const responds = new Map<string, Record<string, unknown>[]>();
  const socketAcks: Record<string, unknown>[] = [];
  const channelErrors = new Map<string, string>();
  const scripts = new Map<string, ScriptedResponse[]>();
  const sockets = new Set<WebSocket>();
  let connectedWaiters: (() => void)[] = [];
  let tsCounter = 0;
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const api = (method: string, args: Record<string, unknown>, token: string | null): ScriptedResponse => {
    switch (method) {
      case 'auth.test':
        return { body: { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'claimwatch', team_id: 'T1', user_id: 'U_BOT', bot_id: 'B_BOT' } };
      case 'apps.connections.open':
        if (!token?.startsWith('xapp-')) return { body: { ok: false, error: 'not_allowed_token_type' } };
        return { body: { ok: true, url: `${base.replace('http://', 'ws://')}/socket` } };
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        const error = channelErrors.get(channel);
        if (error) return { body: { ok: false, error } };
        tsCounter += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
        const stored: StoredMessage = {
          ts,
          text: String(args.text ?? ''),
          blocks: args.blocks,
          metadata: args.metadata as StoredMessage['metadata'],
          at: Date.now(),
        };
        messages.set(channel, [...(messages.get(channel) ?? []), stored]);
        return { body: { ok: true, channel, ts, message: { text: stored.text, ts } } };
      }
      case 'conversations.history': {
        const channel = String(args.channel ?? '');
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
        const limit = Number(args.limit ?? 100);
        const newestFirst = [...(messages.get(channel) ?? [])].reverse().slice(0, limit);
        return {
          body: {
            ok: true,
            has_more: false,
            messages: newestFirst.map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'B_BOT', ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) })),
          },
        };
      }
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  };

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (req.method === 'POST' && path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const args = parseForm(raw);
        const auth = req.headers.authorization;
        const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : typeof args.token === 'string' ? args.token : null;
        calls.push({ method, token, args, raw, at: Date.now() });
        const scripted = scripts.get(method)?.shift();
        const answer = scripted && !scripted.passThrough ? scripted : api(method, args, token);
        return json(res, answer.status ?? 200, answer.body, answer.headers);
      }
      if (req.method === 'POST' && path.startsWith('/respond/')) {
        const id = path.slice('/respond/'.length);
        responds.set(id, [...(responds.get(id) ?? []), JSON.parse(raw) as Record<string, unknown>]);
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('ok');
      }
      return json(res, 404, { ok: false, error: 'not_found' });
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://fake').pathname !== '/socket') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => socketAcks.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A_APP' }, debug_info: { host: 'fake' } }));
      const waiters = connectedWaiters;
      connectedWaiters = [];
      for (const resolve of waiters) resolve();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/api/`,
    calls,
    messages,
    responds,
    socketAcks,
    channelErrors,
    script(method, ...responses) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...responses]);
    },
    responseUrl: (id) => `${base}/respond/${id}`,
    sendEnvelope(envelope) {
      for (const ws of sockets) ws.send(JSON.stringify(envelope));
    },
    socketConnected: () => (sockets.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => connectedWaiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The slash-command form fields Slack sends (https://docs.slack.dev/interactivity/implementing-slash-commands). */
export function slashCommandFields(command: string, text: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    command,
    text,
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: '1.2.3',
    user_id: 'U_ALICE',
    user_name: 'alice',
    team_id: 'T1',
    team_domain: 'fake',
    channel_id: 'C_GENERAL',
    channel_name: 'general',
    api_app_id: 'A_APP',
    ...overrides,
  };
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a slash command to the app, signed with `secret` (or a forged signature), and reports status and time. */
export async function sendSlashCommand(
  appUrl: string,
  secret: string,
  fields: Record<string, string>,
  opts: { timestamp?: number; signature?: string } = {},
): Promise<{ status: number; ms: number }> {
  const body = new URLSearchParams(fields).toString();
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const response = await fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    // Exactly this content type: Bolt answers 400 to a charset suffix.
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? signSlackRequest(secret, timestamp, body),
    },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`fake-slack: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Form fields; values that WebClient JSON-encoded (blocks, metadata) come back as objects. */
function parseForm(raw: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const looksJson = (value.startsWith('{') && value.endsWith('}')) || (value.startsWith('[') && value.endsWith(']'));
    try {
      args[key] = looksJson ? (JSON.parse(value) as unknown) : value;
    } catch {
      args[key] = value;
    }
  }
  return args;
}
