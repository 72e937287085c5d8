import { afterAll, bench, describe } from 'vitest';
import { createFeedParser } from '../../src/ingest/parse/index.js';
import { benchFeedXml } from '../fixtures/feeds/bench-feed.js';

// Run with `npx vitest bench --run tests/ingest`. Parsing runs in the worker pool, so this includes
// the thread hop and structured clone both ways.
const parser = createFeedParser();
const body = benchFeedXml(20);
afterAll(() => parser.close());

describe('parseFeed via the worker pool (20 items × 2 KB)', () => {
  bench('one feed at a time', async () => {
    const result = await parser.parseFeed(body, 'application/rss+xml');
    if (result.status !== 'ok') throw new Error(result.message);
  });

  bench('two feeds at once (both threads busy)', async () => {
    await Promise.all([parser.parseFeed(body, null), parser.parseFeed(body, null)]);
  });
});
