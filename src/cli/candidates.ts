/**
 * `claimwatch candidates` and `claimwatch claim add --from-candidate ID`: possible new claims, grouped from
 * what coverage asserts between tracked companies that no tracked claim covers. Nothing is tracked until a
 * person adds the drafted entry to the claims file.
 * @module
 */
import type { Command } from 'commander';
import { loadCandidates } from '../db/candidate-queries.js';
import type { Db } from '../db/client.js';
import { draftClaimYaml, type Candidate } from '../match/bookkeeping/candidates.js';
import { CliError, printJson, printTable, withRuntime } from './context.js';

const DAY_MS = 86_400_000;

/** Candidates over the last `days` days. */
function findCandidates(db: Db, now: Date, days: number): Promise<Candidate[]> {
  return loadCandidates(db, { since: new Date(now.getTime() - days * DAY_MS), until: now });
}

function days(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new CliError(`--days must be a positive number of days, not "${raw}"`);
  return value;
}

/** Registers `candidates`; `claim` is the existing `claim` command group, which gains `add`. */
export function registerCandidateCommands(program: Command, claim: Command): void {
  program
    .command('candidates')
    .description('possible new claims: what two or more articles assert between tracked companies that no claim tracks')
    .option('--days <n>', 'look at articles published in the last N days', '14')
    .option('--json', 'print as JSON (array of {id, relation, subject, counterpart, place, wording, figure, articles, origins, firstSeen, negated})')
    .action(async (opts: { days: string; json?: boolean }) => {
      const window = days(opts.days);
      const candidates = await withRuntime((runtime) => findCandidates(runtime.db, new Date(), window), { logLevel: 'warn' });
      if (opts.json) return printJson(candidates);
      if (candidates.length === 0) {
        process.stdout.write(`No candidate claims in the last ${window} days: nothing untracked is asserted by two or more articles.\n`);
        return;
      }
      printTable(
        ['ID', 'ARTICLES', 'ORIGINS', 'RELATION', 'FIRST SEEN', 'WORDING'],
        candidates.map((c) => [
          c.id,
          String(c.articles.length),
          c.origins.join(', ') || '-',
          `${c.subject} ${c.relation} ${c.counterpart ?? c.place ?? ''}`.trim(),
          c.firstSeen.toISOString().slice(0, 10),
          c.wording.length > 80 ? `${c.wording.slice(0, 79)}…` : c.wording,
        ]),
      );
      process.stdout.write('\nTo track one: claimwatch claim add --from-candidate ID > draft.yaml, edit it, then add it to feeds/claims.yaml.\n');
    });

  claim
    .command('add')
    .description('draft a claims.yaml entry from a candidate, for you to review and add to the claims file')
    .requiredOption('--from-candidate <id>', 'candidate id (see `claimwatch candidates`)')
    .option('--days <n>', 'the window the candidate was found in', '14')
    .action(async (opts: { fromCandidate: string; days: string }) => {
      const window = days(opts.days);
      const candidates = await withRuntime((runtime) => findCandidates(runtime.db, new Date(), window), { logLevel: 'warn' });
      const found = candidates.find((c) => c.id === opts.fromCandidate);
      if (!found) {
        throw new CliError(
          `claim add: no candidate ${opts.fromCandidate} in the last ${window} days` +
            (candidates.length ? ` (current ones: ${candidates.slice(0, 5).map((c) => c.id).join(', ')}; see \`claimwatch candidates\`)` : ' (there are none now)'),
        );
      }
      process.stdout.write(draftClaimYaml(found, new Date()));
    });
}
