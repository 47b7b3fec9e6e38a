import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, listen, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';
import { startPrivateRedis, type PrivateRedis } from './privateRedis.ts';

describe.skipIf(!REDIS_URL)(`Redis broadcast (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry({ useRedis: true });
  });
  afterAll(async () => {
    await registry.close();
  });

  it('publishes a registration on schemata:<registry id>:events and on its subject channel, with the documented envelope', async () => {
    const subject = uniqueSubject('redis-envelope');
    const registryId = registry.deps.registryId;
    expect(registryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const all = await listen(REDIS_URL ?? '', `schemata:${registryId}:events`);
    const own = await listen(REDIS_URL ?? '', `schemata:${registryId}:events:${subject}`);
    try {
      const { id } = await registerJson(registry, subject, schemaNumber(0));
      const message = await eventually(() => all.events.find((e) => e.data['subject'] === subject));
      expect(message).toEqual({
        event_type: 'schema.registered',
        version: 'v1',
        seq: expect.any(Number),
        occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
        registry_id: registryId,
        data: { subject, version: 1, id, schemaType: 'JSON' },
      });
      const onSubject = await eventually(() => (own.events.length > 0 ? own.events : undefined));
      expect(onSubject).toEqual([message]);
      // The key order of the documented envelope (design.md §5).
      const raw = all.raw.find((text) => text.includes(subject)) ?? '';
      expect(Object.keys(JSON.parse(raw))).toEqual([
        'event_type',
        'version',
        'seq',
        'occurred_at',
        'registry_id',
        'data',
      ]);
      expect((await registry.call('GET', '/healthz')).body.bus).toBe('redis');
    } finally {
      await all.close();
      await own.close();
    }
  });
});

describe.skipIf(!REDIS_URL)(`Redis outage (${STORAGE})`, () => {
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

  it('loses nothing when Redis stops during 100 registrations: the backlog is published in order when it returns', async () => {
    const subject = uniqueSubject('outage');
    const before = await listen(redis.url);
    for (let n = 0; n < 30; n++) await registerJson(registry, subject, schemaNumber(n));
    await eventually(() => (before.events.length === 30 ? true : undefined));
    await before.close();

    await redis.stop();
    // Registration keeps working while Redis is gone; the outbox holds the events.
    for (let n = 30; n < 100; n++) await registerJson(registry, subject, schemaNumber(n));
    const health = await registry.call('GET', '/healthz');
    // The outage shows in health (still 200: the registry serves and accepts writes).
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      bus: 'redis',
      bus_status: 'down',
      outbox_lag: 70,
    });
    // The feed does not depend on Redis.
    const feed = await eventually(async () => {
      const events = await readWholeFeed(registry);
      return events.length === 100 ? events : undefined;
    });
    expect(feed.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    // Redis returns; this subscriber is in before anyone else can reconnect.
    await redis.start({ tcp: false });
    const after = await listen(redis.socketPath);
    try {
      await redis.openTcp();
      await eventually(
        () => (new Set(after.events.map((e) => e.seq)).size === 70 ? true : undefined),
        20_000,
      );
      const seqs = after.events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect([...new Set([...before.events.map((e) => e.seq), ...seqs])]).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
      // Publishing is at-least-once (consumers dedupe by seq); in order and complete is what counts.
      const unique = after.events.filter((e, i, all) => all.findIndex((x) => x.seq === e.seq) === i);
      expect(unique.map((e) => e.data['version'])).toEqual(Array.from({ length: 70 }, (_, i) => i + 31));
      const healed = await eventually(async () => {
        const body = (await registry.call('GET', '/healthz')).body;
        return body.outbox_lag === 0 ? body : undefined;
      });
      expect(healed).toMatchObject({ status: 'ok', bus: 'redis', bus_status: 'ok' });
    } finally {
      await after.close();
    }
  }, 120_000);
});

describe.skipIf(!REDIS_URL)(`Redis absent at start-up (${STORAGE})`, () => {
  let redis: PrivateRedis;
  let registry: TestRegistry;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    await redis.stop();
    registry = await startRegistry({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await registry.close();
    await redis.close();
  });

  it('starts, accepts registrations, and publishes them once Redis appears', async () => {
    const subject = uniqueSubject('late-redis');
    for (let n = 0; n < 3; n++) await registerJson(registry, subject, schemaNumber(n));
    const health = await eventually(async () => {
      const res = await registry.call('GET', '/healthz');
      return res.body.outbox_lag === 3 ? res : undefined;
    });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      bus: 'redis',
      bus_status: 'down',
      outbox_lag: 3,
    });

    await redis.start({ tcp: false });
    const channel = await listen(redis.socketPath);
    try {
      await redis.openTcp();
      const events = await eventually(
        () => (channel.events.length >= 3 ? channel.events : undefined),
        20_000,
      );
      expect(events.map((e) => [e.seq, e.data['version']])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
      ]);
    } finally {
      await channel.close();
    }
  });
});
