/**
 * The chat side of a process: posters for the outbox (any worker may send), and the listening adapters
 * (Slack receiver or Socket Mode, Discord gateway) that only one process per token may run.
 *
 * With PGlite there is one process, so it listens. On PostgreSQL the right to listen is a lease in the
 * database (`leases`, name "chat"): the holder renews it; the others stand by and take over when the holder
 * stops renewing, so a dead chat worker is replaced within a minute.
 * @module
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Platform } from '../model/index.js';
import { createConsoleAdapter } from './console/adapter.js';
import type { ChatAdapter, ChatDeps, ChatLease } from './types.js';
import type { Poster } from '../deliver/outbox.js';

export interface RunningChat {
  posters: Partial<Record<Platform, Poster>>;
  /** True while this process holds the chat gateways. */
  readonly listening: boolean;
  stop(): Promise<void>;
}

export type ChatRole = 'listen' | 'lease' | 'off';

const LEASE_TTL_MS = 60_000;
const RENEW_EVERY_MS = 20_000;

/**
 * Creates the configured adapters and posters. `role`: `listen` always listens (PGlite, or one chosen
 * process), `lease` listens while holding the chat lease, `off` only posts.
 */
export async function startChat(
  config: Config,
  deps: Omit<ChatDeps, 'log'> & { log: Logger; role: ChatRole; lease?: ChatLease; owner?: string },
): Promise<RunningChat> {
  const posters: Partial<Record<Platform, Poster>> = { console: createConsoleAdapter() };
  const adapters: ChatAdapter[] = [];
  // The platform libraries load only when configured: together they add about 0.6 s to every start.
  if (config.slack) {
    const { createSlackAdapter } = await import('./slack/index.js');
    const slack = createSlackAdapter(
      { botToken: config.slack.botToken, signingSecret: config.slack.signingSecret, appToken: config.slack.appToken, port: config.slack.port, apiUrl: config.slack.apiUrl },
      { ...deps, log: deps.log.child({ stage: 'slack' }) },
    );
    adapters.push(slack);
    posters.slack = slack;
  }
  if (config.discord) {
    const { createDiscordAdapter } = await import('./discord/index.js');
    const discord = createDiscordAdapter(
      { token: config.discord.token, guildId: config.discord.guildId, apiUrl: config.discord.apiUrl },
      { ...deps, log: deps.log.child({ stage: 'discord' }) },
    );
    adapters.push(discord);
    posters.discord = discord;
  }

  let listening = false;
  const listen = async () => {
    if (listening || adapters.length === 0) return;
    await Promise.all(adapters.map((adapter) => adapter.start()));
    listening = true;
    deps.log.info({ platforms: adapters.map((a) => a.platform) }, `chat: listening for commands on ${adapters.map((a) => a.platform).join(', ')}`);
  };
  const unlisten = async () => {
    if (!listening) return;
    listening = false;
    await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
  };

  let timer: NodeJS.Timeout | null = null;
  if (deps.role === 'listen') {
    await listen();
  } else if (deps.role === 'lease' && adapters.length > 0) {
    const { lease, owner } = deps;
    if (!lease || !owner) throw new Error('chat: the lease role needs a lease and an owner');
    const tick = async () => {
      const held = await lease.acquire(owner, new Date(), LEASE_TTL_MS).catch((error: unknown) => {
        deps.log.warn({ err: error }, 'chat: could not renew the chat lease');
        return false;
      });
      if (held && !listening) await listen();
      else if (!held && listening) {
        deps.log.warn('chat: lost the chat lease to another worker; no longer listening');
        await unlisten();
      } else if (!held) deps.log.debug('chat: another worker holds the chat gateways; standing by');
    };
    await tick();
    if (!listening) deps.log.info('chat: another worker holds the chat gateways; this one only polls and sends');
    timer = setInterval(() => void tick(), RENEW_EVERY_MS);
  }
  return {
    posters,
    get listening() {
      return listening;
    },
    async stop() {
      if (timer) clearInterval(timer);
      const wasListening = listening;
      await unlisten();
      if (wasListening && deps.role === 'lease' && deps.lease && deps.owner) await deps.lease.release(deps.owner).catch(() => {});
    },
  };
}
