/**
 * Candidate claims: what coverage asserts between tracked companies that no tracked claim covers, grouped
 * across articles, for a person to review. Pure: assertions with their articles in, candidates out.
 *
 * Assertions are grouped by trade (buying, selling and spending between two parties are one relation, read
 * from the buyer's side), subject, counterpart and place. An assertion that leaves the counterpart or the
 * place unnamed ("Baidu is also buying") joins the one group of its subject and relation that names it, when
 * there is exactly one. A candidate needs two articles; it is offered, never tracked: a person accepts it by
 * adding the drafted entry to feeds/claims.yaml.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Relation } from '../claims/relations.js';

/** One assertion found in one article (matching stores them; see `FoundAssertion`). */
export interface AssertionRow {
  relation: Relation;
  subject: string;
  counterpart: string | null;
  place: string | null;
  negated: boolean;
  sentence: string;
  figure: string | null;
  article: { id: number; url: string | null; title: string; outlet: string | null; origin: string | null; publishedAt: Date };
}

/** A possible new claim. */
export interface Candidate {
  /** Stable while its parties stay the same: `claimwatch claim add --from-candidate ID`. */
  id: string;
  relation: Relation;
  subject: string;
  counterpart: string | null;
  place: string | null;
  /** The clearest sentence asserting it (the shortest among those that name both parties). */
  wording: string;
  /** The figure most of its sentences give, if any. */
  figure: string | null;
  articles: { id: number; url: string | null; title: string; outlet: string | null; origin: string | null }[];
  /** Distinct known origins behind it. */
  origins: string[];
  firstSeen: Date;
  /** Articles that state it as not holding ("has not complained"). */
  negated: number;
}

/** What a tracked claim's parts cover, as `isCovered` compares them. */
export interface CoveringParts {
  relation: string;
  subject: readonly string[];
  counterpart: readonly string[];
}

/**
 * True when a tracked claim already asserts this relation between these parties (a sale read from either
 * side): the assertion is evidence, an update or a drift of that claim, not a new one.
 */
export function isCovered(assertion: Pick<AssertionRow, 'relation' | 'subject' | 'counterpart'>, claims: readonly CoveringParts[]): boolean {
  return claims.some((claim) => {
    const parties = [...claim.subject, ...claim.counterpart];
    const sameRelation = claim.relation === assertion.relation || (claim.relation === 'sells-to' && assertion.relation === 'buys-from');
    return sameRelation && parties.includes(assertion.subject) && (assertion.counterpart === null || parties.includes(assertion.counterpart));
  });
}

/** Fewer articles than this make no candidate: one page's sentence is not yet a claim. */
export const MIN_CANDIDATE_ARTICLES = 2;

/** The trade family: buying, selling and spending between two parties are one relation for grouping. */
function family(relation: Relation): Relation {
  return relation === 'sells-to' || relation === 'spends-on' ? 'buys-from' : relation;
}

const groupKey = (relation: Relation, subject: string, counterpart: string | null, place: string | null) =>
  `${family(relation)}:${subject}>${counterpart ?? '-'}@${place ?? '-'}`;

/** Groups assertions into candidates (most articles first); `isKnownOrigin` tells a real origin from "unknown". */
export function groupCandidates(rows: readonly AssertionRow[], isKnownOrigin: (origin: string | null) => boolean): Candidate[] {
  const groups = new Map<string, AssertionRow[]>();
  const add = (key: string, row: AssertionRow) => groups.set(key, [...(groups.get(key) ?? []), row]);
  const complete = rows.filter((row) => row.counterpart !== null || row.place !== null);
  for (const row of complete) add(groupKey(row.relation, row.subject, row.counterpart, row.place), row);
  for (const row of rows.filter((r) => r.counterpart === null && r.place === null)) {
    // "Baidu is also buying": the one group of Baidu buying from someone named, if there is exactly one.
    const prefix = `${family(row.relation)}:${row.subject}>`;
    const named = [...groups.keys()].filter((key) => key.startsWith(prefix));
    add(named.length === 1 ? named[0]! : groupKey(row.relation, row.subject, null, null), row);
  }
  const candidates: Candidate[] = [];
  for (const [key, members] of groups) {
    const articles = new Map(members.map((m) => [m.article.id, m.article]));
    if (articles.size < MIN_CANDIDATE_ARTICLES) continue;
    const named = members.find((m) => m.counterpart !== null || m.place !== null) ?? members[0]!;
    const clearest = [...members].sort((a, b) => Number(b.counterpart !== null) - Number(a.counterpart !== null) || a.sentence.length - b.sentence.length)[0]!;
    const relations = members.map((m) => m.relation);
    candidates.push({
      id: `c${createHash('sha1').update(key).digest('hex').slice(0, 8)}`,
      relation: mostCommon(relations)!,
      subject: named.subject,
      counterpart: named.counterpart,
      place: named.place,
      wording: clearest.sentence,
      figure: mostCommon(members.flatMap((m) => (m.figure ? [m.figure] : []))) ?? null,
      articles: [...articles.values()].map(({ id, url, title, outlet, origin }) => ({ id, url, title, outlet, origin })),
      origins: [...new Set([...articles.values()].map((a) => a.origin).filter((o): o is string => isKnownOrigin(o)))],
      firstSeen: new Date(Math.min(...[...articles.values()].map((a) => a.publishedAt.getTime()))),
      negated: new Set(members.filter((m) => m.negated).map((m) => m.article.id)).size,
    });
  }
  return candidates.sort((a, b) => b.articles.length - a.articles.length || a.firstSeen.getTime() - b.firstSeen.getTime());
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * A claims.yaml entry drafted from a candidate, for a person to edit before adding it: the statement is the
 * candidate's clearest sentence, marked to be rewritten in the project's own words.
 */
export function draftClaimYaml(candidate: Candidate, today: Date): string {
  const entities = [...new Set([candidate.subject, ...(candidate.counterpart ? [candidate.counterpart] : [])])];
  const slug = `${candidate.subject}-${candidate.relation}${candidate.counterpart ? `-${candidate.counterpart}` : ''}${candidate.place ? `-${candidate.place.replace(/\s+/g, '-')}` : ''}`;
  const quote = (text: string) => JSON.stringify(text);
  const lines = [
    `  # Drafted by claimwatch from candidate ${candidate.id} (${candidate.articles.length} articles, first seen ${candidate.firstSeen.toISOString().slice(0, 10)}).`,
    `  # Review before adding: rewrite the statement in our own words, check the parts, add a figure if it has one.`,
    `  - slug: ${slug}`,
    `    headline: ${quote(`TODO: one-line headline`)}`,
    `    statement: ${quote(`TODO (rewrite in our own words): ${candidate.wording}`)}`,
    `    importance: 50`,
    `    entities: [${entities.join(', ')}]`,
    `    topics: []`,
    `    reportedBy:`,
    ...(candidate.origins.length > 0 ? candidate.origins : ['unknown']).slice(0, 3).flatMap((origin) => [
      `      - source: ${quote(origin)}`,
      `        date: ${today.toISOString().slice(0, 10)}`,
    ]),
    `    parts:`,
    `      subject: [${candidate.subject}]`,
    `      relation: ${candidate.relation}`,
    ...(candidate.counterpart ? [`      counterpart: [${candidate.counterpart}]`] : []),
    ...(candidate.place ? [`      place: ${quote(candidate.place)}`] : []),
    ...(candidate.figure ? [`    # figure seen in coverage: ${candidate.figure}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
