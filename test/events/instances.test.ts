import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryEvent } from '../../src/events/types.ts';
import { REDIS_URL, startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, listen, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';
import { startPrivateRedis, type PrivateRedis } from './privateRedis.ts';

/** Two registry instances on one PostgreSQL database and one Redis, as behind a load balancer. */
describe.skipIf(STORAGE !== 'postgres' || !REDIS_URL)('several instances (postgres + redis)', () => {
  let redis: PrivateRedis;
  let a: TestRegistry;
  let b: TestRegistry;
  beforeAll(async () => {
    // A private Redis: the channel then carries only this database's events, so seqs can be counted.
    redis = await startPrivateRedis();
    a = await startRegistry({ env: { REDIS_URL: redis.url } });
    b = await startRegistry({ databaseUrl: a.databaseUrl, env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await redis.close();
  });

  it('publishes every event exactly once and in seq order, whichever instance wrote it', async () => {
    const channel = await listen(redis.url);
    const seenByB: number[] = [];
    const unsubscribe = b.deps.events.subscribe((event) => seenByB.push(event.seq));
    try {
      const subjects = [uniqueSubject('multi-a'), uniqueSubject('multi-b')];
      // Both instances write concurrently, to two subjects.
      await Promise.all(
        [a, b].map(async (instance, i) => {
          for (let n = 0; n < 20; n++) await registerJson(instance, subjects[i] ?? '', schemaNumber(n));
        }),
      );
      const feed = await eventually(async () => {
        const events = await readWholeFeed(a);
        return events.length >= 40 ? events : undefined;
      });
      await eventually(() => (channel.events.length >= feed.length ? true : undefined));
      await eventually(async () =>
        (await a.call('GET', '/healthz')).body.outbox_lag === 0 ? true : undefined,
      );
      const published = channel.events.map((e) => e.seq);
      expect(published).toEqual(feed.map((e) => e.seq));
      expect(published).toEqual(Array.from({ length: feed.length }, (_, i) => i + 1));
      // Each instance's caches see every event, in order, including the other instance's.
      await eventually(() => (seenByB.length >= feed.length ? true : undefined));
      expect(seenByB).toEqual(published.filter((seq) => seq > (seenByB[0] ?? 1) - 1));
    } finally {
      unsubscribe();
      await channel.close();
    }
  }, 120_000);

  it('keeps the instances coherent: a change made through A is visible through B', async () => {
    const subject = uniqueSubject('coherent');
    const path = `/subjects/${encodeURIComponent(subject)}/versions`;
    const first = await registerJson(a, subject, schemaNumber(0, subject));
    const second = await registerJson(a, subject, schemaNumber(1, subject));
    const latestOnB = await b.call('GET', `${path}/latest`);
    expect(latestOnB.status).toBe(200);
    expect(latestOnB.body).toMatchObject({ subject, version: 2, id: second.id });

    // B caches schema 2 by id, then A deletes version 2 softly and then permanently.
    expect((await b.call('GET', `/schemas/ids/${second.id}`)).status).toBe(200);
    const deliveredToB: RegistryEvent[] = [];
    const unsubscribe = b.deps.events.subscribe((event) => deliveredToB.push(event));
    try {
      expect((await a.call('DELETE', `${path}/2`)).status).toBe(200);
      expect((await b.call('GET', `${path}/latest`)).body).toMatchObject({ version: 1, id: first.id });
      expect((await b.call('GET', path)).body).toEqual([1]);

      expect((await a.call('DELETE', `${path}/2?permanent=true`)).status).toBe(200);
      await eventually(() =>
        deliveredToB.find((e) => e.event_type === 'version.deleted' && e.data['permanent'] === true),
      );
      // B's by-id cache dropped the schema when the event arrived.
      const gone = await b.call('GET', `/schemas/ids/${second.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error_code).toBe(40403);
    } finally {
      unsubscribe();
    }
  });
});
