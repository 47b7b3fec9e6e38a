import { EVENTS_CHANNEL, parseEnvelope } from '../events/envelope.ts';
import type { RegistryEvent } from '../events/types.ts';

/** A push channel of change events; it may drop some (the feed fills gaps), it never throws at the caller. */
export interface LiveSource {
  close(): Promise<void>;
}

export interface LiveHandlers {
  onEvent(event: RegistryEvent): void;
  /** (Re)connected: events may have been missed meanwhile. */
  onReady(): void;
  onError(error: unknown): void;
}

/** Subscribes to `schemata:events` on Redis; ioredis is loaded only here, so it stays optional. */
export async function openRedisSource(redisUrl: string, handlers: LiveHandlers): Promise<LiveSource> {
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
  redis.on('message', (channel: string, message: string) => {
    if (channel !== EVENTS_CHANNEL) return;
    const event = parseEnvelope(message);
    if (event !== undefined) handlers.onEvent(event);
  });
  // Redis being away must not stop the client: the feed poll covers until it is back.
  redis.connect().catch((error: unknown) => handlers.onError(error));
  await Promise.race([
    redis.subscribe(EVENTS_CHANNEL).catch((error: unknown) => handlers.onError(error)),
    new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
  ]);
  return {
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Follows `GET /events/stream`, reconnecting with `Last-Event-ID` = the caller's position, so the registry
 * replays whatever was missed while disconnected.
 */
export function openSseSource(
  streamUrl: string,
  fetchImpl: typeof globalThis.fetch,
  position: () => number,
  handlers: LiveHandlers,
): LiveSource {
  const abort = new AbortController();
  const run = async () => {
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      try {
        const response = await fetchImpl(streamUrl, {
          headers: { accept: 'text/event-stream', 'last-event-id': String(position()) },
          signal: abort.signal,
        });
        if (!response.ok || response.body === null)
          throw new Error(`event stream answered HTTP ${response.status}`);
        attempt = 0;
        handlers.onReady();
        await readStream(response.body, handlers);
      } catch (error) {
        if (abort.signal.aborted) return;
        handlers.onError(error);
      }
      await sleep(Math.min(100 * 2 ** attempt, 5_000), abort.signal);
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

/** Parses server-sent events: `data:` lines joined, dispatched on a blank line; comments ignored. */
async function readStream(body: ReadableStream<Uint8Array>, handlers: LiveHandlers): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        const event = data.length > 0 ? parseEnvelope(data.join('\n')) : undefined;
        data = [];
        if (event !== undefined) handlers.onEvent(event);
      } else if (line.startsWith('data:')) {
        data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
