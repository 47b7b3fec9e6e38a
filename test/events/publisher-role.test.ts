import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { queryRows } from '../../src/db/client.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  REDIS_URL,
  startRegistry,
  STORAGE,
  uniqueSubject,
  type TestRegistry,
} from '../helpers/registry.ts';
import { eventually, listen, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';
import { startPrivateRedis, type PrivateRedis } from './privateRedis.ts';

/**
 * One relay session across the instances holds the publisher role (a session-scoped advisory lock) and
 * publishes everything, its own events straight after their commit and the others' from the outbox. These
 * tests take the role away in the ways a deployment does: a graceful stop, a restart, a session that dies.
 */
describe.skipIf(STORAGE !== 'postgres' || !REDIS_URL)('the publisher role (postgres + redis)', () => {
  let redis: PrivateRedis;
  let database: { url: string; drop: () => Promise<void> };
  const running: TestRegistry[] = [];
  const start = async () => {
    const registry = await startRegistry({ databaseUrl: database.url, env: { REDIS_URL: redis.url } });
    running.push(registry);
    return registry;
  };
  const stop = async (registry: TestRegistry) => {
    running.splice(running.indexOf(registry), 1);
    await registry.close();
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterEach(async () => {
    for (const registry of running.splice(0)) await registry.close();
    await database?.drop();
  });
  afterAll(async () => {
    await redis.close();
  });

  /** Registers `count` new versions under a fresh subject. */
  const registerSome = async (registry: TestRegistry, count: number) => {
    const subject = uniqueSubject('role');
    for (let n = 0; n < count; n++) await registerJson(registry, subject, schemaNumber(n, subject));
  };

  it('moves to another instance when the holder stops, which publishes the rest in order, none twice', async () => {
    database = await createTestDatabase();
    const channel = await listen(redis.url);
    try {
      const a = await start();
      const b = await start();
      await Promise.all([registerSome(a, 10), registerSome(b, 10)]);
      await eventually(() => (channel.events.length >= 20 ? true : undefined));
      // A stops gracefully: it stores how far it published and ends its session, releasing the role.
      await stop(a);
      await registerSome(b, 10);
      await eventually(() => (channel.events.length >= 30 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(channel.events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      await eventually(async () =>
        (await b.call('GET', '/healthz')).body.outbox_lag === 0 ? true : undefined,
      );
    } finally {
      await channel.close();
    }
  }, 60_000);

  it('does not publish again after a restart what was published before it', async () => {
    database = await createTestDatabase();
    const channel = await listen(redis.url);
    try {
      const first = await start();
      await registerSome(first, 5);
      await eventually(() => (channel.events.length >= 5 ? true : undefined));
      await stop(first);
      const second = await start();
      await registerSome(second, 2);
      await eventually(() => (channel.events.length >= 7 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(channel.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await channel.close();
    }
  }, 60_000);

  it('is taken over when the holder’s database session dies, and nothing committed goes unpublished', async () => {
    database = await createTestDatabase();
    const channel = await listen(redis.url);
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const a = await start();
      const b = await start();
      await registerSome(a, 5);
      await eventually(() => (channel.events.length >= 5 ? true : undefined));
      // The session holding the role's lock dies (a failover, an operator, a network cut).
      const killed = await admin<{ killed: boolean }[]>`
        select pg_terminate_backend(pid) as killed from pg_locks
        where locktype = 'advisory' and objid = ${0x5c4e0e02} and granted
          and database = (select oid from pg_database where datname = current_database())`;
      expect(killed).toEqual([{ killed: true }]);
      // Both instances write on: whichever takes the role publishes all of it.
      await Promise.all([registerSome(a, 10), registerSome(b, 10)]);
      const feed = await readWholeFeed(b);
      expect(feed.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      await eventually(() => (new Set(channel.events.map((e) => e.seq)).size >= 25 ? true : undefined));
      // At least once: a repeat is allowed for what the old holder published but had not yet stored;
      // every event's first publication still comes in feed order.
      const firsts = channel.events.map((e) => e.seq).filter((seq, i, all) => all.indexOf(seq) === i);
      expect(firsts).toEqual(feed.map((e) => e.seq));
    } finally {
      await admin.end();
      await channel.close();
    }
  }, 60_000);
});

/** Embedded, the relay shares PGlite's only session with every request: it must leave commits synchronous. */
describe('the publisher role and durability', () => {
  it('leaves the commits of the registry’s own writes synchronous once the relay holds the role', async () => {
    const registry = await startRegistry();
    try {
      await registerJson(registry, uniqueSubject('durable'), schemaNumber(0));
      // The relay takes the role at start and publishes the registration's event.
      await eventually(async () =>
        (await registry.call('GET', '/healthz')).body.outbox_lag === 0 ? true : undefined,
      );
      const rows = await queryRows<{ synchronous_commit: string }>(
        registry.deps.db,
        sql`show synchronous_commit`,
      );
      expect(rows).toEqual([{ synchronous_commit: 'on' }]);
    } finally {
      await registry.close();
    }
  });
});
