/**
 * What the chat commands read and write, declared here by the commands that need it; `src/db/command-store.ts`
 * implements it on PGlite and PostgreSQL, and tests may pass a small in-memory one. Commands reach storage
 * through nothing else.
 * @module
 */
import type { ClaimListing, Platform } from '../src/model/index.js';

/** A tracked company or person, with every name it goes by. */
export interface EntityNames {
  slug: string;
  name: string;
  aliases: string[];
}

/** A topic channels can follow. */
export interface TopicListing {
  id: number;
  slug: string;
  name: string;
  description: string;
}

/** One subscription of a channel, and whether posting to the channel is paused. */
export interface ChannelSubscription {
  topicSlug: string;
  digestTime: string;
  timezone: string;
  alerts: boolean;
  pausedReason: string | null;
}

/** A chat channel as the platform names it. */
export interface ChannelRef {
  externalId: string;
  workspaceId?: string | null;
  name?: string | null;
}

export interface CommandStore {
  /** Every entity, with its names, in catalog order. */
  entities(): Promise<EntityNames[]>;
  /** Every entity with the number of active claims about it. */
  entitiesWithCounts(): Promise<{ slug: string; name: string; claims: number }[]>;
  /** The active claims about an entity, most important first. */
  claimsAbout(entitySlug: string): Promise<ClaimListing[]>;
  /** All topics, in catalog order. */
  topics(): Promise<TopicListing[]>;
  /** A channel's subscriptions, in topic order. */
  subscriptionsOf(platform: Platform, externalId: string): Promise<ChannelSubscription[]>;
  /** Follows a topic in a channel (created on first use), or updates the existing subscription. */
  subscribe(platform: Platform, channel: ChannelRef, topicId: number, settings: { digestTime: string; timezone: string; alerts: boolean; at: Date }): Promise<void>;
  /** Stops following these topics in a channel. */
  unsubscribe(platform: Platform, externalId: string, topicSlugs: readonly string[]): Promise<void>;
}
