/**
 * `npm run eval [-- --set NAME] [--verbose]`: claimwatch's scores on a labelled set, and what it got wrong.
 * Sets: see tests/fixtures/eval/README.md (which are tuned on, which were scored blind once); a path to a
 * set file, with `--claims FILE` for a set about claims outside feeds/ (the generalization test).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { evaluate, evaluateCandidates } from './evaluate.js';

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const set = option('--set') ?? 'articles';
// The generalization test: `--set tests/fixtures/generalization/articles.yaml --claims tests/fixtures/generalization/claims.yaml`
// adds the file's claims to the catalog and scores those claims only.
const extraClaims = option('--claims');
const onlyClaims = extraClaims
  ? new Set(((parse(await readFile(extraClaims, 'utf8')) as { claims: { slug: string }[] }).claims).map((claim) => claim.slug))
  : undefined;
// Candidate claims: `--candidates` with `--claims FILE`: the file's claims left out of the catalog, so they should surface.
if (process.argv.includes('--candidates') && extraClaims) {
  const found = await evaluateCandidates(set, extraClaims);
  console.log(`candidate claims on ${set}, with the claims of ${extraClaims} left out of the catalog\n`);
  for (const claim of found.claims) {
    console.log(`${claim.slug.padEnd(36)} ${claim.supporting} supporting articles → ${claim.candidate ? `candidate ${claim.candidate}: holds ${claim.held} of them (${claim.size} articles in all)` : 'no candidate'}`);
  }
  console.log(`\n${found.candidates} candidates in all; ${found.fromDistractorsOnly} raised by distractors alone (${found.distractorArticles} distractor articles)`);
  process.exit(0);
}
const report = await evaluate(set, { ...(extraClaims ? { extraClaims } : {}), ...(onlyClaims ? { onlyClaims } : {}) });
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const rows: [string, string][] = [
  ['claim precision (any tier)', pct(report.claimPrecision)],
  ['claim recall', pct(report.claimRecall)],
  ['auto-tier precision / recall', `${pct(report.autoPrecision)} / ${pct(report.autoRecall)}`],
  ['stance accuracy (matched pairs)', pct(report.stanceAccuracy)],
  ['story pairwise precision / recall', `${pct(report.storyPrecision)} / ${pct(report.storyRecall)}`],
  ['  cross-language pairs', `${pct(report.crossLanguageStoryPrecision)} / ${pct(report.crossLanguageStoryRecall)}`],
  ['origin accuracy: all / articles with claims', `${pct(report.originAccuracy)} / ${pct(report.claimOriginAccuracy)}`],
  ['status right', `${pct(report.statusAccuracy)} of ${report.statusesCompared} claims`],
  ['drifts found with their sides', `${report.driftsWithSides}/${report.driftsLabelled}`],
  ['rewrite groups counted as one origin', `${report.rewriteGroupsAsOneOrigin}/${report.rewriteGroups}`],
];
console.log(`claimwatch on ${report.articles} labelled articles (set: ${set})\n`);
for (const [name, value] of rows) console.log(`${name.padEnd(40)} ${value}`);
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const sections: [string, string[]][] = [
  ['false positives', report.falsePositives],
  ['false negatives', report.falseNegatives],
  ['stance errors', report.stanceErrors],
  ['status errors', report.statusErrors],
  ['missed drifts', report.missedDrifts],
  ['drifts nobody labelled', report.unlabelledDrifts],
  ['origin errors', report.originErrors],
  ['story errors', report.storyErrors],
  ...(process.argv.includes('--placements') ? ([['placements', report.placements]] as [string, string[]][]) : []),
];
for (const [name, items] of sections) {
  if (items.length === 0) continue;
  console.log(`\n${name} (${items.length})${verbose ? ':' : ' — run with --verbose to list'}`);
  if (verbose) for (const item of items.slice(0, 80)) console.log(`  ${item}`);
}
