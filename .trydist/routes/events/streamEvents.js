import { streamSSE } from 'hono/streaming';
import { DomainError } from "../../domain/errors.js";
import { streamFeed } from "../../events/sse.js";
import { readHead } from "../../events/store.js";
/**
 * Server-sent events. Resumes after `Last-Event-ID` (what EventSource sends on reconnect), else after
 * `?after=`, else starts at the current head (live events only).
 */
export const streamEvents = async ({ c, input, deps }) => {
    const lastEventId = input.header['Last-Event-ID']?.trim();
    if (lastEventId !== undefined && lastEventId !== '' && !/^\d{1,15}$/.test(lastEventId)) {
        throw new DomainError('BAD_REQUEST', 'Last-Event-ID must be the seq of an event.');
    }
    const after = lastEventId !== undefined && lastEventId !== ''
        ? Number(lastEventId)
        : (input.query.after ?? (await readHead(deps.db)));
    return streamSSE(c, (stream) => streamFeed(deps, stream, { after, subject: input.query.subject, type: input.query.type }));
};
