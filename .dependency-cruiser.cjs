/**
 * Boundaries checked by a tool (issue 15): `npm run lint`. Each rule says where a kind of code may live.
 * Rules for what is not yet true everywhere (queries outside src/db) are listed in the README's architecture
 * section as the next step, not here, so that this check passes and stays meaningful.
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-libraries-in-adapters-only',
      comment: 'Only the Slack and Discord adapters talk to @slack/bolt and discord.js.',
      severity: 'error',
      from: { pathNot: ['^src/chat/slack/', '^src/chat/discord/'] },
      to: { path: ['node_modules/@slack/bolt', 'node_modules/discord[.]js'] },
    },
    {
      name: 'commands-are-platform-neutral',
      comment: 'commands/ answers with the neutral Reply model and imports no adapter.',
      severity: 'error',
      from: { path: '^commands/' },
      to: { path: ['^src/chat/slack/', '^src/chat/discord/', '^src/chat/console/'] },
    },
    {
      name: 'only-src-db-queries',
      comment: 'Queries live in src/db/: nothing else imports drizzle or the schema; stages reach storage through stores.',
      severity: 'error',
      from: { pathNot: '^src/db/' },
      to: { path: ['node_modules/drizzle-orm', '^src/db/schema[.]ts$'] },
    },
    {
      name: 'commands-reach-storage-through-their-store',
      comment: 'commands/ reads and writes through the CommandStore it declares (commands/store.ts): no drizzle, no schema, no queries.',
      severity: 'error',
      from: { path: '^commands/' },
      to: { path: ['node_modules/drizzle-orm', '^src/db/schema[.]ts$', '^src/db/client[.]ts$', '^src/db/command-store[.]ts$'] },
    },
    {
      name: 'pure-stages-never-touch-the-database',
      comment: 'Matching, stories and the model are pure: no drizzle, no schema, no database client.',
      severity: 'error',
      from: { path: ['^src/match/', '^src/stories/', '^src/model/'], pathNot: ['^src/match/run-matching[.]ts$'] },
      to: { path: ['^src/db/', 'node_modules/drizzle-orm', 'node_modules/@electric-sql', 'node_modules/pg/'] },
    },
    {
      name: 'model-imports-nothing',
      comment: 'The vocabulary depends on nothing of ours.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^(src|commands)/', pathNot: '^src/model/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles between modules.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs'] },
  },
};
