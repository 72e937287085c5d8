/**
 * The process logger: pino, one JSON line per event (pretty printing is left to `pino-pretty` if wanted).
 * @module
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the root logger; stages get children via `logger.child({ stage })`. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: { app: 'claimwatch' } }, destination);
}
