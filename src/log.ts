/**
 * The process logger: pino. On a terminal, one readable line per event (pino-pretty, colours unless NO_COLOR is
 * set); elsewhere, or with LOG_FORMAT=json, one JSON line per event for log collectors.
 * @module
 */
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Unset: pretty when `destination` is a terminal, JSON otherwise. */
  format?: 'pretty' | 'json';
  destination?: NodeJS.WritableStream;
}

/** Creates the root logger; stages get children via `logger.child({ stage })`. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stderr;
  const format = options.format ?? ((destination as { isTTY?: boolean }).isTTY ? 'pretty' : 'json');
  if (format === 'json') return pino({ level, base: { app: 'claimwatch' } }, destination);
  const stream = pretty({
    destination,
    sync: true,
    colorize: process.env.NO_COLOR === undefined || process.env.NO_COLOR === '',
    translateTime: 'SYS:HH:MM:ss',
    // A person reads the message; the fields behind it are for machines (LOG_FORMAT=json). An error keeps its reason.
    hideObject: true,
    messageFormat: '{msg}{if err.message} ({err.message}){end}',
  });
  return pino({ level, base: { app: 'claimwatch' } }, stream);
}
