import { parseHttpDate } from './http-date.js';

/**
 * Reads a Retry-After header (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as milliseconds from `now`;
 * null when absent or unreadable, 0 for a date already past.
 */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const text = value.trim();
  // delay-seconds = 1*DIGIT, so "-5" or "1.5" are not delays (and "-5" is no date either).
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text, now);
  if (date === null) return null;
  return Math.max(0, date.getTime() - now.getTime());
}
