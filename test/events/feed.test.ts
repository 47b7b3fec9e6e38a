import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryEvent } from '../../src/events/types.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';

describe(`change feed GET /events (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  const eventsOf = async (subject: string) =>
    (await readWholeFeed(registry, 0, `&subject=${encodeURIComponent(subject)}`)) as RegistryEvent[];

  it('shows a registration with the documented envelope', async () => {
    const subject = uniqueSubject('feed-envelope');
    const { id } = await registerJson(registry, subject, schemaNumber(0));
    const [event] = await eventually(async () => {
      const events = await eventsOf(subject);
      return events.length > 0 ? events : undefined;
    });
    expect(event).toEqual({
      event_type: 'schema.registered',
      version: 'v1',
      seq: expect.any(Number),
      occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      registry_id: registry.deps.registryId,
      data: { subject, version: 1, id, schemaType: 'JSON' },
    });
  });

  it('pages with after/limit: following next reads every event once, in seq order', async () => {
    const subject = uniqueSubject('feed-pages');
    for (let n = 0; n < 7; n++) await registerJson(registry, subject, schemaNumber(n));
    const all = await eventually(async () => {
      const events = await eventsOf(subject);
      return events.length === 7 ? events : undefined;
    });

    const seen: number[] = [];
    let after = 0;
    for (let page = 0; page < 1000; page++) {
      const res = await registry.call('GET', `/events?after=${after}&limit=2`);
      expect(res.status).toBe(200);
      seen.push(...res.body.events.map((e: RegistryEvent) => e.seq));
      if (res.body.events.length === 0) break;
      expect(res.body.next).toBe(res.body.events.at(-1).seq);
      after = res.body.next;
    }
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    for (const event of all) expect(seen).toContain(event.seq);
  });

  it('filters by subject and type, and next lets a filtered reader skip ahead', async () => {
    const subject = uniqueSubject('feed-filter');
    const other = uniqueSubject('feed-other');
    await registerJson(registry, subject, schemaNumber(0));
    await registerJson(registry, other, schemaNumber(0));
    await eventually(async () => ((await eventsOf(other)).length === 1 ? true : undefined));

    const bySubject = await registry.call('GET', `/events?after=0&subject=${encodeURIComponent(subject)}`);
    expect(bySubject.body.events.map((e: RegistryEvent) => e.data['subject'])).toEqual([subject]);
    const head = (await registry.call('GET', '/events?after=0&limit=10000')).body.next;
    expect(bySubject.body.next).toBe(head);

    const byType = await registry.call('GET', '/events?after=0&type=mode.changed');
    expect(byType.body.events.every((e: RegistryEvent) => e.event_type === 'mode.changed')).toBe(true);
    const none = await registry.call('GET', `/events?after=${head}`);
    expect(none.body).toEqual({ events: [], next: head });
  });

  it('rejects bad parameters with the error envelope', async () => {
    for (const query of ['after=-1', 'after=abc', 'limit=0', 'limit=10001', 'limit=1.5']) {
      const res = await registry.call('GET', `/events?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toEqual({ error_code: 400, message: expect.any(String) });
    }
  });

  it('reports outbox_lag 0 in health once the relay has published', async () => {
    await registerJson(registry, uniqueSubject('feed-health'), schemaNumber(0));
    const health = await eventually(async () => {
      const res = await registry.call('GET', '/healthz');
      return res.body.outbox_lag === 0 ? res.body : undefined;
    });
    expect(health).toMatchObject({ status: 'ok', outbox_lag: 0, bus: 'in-process', bus_status: 'ok' });
  });

  it('delivers every event to local subscribers in seq order (cache invalidation path)', async () => {
    const seen: number[] = [];
    const unsubscribe = registry.deps.events.subscribe((event) => seen.push(event.seq));
    const subject = uniqueSubject('feed-local');
    for (let n = 0; n < 5; n++) await registerJson(registry, subject, schemaNumber(n));
    const mine = await eventually(async () => {
      const events = await eventsOf(subject);
      return events.length === 5 ? events : undefined;
    });
    await eventually(() => (seen.includes(mine.at(-1)?.seq ?? -1) ? true : undefined));
    unsubscribe();
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => (seen[0] ?? 0) + i));
  });
});
