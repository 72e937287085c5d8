/**
 * Choices offered while a user types an option: entities, topics, the channel's own topics, time zones.
 * @module
 */
import type { CommandStore } from '../../../commands/store.js';
import type { Choice, CommandOption, CommandRegistry } from '../../../commands/types.js';

/** Discord shows at most 25 choices; names and values are 1–100 characters. */
const MAX_CHOICES = 25;
const CHOICE_MAX = 100;

/** Zones most of our readers use, offered first (and alone when nothing is typed yet). */
const COMMON_ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Pacific/Auckland',
];

/** The choices for one autocomplete option kind, given what was typed so far. */
export async function suggestChoices(
  kind: CommandOption['autocomplete'],
  typed: string,
  deps: { store: CommandStore; suggest: CommandRegistry['suggest']; channelId: string },
): Promise<Choice[]> {
  let choices: Choice[];
  switch (kind) {
    case 'entity':
    case 'topic':
      choices = await deps.suggest(deps.store, kind, typed, MAX_CHOICES);
      break;
    case 'subscribed-topic':
      choices = await subscribedTopics(deps.store, deps.channelId, typed);
      break;
    case 'timezone':
      choices = timeZones(typed).map((zone) => ({ name: zone, value: zone }));
      break;
    default:
      choices = [];
  }
  return choices.slice(0, MAX_CHOICES).map((choice) => ({ name: clip(choice.name), value: choice.value.slice(0, CHOICE_MAX) }));
}

/** What `/unsubscribe` can remove here: the channel's topics, then "all". */
async function subscribedTopics(store: CommandStore, channelId: string, typed: string): Promise<Choice[]> {
  const needle = typed.trim().toLowerCase();
  const followed = await store.subscriptionsOf('discord', channelId);
  if (followed.length === 0) return [];
  const slugs = [...followed.map((s) => s.topicSlug), 'all'];
  return slugs.filter((slug) => slug.includes(needle)).map((slug) => ({ name: slug, value: slug }));
}

/** IANA zones matching what was typed ("shang", "new york"), common ones first. */
export function timeZones(typed: string): string[] {
  const needle = typed.trim().toLowerCase().replace(/\s+/gu, '_');
  if (needle === '') return COMMON_ZONES.slice(0, MAX_CHOICES);
  const matches = (zone: string) => zone.toLowerCase().includes(needle);
  const all = Intl.supportedValuesOf('timeZone');
  return [...new Set([...COMMON_ZONES.filter(matches), ...all.filter(matches)])].slice(0, MAX_CHOICES);
}

function clip(text: string): string {
  return text.length <= CHOICE_MAX ? text : `${text.slice(0, CHOICE_MAX - 1)}…`;
}
