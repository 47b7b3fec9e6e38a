import { subjectOf } from "./envelope.js";
import { OrderedDelivery } from "./orderedDelivery.js";
import { readFeed } from "./store.js";
/** Comment lines keep proxies from closing an idle stream; each also re-checks the feed. */
const HEARTBEAT_MS = 15_000;
/**
 * Streams the feed after `filter.after` as server-sent events (`id:` = seq, `data:` = the envelope), first the
 * backlog from the feed, then live events as this instance delivers them. Ends when the client goes away
 * or the registry shuts down; the client resumes with `Last-Event-ID` and misses nothing.
 */
export async function streamFeed(deps, stream, filter) {
    const matches = (event) => (filter.subject === undefined || subjectOf(event) === filter.subject) &&
        (filter.type === undefined || event.event_type === filter.type);
    const delivery = new OrderedDelivery({
        position: filter.after,
        readAfter: (after) => readFeed(deps.db, { after, limit: 500, subject: filter.subject, type: filter.type }),
        deliver: async (event) => {
            if (matches(event))
                await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
        },
        // A slow reader holds at most this many live events; the rest is re-read from the feed.
        maxQueue: 1_000,
        onError: (error) => deps.logger.warn('event stream could not read the feed; retrying', { error: String(error) }),
    });
    const unsubscribe = deps.events.subscribe((event) => delivery.offer(event));
    const heartbeat = setInterval(() => {
        void stream.write(': keep-alive\n\n');
        delivery.catchUp();
    }, HEARTBEAT_MS);
    let end = () => undefined;
    const ended = new Promise((resolve) => (end = resolve));
    const shutdown = deps.events.shutdownSignal;
    shutdown.addEventListener('abort', end, { once: true });
    stream.onAbort(end);
    try {
        // Sent at once so the client sees the response headers before the first event.
        await stream.write(': connected\nretry: 2000\n\n');
        delivery.catchUp();
        if (!shutdown.aborted)
            await ended;
    }
    finally {
        shutdown.removeEventListener('abort', end);
        clearInterval(heartbeat);
        unsubscribe();
        delivery.close();
    }
}
