/**
 * The platform-neutral vocabulary of chat: the reply model every command returns, the command contract,
 * and the adapter contract each platform (Slack, Discord, console) implements.
 * Nothing here knows Block Kit or embeds; the adapters translate.
 * @module
 */
import type { Db } from '../db/client.js';
import type { Platform } from '../model/index.js';
import type { CommandStore } from '../../commands/store.js';

/** A link shown under a section ("Bloomberg, 2026-06-17"). */
export interface ReplyLink {
  label: string;
  url: string;
}

/** A short name/value pair ("Status: corroborated"). */
export interface ReplyField {
  name: string;
  value: string;
}

/** One block of a reply: a claim in `/facts`, a story in a digest. Never split across messages. */
export interface ReplySection {
  heading?: string;
  /** Plain text lines; feed text in them is neutralized for mentions by the adapters. */
  lines: string[];
  fields?: ReplyField[];
  links?: ReplyLink[];
}

/** What a command answers: rendered as Block Kit, embeds or plain text. */
export interface Reply {
  title: string;
  /** A paragraph under the title. */
  summary?: string;
  sections: ReplySection[];
  /** A footer line ("3 independent origins · updated 2 h ago"). */
  context?: string;
  /** Only the person who ran the command sees it (errors, help). */
  ephemeral: boolean;
}

export type OptionType = 'string' | 'boolean';

/** A command option, declared once for both platforms. */
export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required: boolean;
  choices?: readonly string[];
  /** Values are suggested as the user types (Discord autocomplete). */
  autocomplete?: 'entity' | 'topic' | 'subscribed-topic' | 'timezone';
}

/** Who ran a command, where. */
export interface CommandContext {
  platform: Platform;
  channel: { externalId: string; workspaceId?: string | null; name?: string | null };
  user: { id: string; name?: string | null };
  /** The user may manage this channel (Discord Manage Channels; Slack: anyone, by workspace policy). */
  canManage: boolean;
  services: CommandServices;
  now: Date;
}

/** What commands may use. */
export interface CommandServices {
  /** What the commands read and write (commands/store.ts). */
  store: CommandStore;
  /** For the adapters' own bookkeeping (posting, pausing a channel): commands use `store`. */
  db: Db;
  /** Default time zone for digests (config TZ). */
  timeZone: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** One user command, platform-neutral. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** One-line usage shown in help and errors, e.g. "/facts <entity>". */
  usage: string;
  options: readonly CommandOption[];
  permission: 'everyone' | 'manage-channel';
  run(ctx: CommandContext, options: OptionValues): Promise<Reply>;
}

/** A choice offered while typing. */
export interface Choice {
  name: string;
  value: string;
}

/** An error meant for the person who ran the command: shown as an ephemeral reply. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** A message to post in a channel (digests, alerts); `key` makes the post idempotent. */
export interface OutgoingMessage {
  channelExternalId: string;
  reply: Reply;
  key: string;
}

/** The contract every platform adapter implements. */
export interface ChatAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
}
