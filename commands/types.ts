/**
 * The command contract: what a command declares (name, options, permission), what it is given when it runs
 * (who ran it, where, and the services it may use), and the error a person sees. Commands answer with the
 * platform-neutral Reply (src/model); the chat adapters and the CLI run them through the registry in index.ts.
 * @module
 */
import type { Platform, Reply } from '../src/model/index.js';
import type { CommandStore } from './store.js';

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
  /** What the commands read and write (store.ts). */
  store: CommandStore;
  /** Default time zone for digests (config TZ). */
  timeZone: string;
  /** Where people reach the claim board (CLAIMWATCH_PUBLIC_URL), to link claims to their pages; null when not public. */
  boardUrl?: string | null;
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

/** The commands, as the adapters reach them: given by the composition root, never imported by an adapter. */
export interface CommandRegistry {
  readonly commands: readonly CommandDefinition[];
  find(name: string): CommandDefinition | undefined;
  /** Runs one command: option checks, permission, a UserFacingError as an ephemeral reply; other errors throw. */
  run(command: CommandDefinition, ctx: CommandContext, options: OptionValues): Promise<Reply>;
  /** Options from the text after a Slack-style command ("/subscribe azure-china digest:08:30"). */
  parse(command: CommandDefinition, text: string): OptionValues;
  /** Entities or topics matching what was typed, for autocomplete. */
  suggest(store: CommandStore, kind: 'entity' | 'topic', typed: string, limit: number): Promise<Choice[]>;
  /** An ephemeral error reply. */
  errorReply(message: string, details?: string[]): Reply;
}
