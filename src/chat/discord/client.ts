/**
 * The Discord adapter: a discord.js gateway client for slash commands and autocomplete, its REST
 * client for channel posts, and command registration at start.
 * @module
 */
import { Client, Events, GatewayIntentBits, RESTEvents, type Interaction } from 'discord.js';
import type { Reply } from '../../model/index.js';
import { handleAutocomplete, handleChatInput, type InteractionDeps } from './interactions.js';
import { postReply, rejectLongChannelWaits } from './post.js';
import { fetchApplicationId, putCommands } from './register-commands.js';
import type { DiscordAdapter, DiscordAdapterConfig, DiscordAdapterDeps } from './types.js';

/** How long `start()` waits for the gateway to say it is ready. */
const READY_TIMEOUT_MS = 30_000;

/**
 * Creates the Discord adapter. `start()` logs in, waits for `clientReady` and registers the commands.
 * @example
 * const discord = createDiscordAdapter({ token, guildId }, { services, registry, channels, log });
 * await discord.start();
 * await discord.post(channelId, reply, { key: `digest:${subscriptionId}:${day}` });
 */
export function createDiscordAdapter(config: DiscordAdapterConfig, deps: DiscordAdapterDeps): DiscordAdapter {
  const log = deps.log.child({ adapter: 'discord' });
  const now = deps.now ?? (() => new Date());
  const client = new Client({
    // Slash commands arrive without any privileged intent; Guilds keeps channel names in the cache.
    intents: [GatewayIntentBits.Guilds],
    // Applied by discord.js to every message it builds (interaction replies); raw posts set it themselves.
    allowedMentions: { parse: [] },
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), rejectOnRateLimit: rejectLongChannelWaits },
  });
  // Set before login so post() and registerCommands() work over REST even without the gateway.
  client.rest.setToken(config.token);
  const interactionDeps: InteractionDeps = { ...deps, log, now };
  // Handlers still running, so stop() can let them finish before the client goes away.
  const inFlight = new Set<Promise<void>>();

  client.on(Events.InteractionCreate, (interaction) => {
    const task = dispatch(interaction, interactionDeps).finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord: client error'));
  client.on(Events.Warn, (message) => log.warn(`discord: ${message}`));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'discord: rate limited; waiting'),
  );

  const adapter: DiscordAdapter = {
    platform: 'discord',
    async start() {
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`discord: gateway not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
        // discord.js 14.28 emits `clientReady` (the old `ready` name is deprecated and warns).
        client.once(Events.ClientReady, () => resolve());
      });
      try {
        await client.login(config.token);
        await ready;
      } finally {
        clearTimeout(timer);
      }
      const count = await adapter.registerCommands();
      log.info({ user: client.user?.tag, commands: count, guildId: config.guildId ?? null }, 'discord: connected, commands registered');
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
    post(channelId: string, reply: Reply, opts: { key: string }) {
      return postReply({ rest: client.rest, channels: deps.channels, log, now }, channelId, reply, opts.key);
    },
    async registerCommands() {
      // After READY the application id is known; before it (CLI use) ask REST.
      const applicationId = client.application?.id ?? (await fetchApplicationId(client.rest));
      return putCommands(client.rest, { applicationId, guildId: config.guildId }, deps.registry.commands);
    },
  };
  return adapter;
}

/** Routes an interaction to its handler; failures to answer (expired token, network) are logged, never thrown. */
async function dispatch(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await handleChatInput(interaction, deps);
    else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, deps);
  } catch (error) {
    deps.log.error({ err: error, interactionId: interaction.id }, 'discord: could not answer an interaction');
  }
}
