import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { negotiate } from "./respond.js";
/**
 * The HTTP server every entry point uses (main.ts, the test harness, the benchmark): the Hono app behind
 * one fast path. `GET /schemas/ids/{id}` is what every consumer calls for every schema it meets; when the
 * schema is already in memory the answer is a pre-serialised body and one header, so it is written straight
 * to the socket without building a web Request and Response. Anything else, including every miss, error,
 * query parameter other than the `subject` hint, or unusual id spelling, goes to the app, which owns the
 * route's full behaviour (routes/schemas/getSchemaById.ts); test/http/fast-path.test.ts checks both give
 * the same answer.
 */
export function serveApp(app, cache, options, onListening) {
    return serve({
        fetch: app.fetch,
        port: options.port,
        hostname: options.hostname,
        createServer: ((serverOptions, listener) => createServer(serverOptions, withSchemaByIdFastPath(cache, listener)).on('clientError', answerClientError)),
    }, onListening);
}
/**
 * Requests Node refuses before any handler runs (a request line or headers over its 16 KiB limit, a
 * malformed request, a header timeout) would get a bare status line; they get the envelope like every other
 * error. The connection is closed after the answer, as Node does.
 */
function answerClientError(error, socket) {
    if (error.code === 'ECONNRESET' || !socket.writable) {
        socket.destroy();
        return;
    }
    const [status, reason, message] = error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request line or headers exceed 16 KiB.']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout', 'The request was not received in time.']
            : [400, 'Bad Request', 'The request is not valid HTTP/1.1.'];
    const body = JSON.stringify({ error_code: status, message });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/vnd.schemaregistry.v1+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
const PREFIX = '/schemas/ids/';
/** A canonical decimal id: no sign, no leading zero, at most 15 digits (always a safe integer). */
const ID = /^[1-9][0-9]{0,14}$/;
/** The only query the fast path takes: a single `subject` hint, which the route ignores too. */
const SUBJECT_HINT = /^subject=[^&]*$/;
function withSchemaByIdFastPath(cache, next) {
    return (req, res) => {
        const body = req.method === 'GET' ? cachedBody(cache, req.url) : undefined;
        if (body === undefined)
            return next(req, res);
        res.writeHead(200, {
            'content-type': negotiate(req.headers.accept),
            'content-length': body.byteLength,
        });
        res.end(body);
    };
}
function cachedBody(cache, url) {
    if (url === undefined || !url.startsWith(PREFIX))
        return undefined;
    const query = url.indexOf('?');
    const id = url.slice(PREFIX.length, query === -1 ? undefined : query);
    if (!ID.test(id))
        return undefined;
    if (query !== -1 && !SUBJECT_HINT.test(url.slice(query + 1)))
        return undefined;
    return cache.schemaById(Number(id))?.bytes;
}
