/**
 * The reviewed data files in `feeds/` (entities, topics, claims, feeds): loading, validation, database sync,
 * and OPML import.
 * @module
 */
export { loadCatalog, type LoadCatalogOptions } from './load.js';
export { syncCatalog, CLAIM_ADDED_CAUSE, type SyncSummary } from '../db/catalog-sync.js';
export { REMOVED_FROM_FEEDS_FILE, type FeedSyncCounts } from '../db/feed-sync.js';
export { importOpml, parseOpml, type OpmlFeed, type OpmlImportResult } from './opml.js';
export { CatalogError, formatIssue, type CatalogIssue } from './errors.js';
export { normalizeAlias } from './check.js';
export { parseTopicQuery, type QueryNode, type QueryParseResult } from './query.js';
export type { Catalog, ClaimDef, EntityDef, FeedDef, FigureDef, ReportedByDef, TopicDef } from './schemas.js';
