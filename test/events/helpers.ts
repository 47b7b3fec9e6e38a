import { Redis } from 'ioredis';
import { expect } from 'vitest';
import { parseEnvelope } from '../../src/client/events.ts';
import type { RegistryEvent } from '../../src/events/types.ts';
import type { TestRegistry } from '../helpers/registry.ts';

/** Registers a JSON schema through the real endpoint and returns `{id, version}`. */
export async function registerJson(
  registry: Pick<TestRegistry, 'call'>,
  subject: string,
  doc: unknown,
): Promise<{ id: number; version: number }> {
  const res = await registry.call('POST', `/subjects/${encodeURIComponent(subject)}/versions`, {
    schemaType: 'JSON',
    schema: JSON.stringify(doc),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: res.body.id, version: res.body.version };
}

/**
 * A distinct, mutually compatible schema per index (closed objects gaining optional properties); a `title`
 * makes the content (and so the schema id) unique to one subject.
 */
export const schemaNumber = (n: number, title?: string): Record<string, unknown> => ({
  ...(title === undefined ? {} : { title }),
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: n + 1 }, (_, i) => [`p${i}`, { type: 'string' }])),
  additionalProperties: false,
});

/** Waits until `check` returns a value other than undefined (polling; fails after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A subscriber of its own on a channel, collecting parsed envelopes in arrival order. Without a channel it
 * takes every registry's main channel (`*:events`): on a private Redis, that is the one registry's.
 */
export async function listen(
  redisUrl: string,
  channel?: string,
): Promise<{ events: RegistryEvent[]; raw: string[]; close(): Promise<void> }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy: () => 20 });
  redis.on('error', () => undefined);
  const events: RegistryEvent[] = [];
  const raw: string[] = [];
  const take = (message: string) => {
    raw.push(message);
    const event = parseEnvelope(message);
    if (event !== undefined) events.push(event as RegistryEvent);
  };
  if (channel === undefined) {
    redis.on('pmessage', (_pattern: string, _from: string, message: string) => take(message));
    await redis.psubscribe('*:events');
  } else {
    redis.on('message', (from: string, message: string) => {
      if (from === channel) take(message);
    });
    await redis.subscribe(channel);
  }
  return { events, raw, close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}

/** Reads the whole feed after a position through the HTTP API, page by page. */
export async function readWholeFeed(
  registry: Pick<TestRegistry, 'call'>,
  after = 0,
  query = '',
): Promise<RegistryEvent[]> {
  const events: RegistryEvent[] = [];
  for (let position = after; ;) {
    const res = await registry.call('GET', `/events?after=${position}&limit=500${query}`);
    expect(res.status).toBe(200);
    events.push(...(res.body.events as RegistryEvent[]));
    if (res.body.events.length < 500) return events;
    position = res.body.next;
  }
}

/** An SSE connection of the test's own: parsed `{id, event}` frames in arrival order. */
export async function openStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; frames: { id: string | undefined; event: RegistryEvent }[]; close(): void }> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const frames: { id: string | undefined; event: RegistryEvent }[] = [];
  if (response.ok && response.body !== null) {
    const body = response.body;
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n');
            const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
            const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
            const event = data.length > 0 ? parseEnvelope(data.join('\n')) : undefined;
            if (event !== undefined) frames.push({ id, event: event as RegistryEvent });
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  } else {
    await response.text();
  }
  return { status: response.status, frames, close: () => abort.abort() };
}
