import { pino, type Logger as Pino } from 'pino';
import type { Writable } from 'node:stream';
import type { LogLevel } from './config.ts';

/** What the registry's code logs through; implemented on pino. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line also carries `fields` (a request's `requestId`, for instance). */
  child(fields: Record<string, unknown>): Logger;
  /** Whether a line at `level` would be written (to skip building fields nobody reads). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

/**
 * JSON lines on stderr through pino, filtered by LOG_LEVEL: `{"level":"info","time":"<ISO 8601>",
 * "message":"…",…fields}`. Lines are buffered and written asynchronously (pino flushes them on exit).
 * `destination` replaces stderr (tests read the lines).
 */
export function createLogger(level: LogLevel, destination?: Writable): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
  return wrap(base);
}

function wrap(logger: Pino): Logger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    child: (fields) => wrap(logger.child(fields)),
    enabled: (level) => logger.isLevelEnabled(level),
  };
}
