/**
 * The rows of a raw `db.execute(sql…)` statement, whichever driver ran it.
 * @module
 */

/** PGlite and node-postgres both answer a raw statement with `{ rows }`. */
export async function rowsOf<T>(result: Promise<unknown>): Promise<T[]> {
  return ((await result) as { rows: T[] }).rows;
}
