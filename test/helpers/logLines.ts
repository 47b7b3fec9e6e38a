import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';
import type { LogLevel } from '../../src/config.ts';

/** A real (pino) logger whose JSON lines the test reads back. */
export function capturedLogger(level: LogLevel = 'info'): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
} {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return {
    logger: createLogger(level, sink),
    lines: () =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
