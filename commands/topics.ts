/**
 * `/topics`: every topic, what this channel follows, and when its next digest is due.
 * @module
 */
import { DateTime } from 'luxon';
import type { CommandDefinition } from './types.js';
import { nextScheduledAt } from '../src/deliver/digest-schedule.js';

/** The `/topics` command. */
export const topicsCommand: CommandDefinition = {
  name: 'topics',
  description: 'List topics and what this channel follows',
  usage: '/topics',
  options: [],
  permission: 'everyone',
  async run(ctx) {
    const { store } = ctx.services;
    const [all, followed] = await Promise.all([store.topics(), store.subscriptionsOf(ctx.platform, ctx.channel.externalId)]);
    const paused = followed.find((s) => s.pausedReason)?.pausedReason;
    return {
      title: 'Topics',
      summary: followed.length
        ? `This channel follows ${followed.length} topic${followed.length === 1 ? '' : 's'}.`
        : 'This channel follows no topics yet: /subscribe <topic>.',
      sections: all.map((topic) => {
        const sub = followed.find((s) => s.topicSlug === topic.slug);
        const lines = [topic.description];
        if (sub) {
          const next = DateTime.fromJSDate(nextScheduledAt(sub.digestTime, sub.timezone, ctx.now), { zone: sub.timezone });
          lines.push(`✔ Followed: digest daily at ${sub.digestTime} ${sub.timezone} (next ${next.toFormat('ccc d LLL HH:mm')}), alerts ${sub.alerts ? 'on' : 'off'}`);
        }
        return { heading: `${topic.slug}: ${topic.name}`, lines };
      }),
      context: paused ? `⏸ Posting to this channel is paused: ${paused}` : undefined,
      ephemeral: false,
    };
  },
};
