/**
 * `/unsubscribe <topic|all>`: the channel stops following a topic, or everything.
 * @module
 */
import { type CommandDefinition, UserFacingError } from './types.js';

/** The `/unsubscribe` command. */
export const unsubscribeCommand: CommandDefinition = {
  name: 'unsubscribe',
  description: 'Stop following a topic (or all) in this channel',
  usage: '/unsubscribe <topic|all>',
  options: [{ name: 'topic', description: 'Topic to stop following, or "all"', type: 'string', required: true, autocomplete: 'subscribed-topic' }],
  permission: 'manage-channel',
  async run(ctx, options) {
    const { store } = ctx.services;
    const slug = String(options.topic ?? '').trim().toLowerCase();
    const current = await store.subscriptionsOf(ctx.platform, ctx.channel.externalId);
    const targets = slug === 'all' ? current.map((s) => s.topicSlug) : current.some((s) => s.topicSlug === slug) ? [slug] : [];
    if (targets.length === 0) {
      throw new UserFacingError(
        slug === 'all' ? 'This channel follows no topics.' : `This channel does not follow "${slug}".`,
        current.length ? [`It follows: ${current.map((s) => s.topicSlug).join(', ')}`] : ['Follow one with /subscribe <topic>.'],
      );
    }
    await store.unsubscribe(ctx.platform, ctx.channel.externalId, targets);
    return {
      title: `Unsubscribed from ${targets.join(', ')}`,
      sections: [],
      context: 'See what this channel still follows with /topics.',
      ephemeral: false,
    };
  },
};
