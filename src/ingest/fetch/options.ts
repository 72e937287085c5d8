/** What `createFeedFetcher` accepts; every field but `userAgent` has a default. */
export interface FetchOptions {
  /** Honest User-Agent with a contact URL, e.g. `claimwatch/0.1 (+https://github.com/claimwatch/claimwatch)`. */
  userAgent: string;
  /** Deadline for one feed over connect, every redirect hop, headers and body (not the wait for a per-host slot). */
  timeoutMs: number;
  /** Decoded body bytes read before giving up with 'too-large'. */
  maxBodyBytes: number;
  /** Redirect hops followed before 'too-many-redirects'. */
  maxRedirects: number;
  /** False refuses every address that is not public unicast (SSRF guard); tests against 127.0.0.1 set true. */
  allowPrivateAddresses: boolean;
  /** Requests in flight at once per origin, so one outlet is not hammered by its many feeds. */
  perHostConcurrency: number;
}

/** Defaults for every option but `userAgent`. */
export const DEFAULT_FETCH_OPTIONS: Omit<FetchOptions, 'userAgent'> = {
  timeoutMs: 20_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivateAddresses: false,
  perHostConcurrency: 2,
};

/** Thrown by `createFeedFetcher` for nonsense options: a broken start, not a per-feed outcome. */
export class FetchConfigError extends Error {
  override name = 'FetchConfigError';
}

/** Fills in defaults and checks each number, naming the bad option. */
export function resolveFetchOptions(input: Partial<FetchOptions> & { userAgent: string }): FetchOptions {
  const options: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...withoutUndefined(input), userAgent: input.userAgent };
  if (options.userAgent.trim() === '') throw new FetchConfigError('fetch: userAgent must not be empty');
  requireInteger('timeoutMs', options.timeoutMs, 1);
  requireInteger('maxBodyBytes', options.maxBodyBytes, 1);
  requireInteger('maxRedirects', options.maxRedirects, 0);
  requireInteger('perHostConcurrency', options.perHostConcurrency, 1);
  return options;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new FetchConfigError(`fetch: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

// `{ timeoutMs: undefined }` from an optional config field must not wipe out the default.
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
