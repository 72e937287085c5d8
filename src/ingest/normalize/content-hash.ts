/**
 * The last dedup key: the same story text under a new URL or guid hashes the same.
 * @module
 */
import { createHash } from 'node:crypto';

/** NFKC folds full-width Latin and digits (common in Chinese feeds) onto ASCII before comparing. */
function normalizeForHash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** sha256 hex of the normalized title, a newline, and the normalized text. */
export function contentHash(title: string, text: string): string {
  return createHash('sha256').update(`${normalizeForHash(title)}\n${normalizeForHash(text)}`).digest('hex');
}
