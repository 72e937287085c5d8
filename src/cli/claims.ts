/**
 * `claimwatch claims`, `stories`, `explain`, `claim set-status` and `rematch`: the matching side.
 * @module
 */
import type { Command } from 'commander';
import { findArticleByUrl, findClaim, findStory, listClaims, listStories } from '../db/claim-queries.js';
import { setClaimStatus } from '../db/claim-store.js';
import { allArticleIds, loadMatcherCatalog } from '../db/match-store.js';
import type { ClaimListing, ClaimStatus } from '../model/index.js';
import { canonicalizeUrl } from '../ingest/normalize/index.js';
import { ALL_STATUSES, MANUAL_STATUSES } from '../match/bookkeeping/claim-status.js';
import { createMatcher } from '../match/matcher.js';
import { attributionOf, matchArticles } from '../match/run-matching.js';
import { UNKNOWN_ORIGIN } from '../stories/index.js';
import { registerCandidateCommands } from './candidates.js';
import { CliError, hintIfNoArticles, printJson, printTable, withRuntime } from './context.js';
import { createMatchingStore } from '../db/matching-store.js';
import { createProgress } from './progress.js';

/** The claims as `claimwatch claims` prints them: status, origins, outlets, evidence, drifts, with a key. */
export function printClaimsTable(claims: readonly ClaimListing[]): void {
  printTable(
    ['STATUS', 'ORIGINS', 'OUTLETS', 'EVIDENCE', 'DRIFTS', 'CLAIM'],
    claims.map((claim) => [
      claim.status,
      String(claim.origins.length),
      String(claim.outlets.length),
      `${claim.evidence.filter((e) => e.tier === 'auto').length}+${claim.evidence.filter((e) => e.tier === 'suggestion').length}?`,
      String(claim.drifts.length),
      claim.slug,
    ]),
  );
  process.stdout.write(
    '\nORIGINS counts independent known origins (what corroboration needs); OUTLETS, the outlets repeating them.\n' +
      'EVIDENCE counts automatic+suggested (suggestions await review and are never posted as fact).\n',
  );
}

