/** Thrown when the database cannot be opened; the CLI prints its message as one line and exits non-zero. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * The database's own reason for a failed statement, on one line: drizzle wraps the driver's error in one whose
 * message is the whole query, and the reason is its `cause`.
 */
export function databaseErrorMessage(error: unknown): string {
  let reason = error;
  while (reason instanceof Error && reason.cause instanceof Error) reason = reason.cause;
  const message = reason instanceof Error ? reason.message : String(reason);
  return message.split('\n')[0]!.trim();
}
