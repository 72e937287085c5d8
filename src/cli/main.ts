/**
 * The `claimwatch` command line.
 * @module
 */
import { Command } from 'commander';
import { describeConfig } from '../config.js';
import { loadConfig, printJson, reportCliFailure } from './context.js';
import { registerChatCommands } from './chat-commands.js';
import { registerClaimCommands } from './claims.js';
import { registerDeliver } from './deliver.js';
import { registerBoard } from './board.js';
import { registerDemo } from './demo.js';
import { registerDoctor } from './doctor.js';
import { registerDigest } from './digest.js';
import { registerFeedCommands } from './feeds.js';
import { registerPoll } from './poll.js';
import { registerRegisterCommands } from './register-commands.js';
import { registerStart } from './start.js';

const program = new Command()
  .name('claimwatch')
  .description('Tracks claims about Microsoft, OpenAI models and Chinese firms in the news; posts to Slack and Discord')
  .showHelpAfterError('(run with --help for usage)');

registerStart(program);
registerPoll(program);
registerFeedCommands(program);
registerClaimCommands(program);
registerChatCommands(program);
registerDigest(program);
registerDeliver(program);
registerDemo(program);
registerBoard(program);
registerDoctor(program);
registerRegisterCommands(program);
program
  .command('config')
  .description('print the effective configuration, secrets masked')
  .action(() => printJson(describeConfig(loadConfig())));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportCliFailure(error);
}
