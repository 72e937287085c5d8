/**
 * Which articles matching has work for. Most items of a general news feed name no tracked entity, fire no
 * topic and bear on no claim: they never reach a digest, an alert or `/facts`, so they join no story and
 * need no second read from the database. The poll screens each new article with the same analysis
 * matching runs, and stores those as already matched.
 * @module
 */
import type { Matcher, MatchInput } from '../matcher.js';

/** The stored or normalized article fields the matcher reads. */
export interface MatchableArticle {
  title: string;
  content: string;
  summary: string;
  outlet: string | null;
  publishedAt: Date;
}

/** The matcher's input for an article: its full text when the feed carried one, else its summary. */
export function matchInputOf(article: MatchableArticle): MatchInput {
  return { title: article.title, text: article.content || article.summary, outlet: article.outlet, publishedAt: article.publishedAt };
}

/** For each article, whether matching has work for it. */
export function screenArticles(matcher: Matcher, articles: readonly MatchableArticle[], now: Date): boolean[] {
  return articles.map((article) => matcher.bearsOnTrackedStory(matchInputOf(article), now));
}
