/**
 * `/unsubscribe <topic|all>`: the channel stops following a topic, or everything.
 * @module
 */
import { and, eq, inArray } from 'drizzle-orm';
import { chatChannels, subscriptions, topics } from '../src/db/schema.js';
import type { CommandDefinition } from '../src/chat/types.js';
import { UserFacingError } from '../src/chat/types.js';
import { channelSubscriptions } from './lookup.js';

/** The `/unsubscribe` command. */
export const unsubscribeCommand: CommandDefinition = {
  name: 'unsubscribe',
  description: 'Stop following a topic (or all) in this channel',
  usage: '/unsubscribe <topic|all>',
  options: [{ name: 'topic', description: 'Topic to stop following, or "all"', type: 'string', required: true, autocomplete: 'subscribed-topic' }],
  permission: 'manage-channel',
  async run(ctx, options) {
    const { db } = ctx.services;
    const slug = String(options.topic ?? '').trim().toLowerCase();
    const current = await channelSubscriptions(db, ctx.platform, ctx.channel.externalId);
    const targets = slug === 'all' ? current.map((s) => s.topicSlug) : current.some((s) => s.topicSlug === slug) ? [slug] : [];
    if (targets.length === 0) {
      throw new UserFacingError(
        slug === 'all' ? 'This channel follows no topics.' : `This channel does not follow "${slug}".`,
        current.length ? [`It follows: ${current.map((s) => s.topicSlug).join(', ')}`] : ['Follow one with /subscribe <topic>.'],
      );
    }
    const [channel] = await db
      .select({ id: chatChannels.id })
      .from(chatChannels)
      .where(and(eq(chatChannels.platform, ctx.platform), eq(chatChannels.externalId, ctx.channel.externalId)));
    const topicRows = await db.select({ id: topics.id }).from(topics).where(inArray(topics.slug, targets));
    await db
      .delete(subscriptions)
      .where(and(eq(subscriptions.channelId, channel!.id), inArray(subscriptions.topicId, topicRows.map((t) => t.id))));
    return {
      title: `Unsubscribed from ${targets.join(', ')}`,
      sections: [],
      context: 'See what this channel still follows with /topics.',
      ephemeral: false,
    };
  },
};
