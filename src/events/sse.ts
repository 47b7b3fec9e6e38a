import type { SSEStreamingApi } from 'hono/streaming';
import type { Database } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { subjectOf } from '../client/events.ts';
import { OrderedDelivery } from '../client/orderedDelivery.ts';
import type { EventsRuntime } from './runtime.ts';
import { readFeed } from './store.ts';
import type { RegistryEvent } from './types.ts';

export interface StreamFilter {
  /** Position to resume after (the client's Last-Event-ID). */
  after: number;
  subject?: string | undefined;
  type?: string | undefined;
}

/** Comment lines keep proxies from closing an idle stream; each also re-checks the feed. */
const HEARTBEAT_MS = 15_000;

/**
 * Streams the feed after `filter.after` as server-sent events (`id:` = seq, `data:` = the envelope), first the
 * backlog from the feed, then live events as this instance delivers them. Ends when the client goes away
 * or the registry shuts down; the client resumes with `Last-Event-ID` and misses nothing.
 */
export async function streamFeed(
  deps: { db: Database; events: EventsRuntime; logger: Logger },
  stream: SSEStreamingApi,
  filter: StreamFilter,
): Promise<void> {
  const matches = (event: RegistryEvent) =>
    (filter.subject === undefined || subjectOf(event) === filter.subject) &&
    (filter.type === undefined || event.event_type === filter.type);
  const delivery = new OrderedDelivery<RegistryEvent>({
    position: filter.after,
    readAfter: (after) =>
      readFeed(deps.db, { after, limit: 500, subject: filter.subject, type: filter.type }),
    deliver: async (event) => {
      if (matches(event)) await stream.writeSSE({ id: String(event.seq), data: JSON.stringify(event) });
    },
    // A slow reader holds at most this many live events; the rest is re-read from the feed.
    maxQueue: 1_000,
    onError: (error) =>
      deps.logger.warn('event stream could not read the feed; retrying', { error: String(error) }),
  });

  const unsubscribe = deps.events.subscribe((event) => delivery.offer(event));
  const heartbeat = setInterval(() => {
    void stream.write(': keep-alive\n\n');
    delivery.catchUp();
  }, HEARTBEAT_MS);
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const shutdown = deps.events.shutdownSignal;
  shutdown.addEventListener('abort', end, { once: true });
  stream.onAbort(end);
  try {
    // Sent at once so the client sees the response headers before the first event.
    await stream.write(': connected\nretry: 2000\n\n');
    delivery.catchUp();
    if (!shutdown.aborted) await ended;
  } finally {
    shutdown.removeEventListener('abort', end);
    clearInterval(heartbeat);
    unsubscribe();
    delivery.close();
  }
}
