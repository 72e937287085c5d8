/**
 * Reads the four data files, validates each with zod and cross-checks their references.
 * Every problem is collected and thrown once as a `CatalogError`, each naming file, field path and line.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { crossCheck, type Listed, type Report } from './check.js';
import { CatalogError, formatPath, type CatalogIssue } from './errors.js';
import {
  claimSchema,
  claimsFileSchema,
  entitiesFileSchema,
  entitySchema,
  feedSchema,
  feedsFileSchema,
  topicSchema,
  topicsFileSchema,
  type Catalog,
} from './schemas.js';

/** Where the data files are: `dataDir` holds entities/topics/claims (and feeds, unless `feedsFile` is given). */
export interface LoadCatalogOptions {
  dataDir: string;
  /** The feeds file, e.g. from `CLAIMWATCH_FEEDS`; defaults to `<dataDir>/feeds.yaml`. */
  feedsFile?: string;
}

/**
 * Loads and validates the catalog; throws `CatalogError` listing every problem found.
 * @example const catalog = await loadCatalog({ dataDir: 'feeds' });
 */
export async function loadCatalog(options: LoadCatalogOptions | string): Promise<Catalog> {
  const { dataDir, feedsFile } = typeof options === 'string' ? { dataDir: options } : options;
  const issues: CatalogIssue[] = [];
  const [entities, topics, claims, feeds] = await Promise.all([
    readList(join(dataDir, 'entities.yaml'), entitiesFileSchema, 'entities', entitySchema, issues),
    readList(join(dataDir, 'topics.yaml'), topicsFileSchema, 'topics', topicSchema, issues),
    readList(join(dataDir, 'claims.yaml'), claimsFileSchema, 'claims', claimSchema, issues),
    readList(feedsFile ?? join(dataDir, 'feeds.yaml'), feedsFileSchema, 'feeds', feedSchema, issues),
  ]);
  const catalog = crossCheck({
    entities,
    topics,
    claims,
    feeds: feeds && { ...feeds, defaults: feeds.envelope.defaults },
  });
  if (issues.length > 0 || !catalog) throw new CatalogError(issues.sort(byFileAndLine));
  return catalog;
}

/**
 * Parses a file's envelope, then each list item on its own, keeping item positions (a failed item is
 * `undefined`) so later messages still point at the right index.
 */
async function readList<E extends z.ZodType, I extends z.ZodType>(
  path: string,
  envelopeSchema: E,
  key: string,
  itemSchema: I,
  issues: CatalogIssue[],
): Promise<(Listed<z.output<I>> & { envelope: z.output<E> }) | undefined> {
  const parsed = await readYaml(path, issues);
  if (!parsed) return undefined;
  const envelope = envelopeSchema.safeParse(parsed.data);
  if (!envelope.success) {
    reportZod(envelope.error.issues, [], parsed.report);
    return undefined;
  }
  const raw = (envelope.data as Record<string, unknown[]>)[key] ?? [];
  const items = raw.map((item, i) => {
    const result = itemSchema.safeParse(item);
    if (result.success) return result.data as z.output<I>;
    reportZod(result.error.issues, [key, i], parsed.report);
    return undefined;
  });
  return { envelope: envelope.data, items, raw, report: parsed.report };
}

function reportZod(zodIssues: z.core.$ZodIssue[], prefix: PropertyKey[], report: Report): void {
  for (const issue of zodIssues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) report([...path, key], 'unknown field (misspelt?)');
    } else if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      report(path, `missing (${issue.expected} required)`);
    } else {
      report(path, issue.message);
    }
  }
}

async function readYaml(path: string, issues: CatalogIssue[]): Promise<{ data: unknown; report: Report } | undefined> {
  const file = displayPath(path);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    issues.push({ file, path: '', message: code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // The library appends " at line L, column C:" and a source excerpt; the line goes in its own field.
      const message = `YAML syntax error: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
      const line = error.linePos?.[0]?.line;
      issues.push(line === undefined ? { file, path: '', message } : { file, path: '', message, line });
    }
    return undefined;
  }
  const report: Report = (segments, message) => {
    const line = locate(doc, lineCounter, segments);
    const issue: CatalogIssue = { file, path: formatPath(segments), message };
    issues.push(line === undefined ? issue : { ...issue, line });
  };
  return { data: doc.toJS(), report };
}

/** The line of the deepest node on `segments` that exists, so a missing field points at its parent. */
function locate(doc: Document, lines: LineCounter, segments: readonly PropertyKey[]): number | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function byFileAndLine(a: CatalogIssue, b: CatalogIssue): number {
  return a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1;
}

/** Paths under the working directory are shown relative to it, as a reviewer would type them. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
