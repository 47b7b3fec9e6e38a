import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Deps } from '../deps.ts';
import { RequestRecorder } from './observe.ts';
import { requestIdFrom } from './requestIds.ts';
import { negotiate } from './respond.ts';

/** What the listener needs beside the app: the cache it answers from, and the edge's auth, metrics and log. */
export type ListenerDeps = Pick<Deps, 'cache' | 'auth' | 'metrics' | 'logger'>;

/**
 * The HTTP server every entry point uses (main.ts, the test harness, the benchmark): the Hono app behind
 * one fast path. `GET /schemas/ids/{id}` is what every consumer calls for every schema it meets; when the
 * schema is already in memory the answer is a pre-serialised body and one header, so it is written straight
 * to the socket without building a web Request and Response. Anything else, including every miss, error,
 * query parameter other than the `subject` hint, or unusual id spelling, goes to the app, which owns the
 * route's full behaviour (routes/schemas/getSchemaById.ts); test/http/fast-path.test.ts checks both give
 * the same answer. It is still the edge: with auth on it serves only credentials already verified (from
 * the authenticator's cache of their digests) of keys not confined to prefixes, and it echoes the request
 * id, counts the request and writes its access-log line like the app does.
 */
export function serveApp(
  app: Pick<Hono, 'fetch'>,
  deps: ListenerDeps,
  options: { port: number; hostname: string },
  onListening?: (info: AddressInfo) => void,
): ServerType {
  return serve(
    {
      fetch: app.fetch,
      port: options.port,
      hostname: options.hostname,
      createServer: ((serverOptions: object, listener: RequestListener) =>
        createServer(serverOptions, withSchemaByIdFastPath(deps, listener)).on(
          'clientError',
          answerClientError,
        )) as typeof createServer,
    },
    onListening,
  );
}

/**
 * Requests Node refuses before any handler runs (a request line or headers over its 16 KiB limit, a
 * malformed request, a header timeout) would get a bare status line; they get the envelope like every other
 * error. The connection is closed after the answer, as Node does.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request line or headers exceed 16 KiB.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request was not received in time.']
        : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ error_code: status, message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const PREFIX = '/schemas/ids/';
/** A canonical decimal id: no sign, no leading zero, at most 15 digits (always a safe integer). */
const ID = /^[1-9][0-9]{0,14}$/;
/** The only query the fast path takes: a single `subject` hint, which the route ignores too. */
const SUBJECT_HINT = /^subject=[^&]*$/;

function withSchemaByIdFastPath(deps: ListenerDeps, next: RequestListener): RequestListener {
  const recorder = new RequestRecorder(deps.metrics, deps.logger);
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const hit = req.method === 'GET' ? cachedBody(deps, req.url) : undefined;
    if (hit === undefined) return next(req, res);
    let keyId: string | null = null;
    if (deps.auth.enabled) {
      const header = req.headers.authorization;
      const access = header === undefined ? undefined : deps.auth.cached(header);
      // Credentials not verified yet, and keys confined to prefixes (which may read an id only while a
      // subject they see uses it), are the app's to judge.
      if (access === undefined || access.prefixes !== null) return next(req, res);
      keyId = access.actor;
    }
    deps.metrics.schemaCacheLookup(true);
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.writeHead(200, {
      'content-type': negotiate(req.headers.accept),
      'content-length': hit.body.byteLength,
      'x-request-id': requestId,
    });
    res.end(hit.body);
    recorder.record({
      requestId,
      operationId: 'getSchemaById',
      method: 'GET',
      path: hit.path,
      status: 200,
      started,
      keyId,
    });
  };
}

function cachedBody(deps: ListenerDeps, url: string | undefined): { body: Buffer; path: string } | undefined {
  if (url === undefined || !url.startsWith(PREFIX)) return undefined;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const id = path.slice(PREFIX.length);
  if (!ID.test(id)) return undefined;
  if (query !== -1 && !SUBJECT_HINT.test(url.slice(query + 1))) return undefined;
  const body = deps.cache.schemaById(Number(id))?.bytes;
  return body === undefined ? undefined : { body, path };
}
