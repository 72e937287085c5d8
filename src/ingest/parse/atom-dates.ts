/**
 * Rescue for Atom feeds with one unreadable date.
 *
 * rss-parser runs `new Date(published).toISOString()` unguarded on Atom entries, so a single
 * `<published>yesterday</published>` throws `RangeError: Invalid time value` and loses every entry
 * (hazard 6). RSS pubDates are guarded and only lose `isoDate`.
 * @module
 */

/** `<published>`/`<updated>` (any namespace prefix) with plain text content. */
const DATE_ELEMENT = /<((?:[\w.-]+:)?(?:published|updated))(\s[^>]*)?>([^<]*)<\/\1\s*>/g;

/** True for the RangeError rss-parser throws on an unreadable Atom date. */
export function isInvalidDateError(err: unknown): boolean {
  return err instanceof RangeError && /invalid time value/i.test(err.message);
}

/** Empty the content of every `<published>`/`<updated>` element whose text `Date` cannot read. */
export function blankInvalidDates(xml: string): string {
  return xml.replace(DATE_ELEMENT, (whole, name: string, attrs: string | undefined, value: string) => {
    // Same call rss-parser makes (`new Date(raw)`), so we blank exactly what would throw.
    if (value.trim() === '' || !Number.isNaN(new Date(value).getTime())) return whole;
    return `<${name}${attrs ?? ''}></${name}>`;
  });
}
