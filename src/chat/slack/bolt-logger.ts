/**
 * Bolt, its receivers and its web client log through this adapter, so their lines (including "Failed to
 * parse and verify the request data" for a bad signature) reach pino as JSON instead of the console.
 * @module
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

const fromPino: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  // Bolt has no "silent"; ERROR is the quietest it knows, and pino still drops the lines.
  silent: LogLevel.ERROR,
};

/** Wraps a pino logger as a Bolt logger; the level stays pino's, so Bolt's setLevel calls are ignored. */
export function createBoltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack-bolt' });
  // Bolt passes printf-style pieces (strings, errors, objects); pino wants one message and an object.
  const write = (level: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    const err = parts.find((part): part is Error => part instanceof Error);
    const message = parts
      .filter((part) => part !== err)
      .map((part) => (typeof part === 'string' ? part : safeJson(part)))
      .join(' ');
    if (err) child[level]({ err }, message || err.message);
    else child[level](message);
  };
  return {
    debug: (...parts: unknown[]) => write('debug', parts),
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    setLevel: () => undefined,
    getLevel: () => fromPino[log.level] ?? LogLevel.INFO,
    // The component field already names the source.
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
