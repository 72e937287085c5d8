/** Thrown when the database cannot be opened; the CLI prints its message as one line and exits non-zero. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}
