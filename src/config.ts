/**
 * Configuration from the environment (and `.env` when present), validated once at start.
 * Stages receive their slice of it, never `process.env`.
 * @module
 */
import { existsSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const timeZone = z.string().refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Asia/Shanghai)' });

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  CLAIMWATCH_FEEDS: z.string().min(1).default('feeds/feeds.yaml'),
  CLAIMWATCH_DATA_FILES: z.string().min(1).default('feeds'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty` lines for people, `json` for machines; unset: pretty on a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /** The health and metrics listener: `off`, or a port (0 picks a free one; each worker on one machine needs its own). */
  CLAIMWATCH_HTTP_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)]).default(9464),
  CLAIMWATCH_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** Required on the claim board's pages when set (a deployment on a public address). */
  CLAIMWATCH_BOARD_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  /** Where people reach the board (https://claims.example.org): chat answers link claims and stories to it. */
  CLAIMWATCH_PUBLIC_URL: z.url().optional(),
  TZ: timeZone.default('UTC'),
  CLAIMWATCH_USER_AGENT: z.string().min(1).default('claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)'),
  CLAIMWATCH_FETCH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(20_000),
  CLAIMWATCH_MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(10 * 1024 * 1024),
  CLAIMWATCH_PER_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  CLAIMWATCH_FETCH_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(32),
  CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES: boolFromEnv.default(false),
  CLAIMWATCH_MAX_AGE_DAYS: z.coerce.number().min(0.01).max(365).default(7),
  CLAIMWATCH_MAX_ITEMS_PER_FEED: z.coerce.number().int().min(10).max(100_000).default(2_000),
  CLAIMWATCH_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  CLAIMWATCH_POLL_TICK: z.string().min(1).default('*/30 * * * * *'),
  CLAIMWATCH_DELIVERY_TICK: z.string().min(1).default('* * * * *'),
  CLAIMWATCH_PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', { message: 'must start with xoxb-' }).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', { message: 'must start with xapp-' }).optional(),
  SLACK_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  SLACK_API_URL: z.url().optional(),
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: z.url().optional(),
  CLAIMWATCH_DIGEST_QUIET_LINE: boolFromEnv.default(false),
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/, { message: 'must be a numeric guild id' }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  feedsFile: string;
  dataFilesDir: string;
  logLevel: Env['LOG_LEVEL'];
  /** Unset: decided by whether stderr is a terminal (see createLogger). */
  logFormat?: 'pretty' | 'json';
  /** The health and metrics listener, which also serves the claim board; null when off. */
  http: { host: string; port: number } | null;
  board: { token: string | null; publicUrl: string | null };
  timeZone: string;
  fetch: {
    userAgent: string;
    timeoutMs: number;
    maxBodyBytes: number;
    perHostConcurrency: number;
    allowPrivateAddresses: boolean;
  };
  poll: {
    concurrency: number;
    maxAgeMs: number;
    /** A feed's newest items kept per poll. */
    maxItemsPerFeed: number;
    parseTimeoutMs: number;
    leaseMs: number;
    tick: string;
  };
  /** Cron expression of the delivery pass (digests due, outbox sends). */
  deliveryTick: string;
  slack: { botToken: string; signingSecret?: string; appToken?: string; port: number; apiUrl?: string } | null;
  discord: { token: string; guildId?: string; apiUrl?: string } | null;
  /** Post "nothing new" on quiet days instead of nothing. */
  digestQuietLine: boolean;
}

/** Thrown for invalid configuration; its message lists every bad variable by name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads `.env` (if present) into `process.env` without overriding variables already set. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Validates the environment into a Config; throws ConfigError naming each bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // Empty strings (FOO= in .env) mean "unset", as most tools treat them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`config: invalid environment: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  for (const name of ['CLAIMWATCH_POLL_TICK', 'CLAIMWATCH_DELIVERY_TICK'] as const) {
    if (!cron.validate(e[name])) throw new ConfigError(`config: invalid environment: ${name}: not a cron expression ("${e[name]}")`);
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'config: invalid environment: SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
    );
  }
  return {
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
    dataDir: e.DATA_DIR,
    feedsFile: e.CLAIMWATCH_FEEDS,
    dataFilesDir: e.CLAIMWATCH_DATA_FILES,
    logLevel: e.LOG_LEVEL,
    ...(e.LOG_FORMAT ? { logFormat: e.LOG_FORMAT } : {}),
    http: e.CLAIMWATCH_HTTP_PORT === 'off' ? null : { host: e.CLAIMWATCH_HTTP_HOST, port: e.CLAIMWATCH_HTTP_PORT },
    board: { token: e.CLAIMWATCH_BOARD_TOKEN ?? null, publicUrl: e.CLAIMWATCH_PUBLIC_URL?.replace(/\/+$/, '') ?? null },
    timeZone: e.TZ,
    fetch: {
      userAgent: e.CLAIMWATCH_USER_AGENT,
      timeoutMs: e.CLAIMWATCH_FETCH_TIMEOUT_MS,
      maxBodyBytes: e.CLAIMWATCH_MAX_BODY_BYTES,
      perHostConcurrency: e.CLAIMWATCH_PER_HOST_CONCURRENCY,
      allowPrivateAddresses: e.CLAIMWATCH_ALLOW_PRIVATE_ADDRESSES,
    },
    poll: {
      concurrency: e.CLAIMWATCH_FETCH_CONCURRENCY,
      maxAgeMs: e.CLAIMWATCH_MAX_AGE_DAYS * 86_400_000,
      maxItemsPerFeed: e.CLAIMWATCH_MAX_ITEMS_PER_FEED,
      parseTimeoutMs: e.CLAIMWATCH_PARSE_TIMEOUT_MS,
      leaseMs: e.CLAIMWATCH_LEASE_SECONDS * 1000,
      tick: e.CLAIMWATCH_POLL_TICK,
    },
    deliveryTick: e.CLAIMWATCH_DELIVERY_TICK,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, port: e.SLACK_PORT, apiUrl: e.SLACK_API_URL }
      : null,
    discord: e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL } : null,
    digestQuietLine: e.CLAIMWATCH_DIGEST_QUIET_LINE,
  };
}

/** The config with secrets masked, for `claimwatch config`. */
export function describeConfig(config: Config): Record<string, unknown> {
  // Not even a prefix of a secret is shown: a few characters of a signing secret narrow a guess.
  const mask = (value: string | undefined) => (value ? `set (${value.length} chars)` : undefined);
  return {
    ...config,
    database: config.database.kind === 'postgres' ? { kind: 'postgres', url: maskDatabaseUrl(config.database.url) } : config.database,
    slack: config.slack
      ? {
          botToken: mask(config.slack.botToken),
          signingSecret: mask(config.slack.signingSecret),
          appToken: mask(config.slack.appToken),
          port: config.slack.port,
          apiUrl: config.slack.apiUrl,
        }
      : null,
    discord: config.discord ? { token: mask(config.discord.token), guildId: config.discord.guildId, apiUrl: config.discord.apiUrl } : null,
  };
}

/** A database URL with its password hidden, in the user info and in any password-like query parameter. */
export function maskDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) if (/pass|secret|token/i.test(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return '(unparsable URL, hidden)';
  }
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
