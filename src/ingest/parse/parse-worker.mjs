/**
 * Piscina worker entry. Piscina starts a plain Node worker thread, which cannot import `.ts`: under
 * vitest the TypeScript transform lives only in vitest's own module runner. tsx's `register()` adds the
 * loader hooks in this thread. Under `tsx src/cli/main.ts` the hooks are inherited through execArgv
 * already, and registering again is harmless.
 */
import { register } from 'tsx/esm/api';

register();

const { default: parseXmlInWorker } = await import('./parse-in-worker.ts');

export default parseXmlInWorker;
