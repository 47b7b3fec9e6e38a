import type { Context } from 'hono';
import type { Logger } from '../logger.ts';

/** What the edge keeps per request on Hono's context (typed for every `c.get` / `c.set`). */
declare module 'hono' {
  interface ContextVariableMap {
    /** The caller's valid `X-Request-Id`, or a new one; echoed on the response and on every log line. */
    requestId: string;
    /** The operationId the request was routed to (unset for unknown routes). */
    operationId: string;
    /** The authenticated key's id (unset when auth is off or the operation is public). */
    keyId: string;
    /** The request's logger, carrying `requestId` (made on first use). */
    requestLogger: Logger;
  }
}

/** The request's logger: every line carries its `requestId`. */
export function requestLogger(c: Context, base: Logger): Logger {
  let logger = c.get('requestLogger');
  if (logger === undefined) {
    logger = base.child({ requestId: c.get('requestId') });
    c.set('requestLogger', logger);
  }
  return logger;
}
