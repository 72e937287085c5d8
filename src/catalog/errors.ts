/**
 * The one error the catalog loader throws: every problem found in the data files, each naming file and field.
 * @module
 */

/** One problem in a data file: `feeds/claims.yaml: claims[3].entities[1]: unknown entity "bytdance" (line 42)`. */
export interface CatalogIssue {
  file: string;
  /** Field path such as `claims[3].entities[1]`; empty for the whole file. */
  path: string;
  message: string;
  line?: number;
}

/** Thrown by `loadCatalog` with all problems at once, so a reviewer fixes a file in one pass. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  constructor(readonly issues: CatalogIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`catalog: ${count} in the data files:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
}

/** Formats an issue as one line: file, field path, message, then the line when known. */
export function formatIssue(issue: CatalogIssue): string {
  const where = issue.path ? `${issue.file}: ${issue.path}` : issue.file;
  const line = issue.line === undefined ? '' : ` (line ${issue.line})`;
  return `${where}: ${issue.message}${line}`;
}

/** Renders a zod/YAML path (`['claims', 3, 'entities', 1]`) as `claims[3].entities[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
