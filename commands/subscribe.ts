/**
 * `/subscribe <topic> [digest:HH:MM] [timezone] [alerts:on|off]`: the channel follows a topic.
 * Subscribing again updates the existing subscription, never duplicates it.
 * @module
 */
import { DateTime } from 'luxon';
import { type CommandDefinition, UserFacingError } from './types.js';
import { nextScheduledAt } from '../src/deliver/digest-schedule.js';

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The `/subscribe` command. */
export const subscribeCommand: CommandDefinition = {
  name: 'subscribe',
  description: 'Follow a topic in this channel: a daily digest and alerts',
  usage: '/subscribe <topic> [digest:HH:MM] [timezone] [alerts:on|off]   e.g. /subscribe azure-china digest:08:30 Asia/Shanghai',
  options: [
    { name: 'topic', description: 'Topic to follow (see /topics)', type: 'string', required: true, autocomplete: 'topic' },
    { name: 'digest', description: 'Local time of the daily digest, HH:MM (default 09:00)', type: 'string', required: false },
    { name: 'timezone', description: 'IANA time zone, e.g. Asia/Shanghai (default: the bot’s)', type: 'string', required: false, autocomplete: 'timezone' },
    { name: 'alerts', description: 'Post alerts for high-signal events (default on)', type: 'string', required: false, choices: ['on', 'off'] },
  ],
  permission: 'manage-channel',
  async run(ctx, options) {
    const { store } = ctx.services;
    const slug = String(options.topic ?? '').trim().toLowerCase();
    const all = await store.topics();
    const topic = all.find((t) => t.slug === slug);
    if (!topic) {
      throw new UserFacingError(`Unknown topic "${slug}".`, [`Valid topics: ${all.map((t) => t.slug).join(', ')}`]);
    }
    const digestTime = normalizeTime(typeof options.digest === 'string' ? options.digest : '09:00');
    const timezone = typeof options.timezone === 'string' && options.timezone.trim() ? options.timezone.trim() : ctx.services.timeZone;
    if (!DateTime.local().setZone(timezone).isValid) {
      throw new UserFacingError(`Unknown time zone "${timezone}".`, ['Use an IANA name such as Asia/Shanghai, Europe/London or America/New_York.']);
    }
    const alertsOption = options.alerts;
    if (alertsOption !== undefined && alertsOption !== 'on' && alertsOption !== 'off' && typeof alertsOption !== 'boolean') {
      throw new UserFacingError(`alerts must be "on" or "off", not "${String(alertsOption)}".`);
    }
    const alerts = alertsOption === undefined ? true : alertsOption === 'on' || alertsOption === true;
    await store.subscribe(ctx.platform, ctx.channel, topic.id, { digestTime, timezone, alerts, at: ctx.now });
    const next = nextScheduledAt(digestTime, timezone, ctx.now);
    return {
      title: `Subscribed to ${topic.slug}`,
      summary: topic.description,
      sections: [
        {
          lines: [],
          fields: [
            { name: 'Daily digest', value: `${digestTime} ${timezone}` },
            { name: 'Next digest', value: DateTime.fromJSDate(next, { zone: timezone }).toFormat("ccc d LLL, HH:mm ZZZZ") },
            { name: 'Alerts', value: alerts ? 'on' : 'off' },
          ],
        },
      ],
      context: 'Change it by subscribing again; stop with /unsubscribe.',
      ephemeral: false,
    };
  },
};

function normalizeTime(value: string): string {
  const match = HHMM.exec(value.trim());
  if (!match) throw new UserFacingError(`digest must be a time as HH:MM (24 h), not "${value}".`);
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}
