/**
 * The parse stage's orchestrator: decode → detect → JSON Feed here, or XML in a worker pool with a hard
 * deadline. Reads top to bottom like Miniflux's `parser.ParseFeed`.
 * @module
 */
import { Piscina } from 'piscina';
import type { ParseResult } from '../types.js';
import { decodeBody } from './charset.js';
import { detectDocument } from './detect.js';
import { parseJsonFeed } from './json-feed.js';
import type { XmlParseOutcome, XmlParseTask } from './parse-in-worker.js';
import { prepareParsedFeed, type PrepareRequest, type PrepareResult } from '../prepare.js';

/** Knobs for {@link createFeedParser}; every one has a default. */
export interface FeedParserOptions {
  /** Hard deadline for one XML parse, counted from when a worker takes it. Default 5,000 ms. */
  deadlineMs?: number;
  /** Worker threads, i.e. XML parses at once. Default 2 (the project's machines have 2 cores). */
  maxThreads?: number;
  /**
   * Old-generation heap cap per worker; a feed that blows it fails alone. Default 128 MB: a 10 MB feed (the
   * fetch cap) of 5,200 items parses in 96 MB, and an uncapped worker's heap grows lazily towards the cap.
   * (A 9 MB feed of 5,200 on-topic items parses, normalizes and screens in 1.0–1.5 s within it.) The young
   * generation is held to 24 MB, as the main thread's is (`--max-semi-space-size=8`): its default let the
   * two workers' garbage add 25–60 MB to the peak RSS of preparing 800 feeds (326–338 vs 350–397 MB).
   */
  maxHeapMb?: number;
}

/** A parse stage that owns worker threads: call `close()` or the process will not exit. */
export interface FeedParser {
  /** Parse one fetched body; every failure is a value, never a throw. */
  parseFeed(body: Buffer, contentType: string | null): Promise<ParseResult>;
  /** Parse, normalize and screen one fetched body, in the worker for XML (see prepare.ts). */
  prepareFeed(body: Buffer, contentType: string | null, request: PrepareRequest): Promise<PrepareResult>;
  /** Terminate the workers; parses still running fail with "parse: parser closed". */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./parse-worker.mjs', import.meta.url).href;

/** A counting semaphore, so a parse's deadline starts when a thread takes it, not while it queues. */
function createSlots(size: number): { acquire(): Promise<void>; release(): void } {
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    async acquire() {
      if (free > 0) {
        free--;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))}s`;
}

/** Create a parse stage backed by a piscina pool; XML parses past `deadlineMs` are killed, not awaited. */
export function createFeedParser(options: FeedParserOptions = {}): FeedParser {
  const deadlineMs = options.deadlineMs ?? 5_000;
  const maxThreads = options.maxThreads ?? 2;
  // Created on the first XML parse: processes that never parse (deliver, CLI listings) skip the ~0.4 s a
  // worker thread takes to load tsx and rss-parser.
  let pool: Piscina<XmlParseTask, XmlParseOutcome> | null = null;
  const getPool = () =>
    (pool ??= new Piscina<XmlParseTask, XmlParseOutcome>({
      filename: WORKER_URL,
      minThreads: 1,
      maxThreads,
      // Keep spare threads warm between polls: a fresh one costs ~0.3 s to load tsx and rss-parser.
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 128, maxYoungGenerationSizeMb: 24 },
    }));
  const slots = createSlots(maxThreads);
  let closed = false;

  async function parseXml(task: XmlParseTask): Promise<XmlParseOutcome> {
    await slots.acquire();
    // Piscina terminates the worker running an aborted task, which is the only way to stop a
    // synchronous regex; a promise race would leave it burning the thread.
    const signal = AbortSignal.timeout(deadlineMs);
    try {
      if (closed) return { status: 'failed', message: 'parse: parser closed' };
      return await getPool().run(task, { signal });
    } catch (err) {
      if (signal.aborted) return { status: 'failed', message: `parse: timed out after ${formatSeconds(deadlineMs)}` };
      if (closed) return { status: 'failed', message: 'parse: parser closed' };
      const message = err instanceof Error ? err.message : String(err);
      return { status: 'failed', message: `parse: worker failed: ${message.split('\n')[0] ?? ''}` };
    } finally {
      slots.release();
    }
  }

  /** Decode and detect on this thread; XML goes to a worker, which prepares the feed too when asked. */
  async function parse(body: Buffer, contentType: string | null, prepare: PrepareRequest | null): Promise<XmlParseOutcome> {
    if (body.length === 0) return { status: 'failed', message: 'parse: empty body' };
    const { text, charset } = decodeBody(body, contentType);
    const doc = detectDocument(text, contentType);
    switch (doc.kind) {
      case 'empty':
        return { status: 'failed', message: 'parse: empty body' };
      case 'html': {
        const hint = doc.alternateFeed ? ` (it links to a feed: ${doc.alternateFeed})` : '';
        return { status: 'failed', message: `parse: got an HTML page, not a feed${hint}` };
      }
      case 'json': {
        // JSON Feed parses without a parser library and is rare: it is prepared on this thread.
        const result = parseJsonFeed(text);
        if (result.status === 'failed') return result;
        return prepare ? { status: 'prepared', prepared: prepareParsedFeed(result.feed, charset, prepare) } : { ...result, charset };
      }
      case 'xml':
        return parseXml({ text, charset, prepare });
    }
  }

  async function parseFeed(body: Buffer, contentType: string | null): Promise<ParseResult> {
    const result = await parse(body, contentType, null);
    if (result.status === 'prepared') throw new Error('parse: prepared without being asked');
    return result;
  }

  async function prepareFeed(body: Buffer, contentType: string | null, request: PrepareRequest): Promise<PrepareResult> {
    const result = await parse(body, contentType, request);
    if (result.status === 'ok') throw new Error('parse: not prepared');
    return result.status === 'prepared' ? { status: 'ok', ...result.prepared } : result;
  }

  return {
    parseFeed,
    prepareFeed,
    async close() {
      closed = true;
      await pool?.destroy();
    },
  };
}

let defaultParser: FeedParser | null = null;

/** Parse with a lazily created module-wide parser (5 s deadline); see {@link closeDefaultFeedParser}. */
export function parseFeed(body: Buffer, contentType: string | null): Promise<ParseResult> {
  defaultParser ??= createFeedParser();
  return defaultParser.parseFeed(body, contentType);
}

/** Close the module-wide parser's workers so the process can exit; a later parseFeed makes a new one. */
export async function closeDefaultFeedParser(): Promise<void> {
  const parser = defaultParser;
  defaultParser = null;
  await parser?.close();
}
