/**
 * What every CLI command shares: configuration, the logger, the runtime, and turning expected failures
 * into one clear line and a non-zero exit.
 * @module
 */
import { ConfigError, loadDotEnv, parseConfig, type Config } from '../config.js';
import { DatabaseUnavailableError } from '../db/errors.js';
import { createLogger, type Logger } from '../log.js';
import { openRuntime, syncData, type Runtime } from '../runtime.js';
import { catalogIsEmpty } from '../db/catalog-sync.js';
import { countArticles } from '../db/article-store.js';
import { CatalogError } from '../catalog/index.js';

/** An error whose message is meant for the person at the terminal, printed without a stack. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Reads `.env` and the environment into a Config, or exits with the config error. */
export function loadConfig(): Config {
  loadDotEnv();
  return parseConfig(process.env);
}

/** Runs `action` with an open runtime and always closes it. */
export async function withRuntime<T>(action: (runtime: Runtime) => Promise<T>, opts: { logLevel?: string } = {}): Promise<T> {
  const config = loadConfig();
  const log = createLogger(opts.logLevel ?? config.logLevel, { format: config.logFormat });
  const runtime = await openRuntime(config, log);
  try {
    await ensureCatalog(runtime);
    return await action(runtime);
  } finally {
    await runtime.close();
  }
}

/** A fresh data folder: load feeds/ first, as `start` does, so every command answers on the first try. */
export async function ensureCatalog(runtime: Runtime): Promise<void> {
  if (await catalogIsEmpty(runtime.db)) await syncData(runtime);
}

/** On stderr, the next step when nothing has been polled yet: an empty answer is not an error, but it needs one. */
export async function hintIfNoArticles(runtime: Runtime): Promise<void> {
  if ((await countArticles(runtime.db)) > 0) return;
  process.stderr.write('claimwatch: no articles yet: run `claimwatch poll --once` or `npm start` (or `claimwatch demo` to see it work offline)\n');
}

/** Prints expected failures as one line on stderr and sets the exit code; rethrows bugs. */
export function reportCliFailure(error: unknown, log?: Logger): number {
  if (
    error instanceof ConfigError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof CatalogError ||
    error instanceof CliError
  ) {
    process.stderr.write(`claimwatch: ${error.message}\n`);
    return error instanceof CliError ? error.exitCode : error instanceof ConfigError ? 2 : 1;
  }
  if (log) log.fatal({ err: error }, 'claimwatch: unexpected error');
  else process.stderr.write(`claimwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

/** Writes a value as pretty JSON on stdout (the `--json` contract). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a plain-text table on stdout. */
export function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, i) => Math.min(60, Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells.map((cell, i) => truncate(cell, widths[i] ?? 20).padEnd(widths[i] ?? 20)).join('  ').trimEnd();
  process.stdout.write(`${[line(headers), ...rows.map(line)].join('\n')}\n`);
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
