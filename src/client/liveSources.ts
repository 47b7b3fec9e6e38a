import { createParser } from 'eventsource-parser';
import { parseEnvelope, type ChangeEvent } from './events.ts';

/** A push channel of change events; it may drop some (the feed fills gaps), it never throws at the caller. */
export interface LiveSource {
  close(): Promise<void>;
}

export interface LiveHandlers {
  onEvent(event: ChangeEvent): void;
  /** (Re)connected: events may have been missed meanwhile. */
  onReady(): void;
  onError(error: unknown): void;
}

/** Subscribes to the registry's events channel on Redis; ioredis is loaded only here, so it stays optional. */
export async function openRedisSource(
  redisUrl: string,
  channel: string,
  handlers: LiveHandlers,
): Promise<LiveSource> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    autoResubscribe: true,
    connectionName: 'schemata-client',
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2_000),
  });
  redis.on('error', (error: Error) => handlers.onError(error));
  redis.on('ready', () => handlers.onReady());
  redis.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const event = parseEnvelope(message);
    if (event !== undefined) handlers.onEvent(event);
  });
  // Redis being away must not stop the client: the feed poll covers until it is back.
  redis.connect().catch((error: unknown) => handlers.onError(error));
  await Promise.race([
    redis.subscribe(channel).catch((error: unknown) => handlers.onError(error)),
    new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
  ]);
  return {
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Reconnect delay after a stream ends, until the registry's `retry:` says otherwise. */
const DEFAULT_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Follows `GET /events/stream`, reconnecting with `Last-Event-ID` = the caller's position (the last event
 * it applied; each frame's `id:` is its seq), so the registry replays whatever was missed meanwhile. The
 * stream's `retry:` sets the reconnect delay; failures back off from it.
 */
export function openSseSource(
  streamUrl: string,
  fetchImpl: typeof globalThis.fetch,
  position: () => number,
  handlers: LiveHandlers,
): LiveSource {
  const abort = new AbortController();
  let retryMs = DEFAULT_RETRY_MS;
  const parser = createParser({
    onEvent: (message) => {
      const event = parseEnvelope(message.data);
      // The frame's id is the event's seq; a frame whose id says otherwise is not an event of the feed.
      if (event !== undefined && (message.id === undefined || message.id === String(event.seq))) {
        handlers.onEvent(event);
      }
    },
    onRetry: (ms) => {
      retryMs = Math.min(Math.max(ms, 100), MAX_RETRY_MS);
    },
  });
  const run = async () => {
    for (let failures = 0; !abort.signal.aborted;) {
      try {
        const response = await fetchImpl(streamUrl, {
          headers: { accept: 'text/event-stream', 'last-event-id': String(position()) },
          signal: abort.signal,
        });
        if (!response.ok || response.body === null)
          throw new Error(`event stream answered HTTP ${response.status}`);
        failures = 0;
        handlers.onReady();
        parser.reset();
        const decoder = new TextDecoder();
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          parser.feed(decoder.decode(chunk, { stream: true }));
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        failures += 1;
        handlers.onError(error);
      }
      await sleep(Math.min(retryMs * 2 ** failures, MAX_RETRY_MS), abort.signal);
    }
  };
  const running = run();
  return {
    async close() {
      abort.abort();
      await running;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
