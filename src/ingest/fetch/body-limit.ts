/**
 * The body cap. A feed is a few hundred KB; a server that streams forever, or a small gzip that inflates to
 * gigabytes, must cost us at most `maxBytes` of memory. The count is of decoded bytes, which is what we hold.
 */
import type { ReadableStream } from 'node:stream/web';
import { formatBytes } from './format.js';
import type { HeaderReader } from './conditional-get.js';
import type { FetchFailure } from './result.js';

/** A 'too-large' failure when Content-Length already says the body is over the cap, else null. */
export function checkDeclaredLength(headers: HeaderReader, maxBytes: number): FetchFailure | null {
  const declared = Number(headers.get('content-length') ?? Number.NaN);
  if (!Number.isFinite(declared) || declared <= maxBytes) return null;
  const message = `fetch: body is ${declared} bytes (Content-Length), over the ${formatBytes(maxBytes)} limit`;
  return { status: 'failed', reason: 'too-large', message };
}

/**
 * Reads a body chunk by chunk; as soon as the total passes `maxBytes` it cancels the stream (which aborts the
 * request and drops the socket) and returns a 'too-large' failure.
 */
export async function readBodyWithLimit(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Buffer | FetchFailure> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      const message = `fetch: body passed the ${formatBytes(maxBytes)} limit; stopped reading`;
      return { status: 'failed', reason: 'too-large', message };
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
