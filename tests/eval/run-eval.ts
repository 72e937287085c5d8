/** `npm run eval`: prints the matcher's scores on the labelled set, and what it got wrong. */
import { evaluate } from './evaluate.js';

const setIndex = process.argv.indexOf('--set');
const set = setIndex > 0 ? (process.argv[setIndex + 1] ?? 'articles') : 'articles';
const report = await evaluate(set);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const rows: [string, string, string][] = [
  ['claim precision (any tier)', pct(report.claimPrecision), '≥ 95%'],
  ['claim recall', pct(report.claimRecall), '≥ 95%'],
  ['auto-tier precision', pct(report.autoPrecision), ''],
  ['stance accuracy (matched pairs)', pct(report.stanceAccuracy), ''],
  ['drift recall (labelled sides)', pct(report.driftRecall), 'every brief drift'],
  ['story pairwise precision', pct(report.storyPrecision), ''],
  ['story pairwise recall', pct(report.storyRecall), ''],
  ['origin accuracy', pct(report.originAccuracy), ''],
  ['rewrite groups counted as one origin', `${report.rewriteGroupsAsOneOrigin}/${report.rewriteGroups}`, 'all'],
];
console.log(`claimwatch matcher on ${report.articles} labelled articles (set: ${set})\n`);
for (const [name, value, target] of rows) console.log(`${name.padEnd(40)} ${value.padStart(8)}   ${target}`);
console.log('\nbrief drifts found (both sides):');
for (const [key, found] of Object.entries(report.briefDriftsFound)) console.log(`  ${found ? '✓' : '✗'} ${key}`);
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
const sections: [string, string[]][] = [
  ['false positives', report.falsePositives],
  ['false negatives', report.falseNegatives],
  ['stance errors', report.stanceErrors],
  ['missed drifts', report.missedDrifts],
  ['origin errors', report.originErrors],
  ['story errors', report.storyErrors],
];
for (const [name, items] of sections) {
  if (items.length === 0) continue;
  console.log(`\n${name} (${items.length})${verbose ? ':' : ' — run with --verbose to list'}`);
  if (verbose) for (const item of items.slice(0, 60)) console.log(`  ${item}`);
}
