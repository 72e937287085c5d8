/**
 * The reviewed data files in `feeds/` (entities, topics, claims, feeds): loading, validation and OPML parsing.
 * Writing them to the database is src/db/catalog-sync.ts and src/db/feed-sync.ts.
 * @module
 */
export { loadCatalog, type LoadCatalogOptions } from './load.js';
export { importOpml, parseOpml, type AddOpmlFeeds, type OpmlFeed, type OpmlImportResult, type SkippedOutline } from './opml.js';
export { CatalogError, formatIssue, type CatalogIssue } from './errors.js';
export { normalizeAlias } from './check.js';
export { parseTopicQuery, type QueryNode, type QueryParseResult } from './query.js';
export type { Catalog, ClaimDef, EntityDef, FeedDef, FigureDef, ReportedByDef, TopicDef } from './schemas.js';
