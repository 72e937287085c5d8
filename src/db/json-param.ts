/**
 * Rows travel to the database as one JSON parameter (`jsonb_to_recordset`). jsonb refuses two things a
 * string can hold: a lone UTF-16 surrogate (a feed's text cut inside an emoji) and NUL, which PostgreSQL text
 * cannot hold at all. They become U+FFFD and nothing, so one odd item cannot fail a batch of feeds.
 * @module
 */

/**
 * JSON.stringify writes a lone surrogate or a NUL as a `\uXXXX` escape (paired surrogates stay raw), so they
 * are found in the output; an even run of backslashes before the escape is escaped text, not an escape.
 */
const REFUSED_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(0000|d[89a-f][0-9a-f]{2})/gi;

/** `value` as JSON text that jsonb accepts. */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value).replace(REFUSED_ESCAPE, (_match, backslashes: string, code: string) =>
    code === '0000' ? backslashes : `${backslashes}\\ufffd`,
  );
}
