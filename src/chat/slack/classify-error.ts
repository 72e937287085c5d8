/**
 * What a failed Slack Web API call means for a delivery: wait and retry, pause the channel, or try later.
 * One pure function, like MonitoRSS's result-processor, so the rules are read and tested in one place.
 * @module
 */

/** The verdict on one failed call. */
export type SlackErrorClass =
  /** 429: wait `retryAfterMs`, then the same post may be sent again (Slack did not store it). */
  | { kind: 'rate-limited'; retryAfterMs: number }
  /** The channel cannot take posts any more; retrying will not help until someone acts. */
  | { kind: 'gone'; reason: string }
  /** 5xx, network, or anything unexpected: try again on a later run. */
  | { kind: 'failed'; reason: string };

/**
 * Platform error codes after which posting to this channel cannot succeed
 * (https://docs.slack.dev/reference/methods/chat.postMessage#errors). `token_revoked` and
 * `account_inactive` concern the whole install, but pausing each channel as it fails stops the retries
 * all the same, and a command from the channel resumes it after re-install.
 */
const GONE_CODES = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'account_inactive', 'token_revoked', 'missing_scope']);

/** Used when Slack answers `ratelimited` in a 200 body, which carries no Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * Classifies an error thrown by @slack/web-api. It reads the errors' `code` field rather than using
 * `instanceof`, because a second copy of @slack/web-api in node_modules would make `instanceof` fail.
 */
export function classifySlackError(error: unknown): SlackErrorClass {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown };
    original?: { message?: unknown };
    message?: unknown;
  };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) && e.retryAfter >= 0 ? e.retryAfter : 1;
      return { kind: 'rate-limited', retryAfterMs: seconds * 1000 };
    }
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (GONE_CODES.has(code)) return { kind: 'gone', reason: code };
      if (code === 'ratelimited') return { kind: 'rate-limited', retryAfterMs: DEFAULT_RETRY_AFTER_MS };
      return { kind: 'failed', reason: code };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status === 403 || status === 404) return { kind: 'gone', reason: `http_${status}` };
      return { kind: 'failed', reason: `http_${status}` };
    }
    case 'slack_webapi_request_error':
      return { kind: 'failed', reason: `network: ${String(e.original?.message ?? e.message ?? 'request failed')}` };
    default:
      return { kind: 'failed', reason: typeof e.message === 'string' ? e.message : String(error) };
  }
}
