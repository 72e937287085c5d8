/**
 * Zod schemas of the four reviewed data files in `feeds/`, and the types they produce.
 * Objects are strict so a misspelt key ("entites") is an error rather than silently ignored.
 * @module
 */
import { z } from 'zod';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** YYYY, YYYY-MM or YYYY-MM-DD with a real month and day. */
const PARTIAL_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

const text = z.string().trim().min(1, 'must not be empty');
const slug = z.string().regex(SLUG, 'must be a lowercase-kebab slug (a-z, 0-9, single hyphens)');

/** A year written bare in YAML (`date: 2024`) is a number; accept it as the string it means. */
const partialDate = z
  .union([z.string(), z.int().min(1900).max(2999)])
  .transform(String)
  .pipe(z.string().regex(PARTIAL_DATE, 'must be YYYY, YYYY-MM or YYYY-MM-DD'));

export const ENTITY_KINDS = ['company', 'organization', 'person'] as const;
export const FIGURE_UNITS = ['USD', 'USD/year', 'USD/month', 'CNY', 'percent', 'multiplier', 'rank', 'count'] as const;
export const FIGURE_QUALIFIERS = ['more than', 'nearly', 'about', 'roughly', 'at least', 'up to', 'less than'] as const;
export const FEED_LANGUAGES = ['en', 'zh'] as const;
/**
 * What a claim can assert between its subject and its counterpart: each is a bilingual family of cue words
 * the project ships once (src/match/claims/relations.ts), so a new claim needs no phrasings of its own.
 */
export const RELATIONS = ['buys-from', 'sells-to', 'spends-on', 'hosts-in', 'blocks', 'complains-to'] as const;

export const entitySchema = z.strictObject({
  slug,
  name: text,
  kind: z.enum(ENTITY_KINDS),
  description: text,
  aliases: z.array(text).default([]),
});


export const topicSchema = z.strictObject({
  slug,
  name: text,
  description: text,
  query: text,
});


export const figureSchema = z
  .strictObject({
    value: z.number(),
    valueMax: z.number().optional(),
    unit: z.enum(FIGURE_UNITS),
    period: text.optional(),
    qualifier: z.enum(FIGURE_QUALIFIERS).optional(),
    base: text.optional(),
    scope: text.optional(),
    text,
  })
  .refine((f) => f.valueMax === undefined || f.valueMax > f.value, {
    message: 'must be greater than value',
    path: ['valueMax'],
  });

export const reportedBySchema = z.strictObject({
  source: text,
  date: partialDate,
  note: text.optional(),
});

/**
 * What a claim asserts, part by part: who (`subject`, one entity or several: "Tencent, Meituan and Ant
 * Group"), the relation, the counterpart, and where. `negated`: the claim is that the relation does not hold
 * ("Anthropic does not sell to companies in China").
 */
export const claimPartsSchema = z.strictObject({
  subject: z.array(slug).min(1, 'needs at least one entity'),
  relation: z.enum(RELATIONS),
  counterpart: z.array(slug).default([]),
  place: text.optional(),
  negated: z.boolean().default(false),
});

export const claimSchema = z.strictObject({
  slug,
  /** A short news-style line for chat ("ByteDance's Microsoft AI bill tops $1 billion a year"). */
  headline: text.max(120, 'must be at most 120 characters: it is a one-line title').optional(),
  statement: text.max(400, 'must be at most 400 characters: a claim is one sentence or two'),
  importance: z.int().min(1),
  entities: z.array(slug),
  topics: z.array(slug),
  reportedBy: z.array(reportedBySchema).min(1, 'needs at least one source'),
  /** Phrases that boost a match; optional for a claim with `parts`, which are matched without them. */
  terms: z.array(text).default([]),
  figure: figureSchema.optional(),
  parts: claimPartsSchema.optional(),
});


/** Minutes between polls; 2 is the floor so one feed cannot hammer a site. */
const intervalMinutes = z.number().min(2, 'must be at least 2 (minutes)');

export const feedSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  title: text,
  outlet: text,
  language: z.enum(FEED_LANGUAGES),
  intervalMinutes: intervalMinutes.optional(),
});

/**
 * File envelopes. List items are validated one by one (with the item schemas above) so that one bad claim
 * does not hide the reference errors of the others.
 */
const list = z.array(z.unknown()).min(1, 'must list at least one item');
export const entitiesFileSchema = z.strictObject({ entities: list });
export const topicsFileSchema = z.strictObject({ topics: list });
export const claimsFileSchema = z.strictObject({ claims: list });
export const feedsFileSchema = z.strictObject({
  defaults: z.strictObject({ intervalMinutes }).default({ intervalMinutes: 10 }),
  feeds: list,
});

/** A figure as written in claims.yaml; a superset of the database's `Figure`. */
export type FigureDef = z.infer<typeof figureSchema>;
/** One "who said it, when" entry of a claim. */
export type ReportedByDef = z.infer<typeof reportedBySchema>;
/** A tracked claim as written in claims.yaml. */
export type ClaimDef = z.infer<typeof claimSchema>;
/** A claim's parts as written in claims.yaml. */
export type ClaimPartsDef = z.infer<typeof claimPartsSchema>;
/** A subscribable topic as written in topics.yaml. */
export type TopicDef = z.infer<typeof topicSchema>;

/** An entity from entities.yaml; `names` is the name followed by the aliases, every string that denotes it. */
export type EntityDef = z.infer<typeof entitySchema> & { names: string[] };

/** A feed from feeds.yaml with the default interval applied. */
export type FeedDef = Omit<z.infer<typeof feedSchema>, 'intervalMinutes'> & { intervalMinutes: number };

/** The validated, cross-checked contents of the data files. */
export interface Catalog {
  entities: EntityDef[];
  topics: TopicDef[];
  claims: ClaimDef[];
  feeds: FeedDef[];
}