/** Registers the claim commands. */
export function registerClaimCommands(program: Command): void {
  program
    .command('claims')
    .description('tracked claims with status, evidence, independent origins and drifts')
    .option('--json', 'print as JSON (array of {slug, statement, status, entities, topics, evidence, origins, outlets, drifts: [{kind, phrasings, variants}]})')
    .action(async (opts: { json?: boolean }) => {
      const claims = await withRuntime(
        async (runtime) => {
          await hintIfNoArticles(runtime);
          return listClaims(runtime.db);
        },
        { logLevel: 'warn' },
      );
      if (opts.json) return printJson(claims);
      printClaimsTable(claims);
    });

  program
    .command('stories')
    .description('stories (groups of rewrites of one report), newest first')
    .option('--json', 'print as JSON (array of {id, title, firstSeen, origin, articles: [{url, outlet, origin, originBasis, originReason, language, title}], origins})')
    .option('--limit <n>', 'at most this many stories', '50')
    .action(async (opts: { json?: boolean; limit: string }) => {
      const stories = await withRuntime(
        async (runtime) => {
          await hintIfNoArticles(runtime);
          return listStories(runtime.db, { limit: Number(opts.limit) || 50 });
        },
        { logLevel: 'warn' },
      );
      if (opts.json) return printJson(stories);
      for (const story of stories) {
        process.stdout.write(`#${story.id} ${story.title}\n  ${story.articles.length} articles, origins: ${story.origins.join(', ') || 'none'}\n`);
      }
    });

  program
    .command('explain')
    .description('why an article matched (or did not match) each topic and claim')
    .argument('<url>', 'article URL')
    .option('--json', 'print as JSON')
    .action(async (url: string, opts: { json?: boolean }) => {
      const report = await withRuntime(async (runtime) => {
        const canonical = canonicalizeUrl(url, url) ?? url;
        const article = (await findArticleByUrl(runtime.db, canonical)) ?? (await findArticleByUrl(runtime.db, url));
        if (!article) throw new CliError(`explain: no stored article with URL ${canonical}`);
        const catalog = await loadMatcherCatalog(runtime.db);
        const strict = createMatcher(catalog);
        // Everything with any signal, so the report can say why a claim stayed below the threshold.
        const loose = createMatcher(catalog, { lowThreshold: 0 });
        const input = { title: article.title, text: article.content || article.summary, outlet: article.outlet, publishedAt: article.publishedAt };
        const now = new Date();
        const analysis = strict.analyze(input, now);
        const all = loose.analyze(input, now);
        const story = article.storyId === null ? null : await findStory(runtime.db, article.storyId);
        const attribution = attributionOf(strict, analysis, { title: article.title, text: input.text, outlet: article.outlet });
        return {
          url: article.url,
          title: article.title,
          outlet: article.outlet,
          origin: article.origin ?? UNKNOWN_ORIGIN,
          originBasis: article.originBasis,
          originReason: article.originReason,
          // Kept for scripts written against the earlier shape: the phrase that named the source, if any.
          originPhrase: attribution.phrase,
          // What the article's own words say, before story grouping: a source it names, its own reporting, or nothing.
          attribution,
          story,
          thresholds: { auto: strict.options.highThreshold, suggestion: strict.options.lowThreshold },
          entities: analysis.entities,
          topics: analysis.topics,
          figures: analysis.figures.map((f) => ({ text: f.text, kind: f.kind, value: f.value, qualifier: f.qualifier ?? null, period: f.period ?? null })),
          claims: all.claims.map((match) => ({
            slug: match.slug,
            score: match.score,
            verdict: match.score >= strict.options.highThreshold ? match.tier : match.score >= strict.options.lowThreshold ? 'suggestion' : 'below threshold',
            stance: match.stance,
            quote: match.quote,
            why: match.why,
          })),
          // What the article asserts that no tracked claim covers: the stuff of candidate claims.
          assertions: analysis.assertions.map(({ relation, subject, counterpart, place, negated, sentence, cue }) => ({ relation, subject, counterpart, place, negated, cue, sentence })),
        };
      }, { logLevel: 'warn' });
      if (opts.json) return printJson(report);
      const out: string[] = [
        `${report.title}`,
        `${report.url}  (${report.outlet ?? 'unknown outlet'})`,
        `origin:   ${report.origin}${report.originBasis ? ` [${report.originBasis}]` : ''}${report.originReason ? `: ${report.originReason}` : ' (not matched yet)'}`,
        ...(report.story
          ? [
              `story:    #${report.story.id} "${report.story.title}", origin ${report.story.origin ?? 'unknown'}; ${report.story.articles.length} articles:`,
              ...report.story.articles.map(
                (a) => `            ${a.url === report.url ? '→' : ' '} ${a.outlet ?? '?'} — ${a.origin ?? 'unknown'}${a.originReason ? ` (${a.originReason})` : ''}`,
              ),
            ]
          : ['story:    none (bears on no tracked story, or not matched yet)']),
        '',
        `entities: ${Object.entries(report.entities).map(([slug, alias]) => `${slug} ("${alias}")`).join(', ') || 'none'}`,
        `topics:   ${report.topics.map((t) => `${t.slug} [${t.fired.join(', ')}]`).join('; ') || 'none matched'}`,
        `figures:  ${report.figures.map((f) => `"${f.text}"`).join(', ') || 'none'}`,
        '',
        `claims (auto ≥ ${report.thresholds.auto}, suggestion ≥ ${report.thresholds.suggestion}):`,
      ];
      if (report.claims.length === 0) out.push('  none: no tracked claim has its parts, terms or figure here');
      for (const claim of report.claims) {
        out.push(`  ${claim.score.toFixed(2)} ${claim.verdict.padEnd(16)} ${claim.slug} (${claim.stance})`);
        if (claim.why.relation) out.push(`       parts: ${claim.why.relation}`);
        out.push(`       terms: ${claim.why.terms.join(', ') || '-'}; entities: ${claim.why.entities.join(', ') || '-'}; figure: ${claim.why.figure ?? '-'}${claim.why.downgraded ? `; downgraded: ${claim.why.downgraded}` : ''}`);
        out.push(`       "${claim.quote.slice(0, 160)}"`);
      }
      if (report.assertions.length > 0) {
        out.push('', 'untracked assertions (grouped across articles into `claimwatch candidates`):');
        for (const a of report.assertions) {
          const parties = `${a.subject} ${a.relation} ${a.counterpart ?? ''}${a.place ? ` @${a.place}` : ''}`.trim();
          out.push(`  ${parties}${a.negated ? ' (negated)' : ''} “${a.cue}”: "${a.sentence.slice(0, 140)}"`);
        }
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });

  const claim = program.command('claim').description('change a tracked claim, or draft a new one from a candidate');
  registerCandidateCommands(program, claim);
  claim
    .command('set-status')
    .description(`set a claim's status by hand (${ALL_STATUSES.join(', ')}), with a reason kept in its history`)
    .argument('<slug>', 'claim slug (see `claimwatch claims`)')
    .argument('<status>', ALL_STATUSES.join('|'))
    .requiredOption('--reason <text>', 'why, kept in the status history')
    .option('--by <name>', 'who decided', process.env.USER ?? 'cli')
    .action(async (slug: string, status: string, opts: { reason: string; by: string }) => {
      if (!ALL_STATUSES.includes(status as ClaimStatus)) {
        throw new CliError(`claim set-status: unknown status "${status}"; use one of ${ALL_STATUSES.join(', ')}`, 2);
      }
      if (opts.reason.trim() === '') throw new CliError('claim set-status: --reason must not be empty', 2);
      await withRuntime(async (runtime) => {
        const row = await findClaim(runtime.db, slug);
        if (!row) throw new CliError(`claim set-status: no claim "${slug}" (see \`claimwatch claims\`)`);
        if (row.status === status) {
          process.stdout.write(`${slug} is already ${status}\n`);
          return;
        }
        await setClaimStatus(runtime.db, row.id, { from: row.status, to: status as ClaimStatus, cause: opts.reason, actor: opts.by, at: new Date() });
        const note = MANUAL_STATUSES.includes(status as ClaimStatus) ? ' (evidence will no longer change it)' : '';
        process.stdout.write(`${slug}: ${row.status} → ${status}${note}\n`);
      }, { logLevel: 'warn' });
    });

  program
    .command('rematch')
    .description('re-run matching over every stored article (after claims, topics or entities change)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { json?: boolean }) => {
      const summary = await withRuntime(async (runtime) => {
        const ids = await allArticleIds(runtime.db);
        const progress = createProgress('rematch', 'articles', ids.length);
        try {
          return await matchArticles(ids, { store: createMatchingStore(runtime.db), now: () => new Date(), log: runtime.log, onProgress: (done) => progress.update(done) });
        } finally {
          progress.stop();
        }
      });
      if (opts.json) return printJson(summary);
      process.stdout.write(
        `rematched ${summary.articles} articles: ${summary.evidence} evidence, ${summary.newStories} new stories, ` +
          `${summary.newDrifts.length} new drifts, ${summary.statusChanges.length} status changes\n`,
      );
    });
}
