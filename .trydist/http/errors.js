import { DomainError } from "../domain/errors.js";
import { respond } from "./respond.js";
/** The one table from domain error kinds to HTTP status and Confluent `error_code`. */
const STATUS = {
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
    TIMEOUT: [500, 50002],
};
export function statusOf(kind) {
    return STATUS[kind][0];
}
/** Renders any thrown value as the `{error_code, message}` envelope; only 5xx are logged, never leaked. */
export function renderError(c, error, logger) {
    const known = error instanceof DomainError ? error : classifyInfrastructureError(error);
    if (known !== undefined) {
        const [status, errorCode] = STATUS[known.kind];
        if (status < 500) {
            const res = respond(c, { error_code: errorCode, message: known.message, ...known.extra }, status);
            // An oversized body is left unread, so this connection cannot carry another request: say so, or a
            // keep-alive client sends its next request into a socket that is about to be dropped.
            if (known.kind === 'BODY_TOO_LARGE')
                res.headers.set('connection', 'close');
            return res;
        }
        const requestId = requestIdOf(c);
        logger.error('request failed', { requestId, kind: known.kind, error: describe(error) });
        return respond(c, { error_code: errorCode, message: known.message, ...known.extra, request_id: requestId }, status);
    }
    const requestId = requestIdOf(c);
    logger.error('unexpected error', { requestId, error: describe(error) });
    return respond(c, { error_code: 50001, message: 'Internal error while serving the request.', request_id: requestId }, 500);
}
/**
 * The id that ties a 5xx response to its log line: the caller's `X-Request-Id` when sent, else a new one.
 * Only failures need it, so the hot read paths never pay for generating one.
 */
function requestIdOf(c) {
    const sent = c.req.header('x-request-id');
    return sent !== undefined && /^[\w.:-]{1,128}$/.test(sent) ? sent : crypto.randomUUID();
}
/** Database faults that are not the caller's fault: unavailable → 503, lock/statement timeout → 50002. */
function classifyInfrastructureError(error) {
    // drizzle wraps driver errors (DrizzleQueryError, whose message holds the SQL) with the driver's as `cause`.
    for (let at = error, depth = 0; at !== null && typeof at === 'object' && depth < 5; depth++) {
        const code = at.code;
        if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
            return new DomainError('TIMEOUT', 'The operation timed out waiting for the database.');
        }
        if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
            return new DomainError('UNAVAILABLE', 'The registry database is unavailable; retry later.');
        }
        at = at.cause;
    }
    return undefined;
}
/** Lock not available, statement cancelled by statement_timeout. */
const TIMEOUT_CODES = new Set(['55P03', '57014']);
/** Socket-level failures of postgres.js, and server states that pass (shutdown, starting up, too many connections). */
const UNAVAILABLE_CODES = new Set([
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
function describe(error) {
    if (!(error instanceof Error))
        return String(error);
    const cause = error.cause === undefined ? '' : `\ncaused by ${describe(error.cause)}`;
    return `${error.name}: ${error.message}\n${error.stack ?? ''}${cause}`;
}
