/**
 * Publication dates we can trust, or the time first seen, flagged as an estimate.
 * @module
 */

/** How far ahead a feed's date may run (time zones, clock skew) before it is treated as a lie. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** Earlier than any web feed: epoch-zero and year-1 dates come from broken generators. */
const EARLIEST = Date.UTC(1995, 0, 1);

/** The item's date when valid and not more than a day ahead of `now`; otherwise `now`, estimated. */
export function resolvePublished(
  publishedIso: string | null,
  now: Date,
): { publishedAt: Date; publishedEstimated: boolean } {
  const time = publishedIso ? Date.parse(publishedIso) : Number.NaN;
  if (Number.isNaN(time) || time < EARLIEST || time > now.getTime() + MAX_FUTURE_MS) {
    return { publishedAt: new Date(now.getTime()), publishedEstimated: true };
  }
  return { publishedAt: new Date(time), publishedEstimated: false };
}
