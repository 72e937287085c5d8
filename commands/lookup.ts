/**
 * Lookups the commands share, over the commands' store: an entity by any of its names, the names closest to a
 * misspelling, and what to offer while a user types.
 * @module
 */
import { distance } from 'fastest-levenshtein';
import type { CommandStore, EntityNames } from './store.js';

/** Finds an entity by slug, name or any alias, case-insensitively, English or Chinese. */
export async function resolveEntity(store: Pick<CommandStore, 'entities'>, query: string): Promise<EntityNames | null> {
  const normalized = query.trim().toLowerCase();
  const all = await store.entities();
  return all.find((entity) => entity.slug === normalized || entity.name.toLowerCase() === normalized || entity.aliases.some((alias) => alias.trim().toLowerCase() === normalized)) ?? null;
}

/** Entity names closest to a misspelt query ("bytdance" → ByteDance). */
export async function closestEntities(store: Pick<CommandStore, 'entities'>, query: string, limit: number): Promise<string[]> {
  const normalized = query.trim().toLowerCase();
  const scored = (await store.entities()).map((entity) => ({
    name: entity.name,
    score: Math.min(
      ...[entity.slug, entity.name.toLowerCase(), ...entity.aliases.map((alias) => alias.trim().toLowerCase())].map(
        (candidate) => distance(normalized, candidate) / Math.max(candidate.length, normalized.length),
      ),
    ),
  }));
  return scored
    .filter((entry) => entry.score <= 0.5)
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** Entity names and topic slugs that start with (or contain) what the user typed, for autocomplete. */
export async function suggest(store: Pick<CommandStore, 'entities' | 'topics'>, kind: 'entity' | 'topic', typed: string, limit = 25): Promise<{ name: string; value: string }[]> {
  const needle = typed.trim().toLowerCase();
  if (kind === 'topic') {
    return (await store.topics())
      .filter((t) => needle === '' || t.slug.includes(needle) || t.name.toLowerCase().includes(needle))
      .slice(0, limit)
      .map((t) => ({ name: `${t.slug}: ${t.name}`.slice(0, 100), value: t.slug }));
  }
  const found: { name: string; value: string }[] = [];
  for (const entity of await store.entities()) {
    const names = [entity.name, ...entity.aliases];
    const hit = needle === '' ? entity.name : names.find((n) => n.toLowerCase().startsWith(needle)) ?? names.find((n) => n.toLowerCase().includes(needle));
    if (hit) found.push({ name: hit === entity.name ? entity.name : `${hit} (${entity.name})`, value: entity.slug });
  }
  return found.slice(0, limit);
}
