/**
 * Boundaries checked by a tool (issue 15): `npm run lint`. Each rule says where a kind of code may live.
 */
/**
 * The layers, lowest first: which top-level folders each folder may import (besides its own, node built-ins,
 * packages, and src/config.ts and src/log.ts). Nothing imports a folder above it, so no import cycle can form
 * between folders. Stages declare the stores they need (ingest/store.ts, match/store.ts, deliver/store.ts,
 * commands/store.ts, chat/types.ts) and src/db implements them; src/cli and src/runtime.ts wire them up.
 */
const MAY_IMPORT = {
  'src/text': [],
  'src/model': [],
  'src/catalog': ['src/model'],
  'src/stories': ['src/model', 'src/text'],
  'src/match': ['src/model', 'src/text', 'src/catalog', 'src/stories'],
  'src/ingest': ['src/model', 'src/text', 'src/catalog', 'src/match'],
  'src/deliver': ['src/model', 'src/match', 'src/stories'],
  commands: ['src/model', 'src/match', 'src/stories', 'src/deliver'],
  'src/chat': ['src/model', 'commands', 'src/deliver'],
  'src/health': ['src/model', 'src/ingest', 'src/deliver'],
  'src/board': ['src/model', 'src/match', 'src/stories'],
  'src/db': ['src/model', 'src/text', 'src/catalog', 'src/stories', 'src/match', 'src/ingest', 'src/deliver', 'commands', 'src/chat', 'src/health', 'src/board'],
};
const SHARED_FILES = ['^src/config[.]ts$', '^src/log[.]ts$'];
const layerRules = Object.entries(MAY_IMPORT).map(([folder, allowed]) => ({
  name: `layers: ${folder}`,
  comment: `${folder} imports only ${allowed.length ? allowed.join(', ') : 'itself'} of ours (see MAY_IMPORT).`,
  severity: 'error',
  from: { path: `^${folder}/` },
  to: { path: '^(src|commands)/', pathNot: [`^${folder}/`, ...allowed.map((other) => `^${other}/`), ...SHARED_FILES] },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'platform-libraries-in-adapters-only',
      comment: 'Only the Slack and Discord adapters talk to @slack/bolt and discord.js.',
      severity: 'error',
      from: { pathNot: ['^src/chat/slack/', '^src/chat/discord/'] },
      to: { path: ['node_modules/@slack/bolt', 'node_modules/discord[.]js'] },
    },
    {
      name: 'only-src-db-queries',
      comment: 'Queries live in src/db/: nothing else imports drizzle or the schema; stages reach storage through stores.',
      severity: 'error',
      from: { pathNot: '^src/db/' },
      to: { path: ['node_modules/drizzle-orm', '^src/db/schema[.]ts$'] },
    },
    {
      name: 'only-src-db-opens-databases',
      comment: 'Database drivers are src/db\'s: every stage reaches storage through the store it declares.',
      severity: 'error',
      from: { pathNot: '^src/db/' },
      to: { path: ['node_modules/@electric-sql', 'node_modules/pg/'] },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles between modules (between folders, the layers above rule them out).',
      severity: 'error',
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
