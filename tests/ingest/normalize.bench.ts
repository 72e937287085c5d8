import { bench, describe } from 'vitest';
import { htmlToPlainText, normalizeItems } from '../../src/ingest/normalize/index.js';
import type { ParsedFeed } from '../../src/ingest/types.js';
import { BENCH_DESCRIPTION } from '../fixtures/feeds/bench-feed.js';

// Run with `npx vitest bench --run tests/ingest`. The feed bench reports feeds/s: items/s is hz × 20.
const feed: ParsedFeed = {
  format: 'rss',
  title: 'Bench',
  link: 'https://b.example.com/',
  language: null,
  items: Array.from({ length: 20 }, (_, i) => ({
    title: `Story ${i} about Azure`,
    link: `https://b.example.com/s/${i}?utm_source=rss`,
    guid: `g${i}`,
    contentHtml: BENCH_DESCRIPTION,
    summaryHtml: null,
    author: null,
    publishedIso: '2024-03-05T08:00:00.000Z',
    categories: [],
  })),
};
const ctx = { feedUrl: 'https://b.example.com/rss', outlet: null, now: new Date('2024-03-06T00:00:00Z') };

describe('normalize (2 KB HTML per item)', () => {
  bench('htmlToPlainText, one item', () => {
    htmlToPlainText(BENCH_DESCRIPTION, 200_000);
  });

  bench('normalizeItems, one 20-item feed', () => {
    normalizeItems(feed, ctx);
  });
});
