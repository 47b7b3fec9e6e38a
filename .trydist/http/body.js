import { DomainError } from "../domain/errors.js";
import { requestHeader } from "./headers.js";
/** Media types whose bodies are JSON for the Confluent API (§1 of the contract); parameters are ignored. */
const JSON_MEDIA_TYPES = new Set([
    'application/vnd.schemaregistry.v1+json',
    'application/vnd.schemaregistry+json',
    'application/json',
    'application/octet-stream',
    '',
]);
/** Nesting allowed in a request body's own JSON; schemas travel as strings and have their own limits. */
export const MAX_BODY_DEPTH = 32;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Reads a JSON request body from its bytes, whatever JSON-ish content type it came with (Hono's json
 * validator silently drops vendor types). Returns `undefined` for an empty body. Refuses (400) what the
 * registry could not store faithfully: bytes that are not UTF-8, NUL characters and unpaired surrogates
 * (PostgreSQL text and jsonb reject both), and nesting deeper than MAX_BODY_DEPTH (the recursive code
 * that canonicalises and stores metadata would run out of stack).
 */
export async function readJsonBody(c, maxBytes) {
    const mediaType = (requestHeader(c, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_MEDIA_TYPES.has(mediaType)) {
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', `Content-Type '${mediaType}' is not supported; send JSON.`);
    }
    let text;
    try {
        // Decoding leniently would swap bad bytes for U+FFFD and register a schema nobody sent.
        text = UTF8.decode(await readBodyBytes(c, maxBytes));
    }
    catch (error) {
        if (error instanceof DomainError)
            throw error;
        throw new DomainError('BAD_REQUEST', 'The request body is not valid UTF-8.');
    }
    if (text.trim() === '')
        return undefined;
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new DomainError('BAD_REQUEST', 'The request body is not valid JSON.');
    }
    const problem = unstorable(value);
    if (problem !== undefined)
        throw new DomainError('BAD_REQUEST', `The request body ${problem}.`);
    return value;
}
/**
 * The body's bytes, refusing more than `maxBytes` (413) from the declared length or while reading. Under
 * @hono/node-server they are read from Node's request itself: going through Hono would first build a web
 * Request and stream for every write request. `app.request()` (tests) has no Node request: Hono reads it.
 */
async function readBodyBytes(c, maxBytes) {
    const declared = Number(requestHeader(c, 'content-length') ?? 0);
    if (declared > maxBytes)
        throw tooLarge(maxBytes);
    const incoming = c.env?.incoming;
    if (incoming === undefined) {
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.byteLength > maxBytes)
            throw tooLarge(maxBytes);
        return bytes;
    }
    if (incoming.readableEnded)
        return new Uint8Array(0);
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const stop = (error) => {
            incoming.off('data', onData).off('end', onEnd).off('error', stop);
            if (error !== undefined)
                reject(error instanceof Error ? error : new Error(String(error)));
        };
        const onData = (chunk) => {
            size += chunk.byteLength;
            if (size > maxBytes) {
                // The rest is never read: the 413 goes out with `connection: close` (see renderError).
                incoming.pause();
                stop(tooLarge(maxBytes));
            }
            else
                chunks.push(chunk);
        };
        const onEnd = () => {
            stop();
            resolve(Buffer.concat(chunks, size));
        };
        incoming.on('data', onData).on('end', onEnd).on('error', stop);
    });
}
const tooLarge = (maxBytes) => new DomainError('BODY_TOO_LARGE', `The request body exceeds the limit of ${maxBytes} bytes.`);
const UNSTORABLE_TEXT = 'contains a NUL character or an unpaired surrogate (\\u0000, \\ud800…)';
/** The first reason the parsed body cannot be stored as sent; iterative, as deep input is the point. */
function unstorable(body) {
    const stack = [[body, 0]];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        const [value, depth] = next;
        if (typeof value === 'string') {
            if (!storableText(value))
                return UNSTORABLE_TEXT;
            continue;
        }
        if (typeof value !== 'object' || value === null)
            continue;
        if (depth >= MAX_BODY_DEPTH)
            return `nests deeper than ${MAX_BODY_DEPTH} levels`;
        if (Array.isArray(value)) {
            for (const item of value)
                stack.push([item, depth + 1]);
            continue;
        }
        for (const [key, item] of Object.entries(value)) {
            if (!storableText(key))
                return UNSTORABLE_TEXT;
            stack.push([item, depth + 1]);
        }
    }
    return undefined;
}
/** NUL, or a surrogate without its other half (String.prototype.isWellFormed is ES2024, past our lib). */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Text PostgreSQL can hold: well-formed UTF-16 (no unpaired surrogates) without NUL. */
export function storableText(text) {
    return !UNSTORABLE.test(text);
}
