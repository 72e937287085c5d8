/**
 * The product's vocabulary as plain types: what a claim, its evidence, a drift, a channel and a delivery are,
 * independent of how they are stored. The drizzle schema (src/db/schema.ts) maps its columns to these; pure
 * stages (matching, stories, chat) import them from here, never the schema.
 * @module
 */

export type FeedStatus = 'ok' | 'error' | 'disabled';

export type ClaimStatus = 'reported' | 'corroborated' | 'updated' | 'disputed' | 'confirmed' | 'denied' | 'superseded';

/** A structured figure: "more than US$1 billion a year". */
export interface Figure {
  value: number;
  /** Upper bound of a range ("US$20–22 billion"). */
  valueMax?: number;
  unit: string;
  period?: string;
  qualifier?: string;
  /** What a share is a share of ("total revenue"). */
  base?: string;
  /** What the figure is counted over ("AI", "Singapore"). */
  scope?: string;
  /** Free text as we state it, for display. */
  text?: string;
}

/** What a claim asserts, part by part (claims.yaml `parts`): matched without listed phrasings. */
export interface ClaimParts {
  subject: string[];
  relation: string;
  counterpart: string[];
  place?: string;
  negated: boolean;
}

export interface ReportedBy {
  source: string;
  date: string;
  note?: string;
}

export type Stance = 'supports' | 'contradicts' | 'mentions' | 'updates';

export type EvidenceTier = 'auto' | 'suggestion';

export interface DriftPhrasing {
  text: string;
  articleUrl: string | null;
  origin: string;
}

/** One wording of a drifting claim and every article and origin that used it. */
export interface DriftVariant {
  /** The normalized value compared ("x3 below", "superlative:chinese customer"). */
  value: string;
  /** The wordings as written, distinct ("nearly tripled", "近三倍"). */
  texts: string[];
  articles: { url: string | null; outlet: string | null; origin: string }[];
  origins: string[];
}

export type Platform = 'slack' | 'discord' | 'console';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** How an origin was decided, most certain first. */
export type OriginBasis = 'named' | 'own-reporting' | 'rewrite' | 'unnamed-sources' | 'unknown';

/** One piece of evidence as `/facts` and `claims --json` list it. */
export interface EvidenceListing {
  articleUrl: string | null;
  articleTitle: string;
  outlet: string | null;
  origin: string;
  stance: Stance;
  tier: EvidenceTier;
  quote: string;
  score: number;
  figure?: Figure;
  publishedAt: string;
  /** The story the article belongs to, or null when it bears on none. */
  storyId: number | null;
  language: string;
}

export interface ClaimListing {
  slug: string;
  /** A one-line title for chat (claims.yaml `headline`), or null. */
  headline: string | null;
  statement: string;
  status: ClaimStatus;
  importance: number;
  figure: Figure | null;
  entities: string[];
  topics: string[];
  evidence: EvidenceListing[];
  /** Distinct known origins of automatic supporting evidence: what corroboration counts. */
  origins: string[];
  /** Distinct outlets that published automatic supporting evidence: how widely it was repeated. */
  outlets: string[];
  drifts: { kind: string; phrasings: { text: string; articleUrl: string | null; origin: string }[]; variants: DriftVariant[] }[];
}

// The platform-neutral reply model: what a command answers and what a digest or alert posts. The chat
// adapters render it as Block Kit, embeds or plain text.

/** A link shown under a section ("Bloomberg, 2026-06-17"). */
export interface ReplyLink {
  label: string;
  url: string;
}

/** A short name/value pair ("Status: corroborated"). */
export interface ReplyField {
  name: string;
  value: string;
}

/** One block of a reply: a claim in `/facts`, a story in a digest. Never split across messages. */
export interface ReplySection {
  heading?: string;
  /** Plain text lines; feed text in them is neutralized for mentions by the adapters. */
  lines: string[];
  fields?: ReplyField[];
  links?: ReplyLink[];
}

/** What a command answers: rendered as Block Kit, embeds or plain text. */
export interface Reply {
  title: string;
  /** A paragraph under the title. */
  summary?: string;
  sections: ReplySection[];
  /** A footer line ("3 independent origins · updated 2 h ago"). */
  context?: string;
  /** Only the person who ran the command sees it (errors, help). */
  ephemeral: boolean;
}

/** A story as `claimwatch stories --json` lists it. */
export interface StoryListing {
  id: number;
  title: string;
  firstSeen: string;
  /** The origin the story's reporting rests on, or null while unknown. */
  origin: string | null;
  articles: { url: string | null; outlet: string | null; origin: string | null; originBasis: string | null; originReason: string | null; language: string; title: string }[];
  /** Distinct known origins of the articles. */
  origins: string[];
}

/** A feed as `claimwatch feeds --json` lists it. */
export interface FeedListing {
  url: string;
  title: string | null;
  outlet: string | null;
  status: FeedStatus;
  lastError: string | null;
  lastNotice: string | null;
  disabledReason: string | null;
  lastFetchedAt: string | null;
  nextFetchAt: string | null;
  itemCount: number;
}
