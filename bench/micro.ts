/**
 * The two single-thread ceilings: rss-parser alone over the same feed XML the server sends, and the
 * matcher's `analyze` alone over generated and eval articles.
 * @module
 */
import Parser from 'rss-parser';
import { createMatcher, type ArticleAnalysis } from '../src/match/matcher.js';
import { assignStory, createStoryFingerprint, createStoryIndex, figureKeys, type RecentStory } from '../src/stories/index.js';
import { loadMatcherCatalog } from '../tests/eval/evaluate.js';
import { feedXml, matchInput, type CorpusOptions } from './text-gen.js';

export interface RawParseResult {
  feeds: number;
  bytes: number;
  ms: number;
  feedsPerSec: number;
  mbPerSec: number;
}

/** `new Parser().parseString` on the main thread, one feed after another; only parsing is timed. */
export async function rawParse(opts: CorpusOptions, count: number): Promise<RawParseResult> {
  const parser = new Parser();
  let ms = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const xml = feedXml(opts, i);
    bytes += Buffer.byteLength(xml);
    const started = performance.now();
    const feed = await parser.parseString(xml);
    ms += performance.now() - started;
    if (feed.items.length !== opts.items) throw new Error(`bench: feed ${i} parsed to ${feed.items.length} items`);
    // parseString settles in microtasks only: let timers and signals (Ctrl-C cleanup) in now and then.
    if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { feeds: count, bytes, ms, feedsPerSec: (count / ms) * 1000, mbPerSec: bytes / 2 ** 20 / (ms / 1000) };
}

export interface MatchingAloneResult {
  articles: number;
  onTopic: number;
  ms: number;
  perSec: number;
  fillerPerSec: number;
  onTopicPerSec: number;
  evalPerSec: number;
  /** Story grouping as matchArticles does it: one candidate against the recent stories the index offers. */
  grouping: { recent: number; candidates: number; msPerArticle: number };
}

/**
 * `analyze()` over `count` articles as the feeds carry them (about 3% rephrased eval articles), then over
 * the 90 eval articles alone, best of three passes; then story grouping of the last articles against the
 * others. Single core, catalog from feeds/.
 */
export async function matchingAlone(opts: CorpusOptions, count: number): Promise<MatchingAloneResult> {
  const matcher = createMatcher(await loadMatcherCatalog());
  const now = new Date(opts.baseTime);
  const inputs = Array.from({ length: count }, (_, k) => matchInput(opts, k % opts.feeds, Math.floor(k / opts.feeds) % opts.items));
  for (const input of inputs.slice(0, 200)) matcher.analyze(input, now); // JIT warm-up
  // Best of three passes: other work on a shared machine only ever slows a pass down.
  let fillerMs = Infinity, topicMs = Infinity, evalMs = Infinity;
  const onTopic = inputs.filter((input) => input.kind === 'on-topic').length;
  let analyses: ArticleAnalysis[] = [];
  for (let pass = 0; pass < 3; pass++) {
    let filler = 0, topic = 0;
    analyses = [];
    for (const input of inputs) {
      const started = performance.now();
      analyses.push(matcher.analyze(input, now));
      if (input.kind === 'on-topic') topic += performance.now() - started;
      else filler += performance.now() - started;
    }
    if (filler + topic < fillerMs + topicMs) [fillerMs, topicMs] = [filler, topic];
    const evalStart = performance.now();
    for (const gold of opts.gold) matcher.analyze({ title: gold.title, text: gold.text, outlet: gold.outlet, publishedAt: new Date(gold.published) }, now);
    evalMs = Math.min(evalMs, performance.now() - evalStart);
  }
  const evalCount = opts.gold.length;
  const ms = fillerMs + topicMs;

  const stories: RecentStory[] = inputs.map((input, i) => ({
    storyId: i + 1,
    ...createStoryFingerprint({ title: input.title, text: input.text, language: input.lang }),
    entities: Object.keys(analyses[i]!.entities),
    figures: figureKeys(analyses[i]!.figures),
    claims: analyses[i]!.claims.map((m) => m.slug),
    origin: null,
    publishedAt: input.publishedAt,
  }));
  const candidates = stories.splice(-Math.min(500, Math.floor(count / 5)));
  // As matchArticles does it: only the stories the index offers (shared entity or band key) are scored.
  const index = createStoryIndex();
  stories.forEach((story) => index.add(story));
  const groupStart = performance.now();
  for (const candidate of candidates) assignStory(candidate, index.candidates(candidate));
  const grouping = { recent: stories.length, candidates: candidates.length, msPerArticle: (performance.now() - groupStart) / candidates.length };
  return {
    articles: count,
    onTopic,
    ms,
    perSec: (count / ms) * 1000,
    fillerPerSec: ((count - onTopic) / fillerMs) * 1000,
    onTopicPerSec: onTopic ? (onTopic / topicMs) * 1000 : NaN,
    evalPerSec: (evalCount / evalMs) * 1000,
    grouping,
  };
}
