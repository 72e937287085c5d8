/**
 * Cross-file checks of the catalog: unique slugs and URLs, one owner per alias, and references
 * (claim entities and topics, topic `@entity` slugs) that resolve. Schema checks happen before, per file.
 * @module
 */
import { parseTopicQuery } from './query.js';
import type { Catalog, ClaimDef, EntityDef, FeedDef, TopicDef } from './schemas.js';

/** Records a problem at a field path of one file. */
export type Report = (path: readonly PropertyKey[], message: string) => void;

/** A file's list after per-item validation: `items[i]` is undefined where `raw[i]` failed its schema. */
export interface Listed<T> {
  items: Array<T | undefined>;
  raw: unknown[];
  report: Report;
}

type EntityInput = Omit<EntityDef, 'names'>;
type FeedInput = Omit<FeedDef, 'intervalMinutes'> & { intervalMinutes?: number | undefined };

/** The lists of the four files; a missing one could not be read or parsed, and was already reported. */
export interface ValidatedFiles {
  entities: Listed<EntityInput> | undefined;
  topics: Listed<TopicDef> | undefined;
  claims: Listed<ClaimDef> | undefined;
  feeds: (Listed<FeedInput> & { defaults: { intervalMinutes: number } }) | undefined;
}

/** Lower-cased form of an alias, as stored in `entity_aliases.normalized` and looked up by `/facts`. */
export function normalizeAlias(alias: string): string {
  return alias.trim().toLowerCase();
}

/**
 * Runs the cross-file checks and builds the catalog. References are checked against every slug written in
 * the other file, even in items that failed their schema, so one bad entity does not also produce an
 * "unknown entity" line for each claim naming it. Returns undefined when anything is wrong.
 */
export function crossCheck(files: ValidatedFiles): Catalog | undefined {
  let problems = 0;
  const counting = (report: Report): Report => (path, message) => {
    problems++;
    report(path, message);
  };
  const { entities, topics, claims, feeds } = files;
  if (entities) checkEntities(entities.items, counting(entities.report));
  const entitySlugs = entities && writtenSlugs(entities.raw);
  if (topics) checkTopics(topics.items, entitySlugs, counting(topics.report));
  const topicSlugs = topics && writtenSlugs(topics.raw);
  if (claims) checkClaims(claims.items, entitySlugs, topicSlugs, counting(claims.report));
  if (feeds) checkUnique(feeds.items, (f) => f.url, 'feeds', 'url', counting(feeds.report));

  if (problems > 0 || !entities || !topics || !claims || !feeds) return undefined;
  const all = <T>(items: Array<T | undefined>): T[] | undefined =>
    items.every((x) => x !== undefined) ? (items as T[]) : undefined;
  const [e, t, c, f] = [all(entities.items), all(topics.items), all(claims.items), all(feeds.items)];
  if (!e || !t || !c || !f) return undefined;
  return {
    entities: e.map((x) => ({ ...x, names: [x.name, ...x.aliases] })),
    topics: t,
    claims: c,
    feeds: f.map((x) => ({ ...x, intervalMinutes: x.intervalMinutes ?? feeds.defaults.intervalMinutes })),
  };
}

/** Slugs as written, valid item or not. */
function writtenSlugs(raw: unknown[]): Set<string> {
  const slugs = new Set<string>();
  for (const item of raw) {
    const slug = item && typeof item === 'object' ? (item as { slug?: unknown }).slug : undefined;
    if (typeof slug === 'string') slugs.add(slug);
  }
  return slugs;
}

function checkEntities(items: Array<EntityInput | undefined>, report: Report): void {
  checkUnique(items, (e) => e.slug, 'entities', 'slug', report);
  const owner = new Map<string, string>();
  items.forEach((entity, i) => {
    if (!entity) return;
    const names: Array<[PropertyKey[], string]> = [
      [['entities', i, 'name'], entity.name],
      ...entity.aliases.map((alias, j): [PropertyKey[], string] => [['entities', i, 'aliases', j], alias]),
    ];
    for (const [path, name] of names) {
      const key = normalizeAlias(name);
      const previous = owner.get(key);
      if (previous === entity.slug) report(path, `"${name}" is listed twice for this entity`);
      else if (previous !== undefined) report(path, `"${name}" already belongs to entity "${previous}"`);
      else owner.set(key, entity.slug);
    }
  });
}

function checkTopics(items: Array<TopicDef | undefined>, entitySlugs: Set<string> | undefined, report: Report): void {
  checkUnique(items, (t) => t.slug, 'topics', 'slug', report);
  items.forEach((topic, i) => {
    if (!topic) return;
    const parsed = parseTopicQuery(topic.query);
    if (!parsed.ok) {
      report(['topics', i, 'query'], `syntax error at column ${parsed.column}: ${parsed.error}`);
      return;
    }
    for (const slug of parsed.entities) {
      if (entitySlugs && !entitySlugs.has(slug)) report(['topics', i, 'query'], `unknown entity "@${slug}"`);
    }
  });
}

function checkClaims(
  items: Array<ClaimDef | undefined>,
  entitySlugs: Set<string> | undefined,
  topicSlugs: Set<string> | undefined,
  report: Report,
): void {
  checkUnique(items, (c) => c.slug, 'claims', 'slug', report);
  items.forEach((claim, i) => {
    if (!claim) return;
    checkRefs(claim.entities, entitySlugs, 'entity', ['claims', i, 'entities'], report);
    checkRefs(claim.topics, topicSlugs, 'topic', ['claims', i, 'topics'], report);
    if (claim.terms.length === 0 && !claim.parts) report(['claims', i, 'terms'], 'needs at least one term, or `parts` saying what the claim asserts');
    // Parts name entities of the claim's own list; an unknown one there is already reported above.
    if (claim.parts && claim.entities.every((slug) => !entitySlugs || entitySlugs.has(slug))) {
      for (const role of ['subject', 'counterpart'] as const) {
        claim.parts[role].forEach((slug, j) => {
          if (!claim.entities.includes(slug)) report(['claims', i, 'parts', role, j], `entity "${slug}" must also be listed in the claim's entities`);
        });
      }
    }
  });
}

function checkRefs(
  slugs: string[],
  known: Set<string> | undefined,
  what: string,
  path: PropertyKey[],
  report: Report,
): void {
  const seen = new Set<string>();
  slugs.forEach((slug, j) => {
    if (seen.has(slug)) report([...path, j], `${what} "${slug}" is listed twice`);
    else if (known && !known.has(slug)) report([...path, j], `unknown ${what} "${slug}"`);
    seen.add(slug);
  });
}

function checkUnique<T>(
  items: Array<T | undefined>,
  keyOf: (item: T) => string,
  list: string,
  field: string,
  report: Report,
): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    if (!item) return;
    const key = keyOf(item);
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else report([list, i, field], `duplicate ${field} "${key}" (first used at ${list}[${at}])`);
  });
}
