import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_EVENTS_CHANNEL } from './events.ts';
import type { RegistryEvent } from '../events/types.ts';
import {
  REDIS_URL,
  startRegistry,
  STORAGE,
  uniqueSubject,
  type TestRegistry,
} from '../../test/helpers/registry.ts';
import { eventually, registerJson } from '../../test/events/helpers.ts';
import { startPrivateRedis, type PrivateRedis } from '../../test/events/privateRedis.ts';
import { createRegistryClient, type ChangeEvent } from './index.ts';

const user = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  type: 'object',
  properties: { id: { type: 'string' }, ...extra },
  required: ['id'],
  additionalProperties: false,
});

describe.skipIf(!REDIS_URL)(`consumer SDK over Redis (${STORAGE})`, () => {
  let redis: PrivateRedis;
  let registry: TestRegistry;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    registry = await startRegistry({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await registry.close();
    await redis.close();
  });

  it('follows changes published on Redis and refreshes its validators', async () => {
    const subject = uniqueSubject('sdk-redis');
    await registerJson(registry, subject, user(subject));
    // No feed poll: whatever arrives, arrives over Redis.
    const client = createRegistryClient({
      url: registry.url,
      redisUrl: redis.url,
      pollIntervalMs: 3_600_000,
    });
    const changes: ChangeEvent[] = [];
    client.onChange((event) => void changes.push(event));
    try {
      await client.load([subject]);
      await registerJson(registry, subject, user(subject, { email: { type: 'string' } }));
      await eventually(() => changes.find((e) => e.data['version'] === 2));
      expect(client.validate(subject, { id: 'u', email: 'e' })).toMatchObject({ valid: true, version: 2 });
    } finally {
      await client.close();
    }
  });
});

/**
 * A message lost on the way (Pub/Sub drops them) must be noticed by the next one's seq and read from the
 * feed. The registry here runs without Redis; the test relays its events to a private Redis itself and
 * drops the one it chooses.
 */
describe.skipIf(!REDIS_URL)(`consumer SDK catch-up after a missed message (${STORAGE})`, () => {
  let redis: PrivateRedis;
  let registry: TestRegistry;
  let publisher: Redis;
  const dropped: RegistryEvent[] = [];
  const relayed: RegistryEvent[] = [];
  let drop: (event: RegistryEvent) => boolean = () => false;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    registry = await startRegistry();
    publisher = new Redis(redis.url);
    registry.deps.events.subscribe((event) => {
      if (drop(event)) dropped.push(event);
      else {
        relayed.push(event);
        // The registry runs without Redis, so it names no channel: the client takes the legacy one.
        void publisher.publish(LEGACY_EVENTS_CHANNEL, JSON.stringify(event));
      }
    });
  });
  afterAll(async () => {
    await registry.close();
    publisher.disconnect();
    await redis.close();
  });

  it('detects the seq gap on the next message and catches up from the feed', async () => {
    const subject = uniqueSubject('sdk-gap');
    const other = uniqueSubject('sdk-gap-other');
    await registerJson(registry, subject, user(subject));
    // Events are sequenced after their commit: wait for version 1's, so the contracts the client loads
    // already cover it. Were it sequenced later, the client would apply it by reading the subject afresh
    // and could see version 2 through that read rather than through the message this test drops.
    await eventually(() => relayed.find((e) => e.data['subject'] === subject));
    const client = createRegistryClient({
      url: registry.url,
      redisUrl: redis.url,
      pollIntervalMs: 3_600_000,
    });
    const changes: ChangeEvent[] = [];
    client.onChange((event) => void changes.push(event));
    try {
      await client.load([subject]);
      // Let the catch-up read the client makes once subscribed finish, or it could find version 2 in the feed.
      await client.sync();
      expect(client.position).toBeGreaterThanOrEqual(
        relayed.find((e) => e.data['subject'] === subject)?.seq ?? Infinity,
      );
      drop = (event) => event.data['subject'] === subject;
      await registerJson(registry, subject, user(subject, { email: { type: 'string' } }));
      await eventually(() => (dropped.length === 1 ? true : undefined));
      // The client has not heard of version 2.
      expect(client.versions(subject)).toEqual([1]);

      // The next message (about a subject the client does not even follow) reveals the gap.
      await registerJson(registry, other, user(other));
      const caughtUp = await eventually(() => changes.find((e) => e.seq === dropped[0]?.seq));
      expect(caughtUp).toMatchObject({ event_type: 'schema.registered', data: { subject, version: 2 } });
      expect(client.versions(subject)).toEqual([1, 2]);
      expect(client.validate(subject, { id: 'u', email: 'e' }).valid).toBe(true);
      await client.sync();
      expect(client.position).toBeGreaterThan(dropped[0]?.seq ?? Infinity);
    } finally {
      await client.close();
    }
  });
});
