import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient, type ChangeEvent } from '../../src/client/index.ts';
import type { RegistryEvent } from '../../src/events/types.ts';
import type { Logger } from '../../src/logger.ts';
import { REDIS_URL, startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, listen, openStream, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';
import { startPrivateRedis, type PrivateRedis } from './privateRedis.ts';

/** A logger that keeps its warnings, to see what an operator would read. */
function recordingLogger(): Logger & { warnings: { message: string; fields?: Record<string, unknown> }[] } {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const none = () => undefined;
  return {
    debug: none,
    info: none,
    error: none,
    warn: (message, fields) => warnings.push({ message, fields }),
    warnings,
  };
}

/** Registers `count` versions on a fresh subject of `registry`; returns the subject. */
async function registerSome(registry: TestRegistry, count: number): Promise<string> {
  const subject = uniqueSubject('shared');
  for (let n = 0; n < count; n++) await registerJson(registry, subject, schemaNumber(n, subject));
  return subject;
}

const seqs = (events: readonly { seq: number }[]) => events.map((event) => event.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// Two registries, each with its own database (so each numbers its feed from 1), and one Redis.
describe.skipIf(!REDIS_URL)(`two registries on one Redis (${STORAGE})`, () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis.close();
  });

  it('publish on channels named after their registry ids, and each sees only its own events', async () => {
    const a = await startRegistry({ env: { REDIS_URL: redis.url } });
    const b = await startRegistry({ env: { REDIS_URL: redis.url } });
    const seenByB: RegistryEvent[] = [];
    const unsubscribe = b.deps.events.subscribe((event) => seenByB.push(event));
    const stream = await openStream(`${b.url}/events/stream`);
    try {
      expect(a.deps.registryId).not.toBe(b.deps.registryId);
      expect(a.deps.events.eventsChannel).toBe(`schemata:${a.deps.registryId}:events`);
      expect(b.deps.events.eventsChannel).toBe(`schemata:${b.deps.registryId}:events`);
      await registerSome(a, 5);
      await registerSome(b, 2);
      const bFeed = await readWholeFeed(b);
      expect(seqs(bFeed)).toEqual(oneTo(2));
      expect(bFeed.every((event) => event.registry_id === b.deps.registryId)).toBe(true);
      await eventually(() => (stream.frames.length >= 2 ? true : undefined));
      await eventually(() => (seenByB.length >= 2 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stream.frames.map((frame) => frame.event)).toEqual(bFeed);
      expect(seenByB).toEqual(bFeed);
    } finally {
      stream.close();
      unsubscribe();
      await b.close();
      await a.close();
    }
  }, 180_000);

  it('sharing one REDIS_CHANNEL_PREFIX, ignore each other’s events and log each foreign id once', async () => {
    const prefix = `shared-${randomBytes(4).toString('hex')}`;
    const env = { REDIS_URL: redis.url, REDIS_CHANNEL_PREFIX: prefix };
    const a = await startRegistry({ env });
    const bLogger = recordingLogger();
    const b = await startRegistry({ env, logger: bLogger });
    const channel = await listen(redis.url, `${prefix}:events`);
    const seenByB: RegistryEvent[] = [];
    const unsubscribe = b.deps.events.subscribe((event) => seenByB.push(event));
    const stream = await openStream(`${b.url}/events/stream`);
    const bSubject = await registerSome(b, 1);
    const clientErrors: unknown[] = [];
    const client = createRegistryClient({
      url: b.url,
      redisUrl: redis.url,
      // No feed poll: what the client applies arrives over Redis (or is filled in from B's feed).
      pollIntervalMs: 3_600_000,
      onError: (error) => clientErrors.push(error),
    });
    const changes: { event: ChangeEvent; position: number }[] = [];
    client.onChange((event) => void changes.push({ event, position: client.position }));
    try {
      expect(b.deps.events.eventsChannel).toBe(`${prefix}:events`);
      await client.load([bSubject]);
      expect(client.position).toBe(1);
      // A runs ahead: its seqs 1..10 reach B's subscribers on the shared channel before B's 2 and 3.
      await registerSome(a, 10);
      await eventually(() => (channel.events.length >= 11 ? true : undefined));
      for (let n = 1; n < 3; n++) await registerJson(b, bSubject, schemaNumber(n, bSubject));
      await eventually(() => (changes.length >= 2 ? true : undefined));
      await eventually(() => (stream.frames.length >= 3 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));

      const bFeed = await readWholeFeed(b);
      expect(seqs(bFeed)).toEqual(oneTo(3));
      // B's caches and its SSE stream took B's events only, every one of them.
      expect(seenByB).toEqual(bFeed);
      expect(stream.frames.map((frame) => frame.event)).toEqual(bFeed);
      const ignored = bLogger.warnings.filter((w) => w.message.startsWith('ignoring events of another'));
      expect(ignored).toEqual([
        {
          message: 'ignoring events of another registry on the events channel',
          fields: {
            channel: `${prefix}:events`,
            registry_id: a.deps.registryId,
            own_registry_id: b.deps.registryId,
          },
        },
      ]);
      // The SDK followed B: versions 2 and 3, in order, and its position was current in the handler.
      expect(changes.map(({ event }) => [event.seq, event.data['version']])).toEqual([
        [2, 2],
        [3, 3],
      ]);
      expect(changes.map(({ position }) => position)).toEqual([2, 3]);
      expect(client.versions(bSubject)).toEqual([1, 2, 3]);
      expect(clientErrors.map(String)).toEqual([
        expect.stringContaining(`ignoring events of registry ${a.deps.registryId}`),
      ]);
    } finally {
      await client.close();
      stream.close();
      unsubscribe();
      await channel.close();
      await b.close();
      await a.close();
    }
  }, 180_000);
});
