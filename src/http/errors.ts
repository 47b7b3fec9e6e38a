import type { Context } from 'hono';
import { DomainError, type DomainErrorKind } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import { requestLogger } from './context.ts';
import { requestHeader } from './headers.ts';
import { OncePerSecond } from './oncePerSecond.ts';
import { requestIdFrom } from './requestIds.ts';
import { respond } from './respond.ts';

/** The one table from domain error kinds to HTTP status and Confluent `error_code`. */
const STATUS: Record<DomainErrorKind, [status: number, errorCode: number]> = {
  SUBJECT_NOT_FOUND: [404, 40401],
  VERSION_NOT_FOUND: [404, 40402],
  SCHEMA_NOT_FOUND: [404, 40403],
  SUBJECT_SOFT_DELETED: [404, 40404],
  SUBJECT_NOT_SOFT_DELETED: [404, 40405],
  VERSION_SOFT_DELETED: [404, 40406],
  VERSION_NOT_SOFT_DELETED: [404, 40407],
  SUBJECT_CONFIG_NOT_FOUND: [404, 40408],
  SUBJECT_MODE_NOT_FOUND: [404, 40409],
  INCOMPATIBLE_SCHEMA: [409, 409],
  INVALID_SCHEMA: [422, 42201],
  INVALID_VERSION: [422, 42202],
  INVALID_COMPATIBILITY: [422, 42203],
  INVALID_MODE: [422, 42204],
  OPERATION_NOT_PERMITTED: [422, 42205],
  REFERENCE_EXISTS: [422, 42206],
  ID_CONFLICT: [422, 42207],
  INVALID_SUBJECT: [422, 42208],
  SCHEMA_TOO_LARGE: [422, 42209],
  BAD_REQUEST: [400, 400],
  EMPTY_BODY: [422, 422],
  ROUTE_NOT_FOUND: [404, 404],
  METHOD_NOT_ALLOWED: [405, 405],
  UNSUPPORTED_MEDIA_TYPE: [415, 415],
  BODY_TOO_LARGE: [413, 413],
  UNAVAILABLE: [503, 503],
  OUTCOME_UNKNOWN: [503, 503],
  TIMEOUT: [500, 50002],
  UNAUTHENTICATED: [401, 40101],
  FORBIDDEN: [403, 40301],
  KEY_NOT_FOUND: [404, 40410],
};

export function statusOf(kind: DomainErrorKind): number {
  return STATUS[kind][0];
}

/** An expected outage (database or Redis unavailable) is logged at most once a second per cause, per registry. */
const outages = new WeakMap<Logger, OncePerSecond>();

/**
 * Renders any thrown value as the `{error_code, message}` envelope; only 5xx are logged, never leaked. An
 * expected 503 is one `warn` line without a stack, at most once a second per cause; a real 500 keeps its
 * stack. Every line carries the request id that the response carries too.
 */
export function renderError(c: Context, error: unknown, logger: Logger): Response {
  const known = error instanceof DomainError ? error : classifyInfrastructureError(error);
  if (known !== undefined) {
    const [status, errorCode] = STATUS[known.kind];
    if (status < 500) {
      const res = respond(c, { error_code: errorCode, message: known.message, ...known.extra }, status);
      // An oversized body is left unread, so this connection cannot carry another request: say so, or a
      // keep-alive client sends its next request into a socket that is about to be dropped.
      if (known.kind === 'BODY_TOO_LARGE') res.headers.set('connection', 'close');
      if (known.kind === 'UNAUTHENTICATED') res.headers.set('www-authenticate', 'Basic realm="schemata"');
      return res;
    }
    const requestId = requestIdOf(c);
    const log = requestLogger(c, logger);
    if (known.kind === 'UNAVAILABLE') {
      const cause = causeOf(error);
      let throttle = outages.get(logger);
      if (throttle === undefined) outages.set(logger, (throttle = new OncePerSecond()));
      throttle.run(cause, (suppressed) =>
        log.warn('dependency unavailable', { kind: known.kind, cause, suppressed, error: reason(error) }),
      );
    } else {
      log.error('request failed', { kind: known.kind, error: describe(error) });
    }
    return respond(
      c,
      { error_code: errorCode, message: known.message, ...known.extra, request_id: requestId },
      status,
    );
  }
  const requestId = requestIdOf(c);
  requestLogger(c, logger).error('unexpected error', { error: describe(error) });
  return respond(
    c,
    { error_code: 50001, message: 'Internal error while serving the request.', request_id: requestId },
    500,
  );
}

/** The id that ties a 5xx response to its log line (observe.ts set it; a bare `app.request` may not have). */
function requestIdOf(c: Context): string {
  let requestId = c.get('requestId');
  if (requestId === undefined) {
    requestId = requestIdFrom(requestHeader(c, 'x-request-id'));
    c.set('requestId', requestId);
  }
  return requestId;
}

/** What an outage is about, for throttling its log lines: the driver's code (ECONNREFUSED, 57P01, …) or kind. */
function causeOf(error: unknown): string {
  for (let at = error, depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    at = (at as { cause?: unknown }).cause;
  }
  return error instanceof DomainError ? error.kind : 'unknown';
}

/** The error's message and its causes' messages, on one line and without a stack. */
function reason(error: unknown): string {
  const parts: string[] = [];
  for (let at = error, depth = 0; at instanceof Error && depth < 5; depth++) {
    parts.push(at.message);
    at = at.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

/**
 * Database faults that are not the caller's fault: unavailable or unanswered (src/db's deadlines) → 503, a
 * commit without an answer → 503 saying so, lock timeout → 50002.
 */
function classifyInfrastructureError(error: unknown): DomainError | undefined {
  // drizzle wraps driver errors (DrizzleQueryError, whose message holds the SQL) with the driver's as `cause`.
  for (let at = error, depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (code === 'COMMIT_OUTCOME_UNKNOWN') {
      return new DomainError(
        'OUTCOME_UNKNOWN',
        'The database did not confirm the commit, so the write may or may not have been applied; retrying it is safe.',
      );
    }
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
      return new DomainError('TIMEOUT', 'The operation timed out waiting for the database.');
    }
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
      return new DomainError('UNAVAILABLE', 'The registry database is unavailable; retry later.');
    }
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Lock not available (lock_timeout). */
const TIMEOUT_CODES = new Set(['55P03']);

/**
 * Socket-level failures of postgres.js and its deadlines (DATABASE_TIMEOUT_MS), and server states that pass
 * (shutdown, starting up, too many connections).
 */
const UNAVAILABLE_CODES = new Set([
  'QUERY_TIMEOUT',
  'QUEUE_TIMEOUT',
  'CANCEL_UNANSWERED',
  // A cancelled statement: the driver's deadline cancels what it gave up on, and a cancel that arrives late
  // (after a partition) may hit the next statement on that connection. Nothing was written; retrying is safe.
  '57014',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** For the log only: the error with its stack, and the driver's reason that drizzle keeps in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : `\ncaused by ${describe(error.cause)}`;
  return `${error.name}: ${error.message}\n${error.stack ?? ''}${cause}`;
}
