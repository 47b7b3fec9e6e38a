import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { eventually, openStream, readWholeFeed, registerJson, schemaNumber } from './helpers.ts';

describe(`change stream GET /events/stream (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  const head = async (): Promise<number> => (await readWholeFeed(registry)).at(-1)?.seq ?? 0;

  it('streams live events with id = seq and the envelope as data', async () => {
    const subject = uniqueSubject('sse-live');
    const stream = await openStream(`${registry.url}/events/stream`);
    try {
      expect(stream.status).toBe(200);
      const { id } = await registerJson(registry, subject, schemaNumber(0));
      const frame = await eventually(() => stream.frames.find((f) => f.event.data['subject'] === subject));
      expect(frame.id).toBe(String(frame.event.seq));
      expect(frame.event).toMatchObject({
        event_type: 'schema.registered',
        version: 'v1',
        data: { subject, version: 1, id, schemaType: 'JSON' },
      });
    } finally {
      stream.close();
    }
  });

  it('resumes after Last-Event-ID: the missed events first, none twice, none lost', async () => {
    const subject = uniqueSubject('sse-resume');
    const first = await openStream(`${registry.url}/events/stream?subject=${encodeURIComponent(subject)}`);
    await registerJson(registry, subject, schemaNumber(0));
    await registerJson(registry, subject, schemaNumber(1));
    const seenBefore = await eventually(() => (first.frames.length === 2 ? [...first.frames] : undefined));
    first.close();

    // While disconnected, three more changes happen.
    for (let n = 2; n < 5; n++) await registerJson(registry, subject, schemaNumber(n));
    const lastId = seenBefore.at(-1)?.id ?? '';
    const resumed = await openStream(`${registry.url}/events/stream?subject=${encodeURIComponent(subject)}`, {
      'Last-Event-ID': lastId,
    });
    try {
      await registerJson(registry, subject, schemaNumber(5));
      const frames = await eventually(() => (resumed.frames.length >= 4 ? resumed.frames : undefined));
      expect(frames.map((f) => f.event.data['version'])).toEqual([3, 4, 5, 6]);
      const feed = await readWholeFeed(registry, 0, `&subject=${encodeURIComponent(subject)}`);
      expect([...seenBefore, ...frames].map((f) => f.event.seq)).toEqual(feed.map((e) => e.seq));
    } finally {
      resumed.close();
    }
  });

  it('starts after ?after= when there is no Last-Event-ID', async () => {
    const subject = uniqueSubject('sse-after');
    const start = await head();
    await registerJson(registry, subject, schemaNumber(0));
    await registerJson(registry, subject, schemaNumber(1));
    const stream = await openStream(`${registry.url}/events/stream?after=${start}&type=schema.registered`);
    try {
      const frames = await eventually(() => {
        const mine = stream.frames.filter((f) => f.event.data['subject'] === subject);
        return mine.length === 2 ? mine : undefined;
      });
      expect(frames.map((f) => f.event.data['version'])).toEqual([1, 2]);
      expect(stream.frames.every((f) => f.event.event_type === 'schema.registered')).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('rejects a Last-Event-ID that is not a seq with the error envelope', async () => {
    const res = await registry.call('GET', '/events/stream', undefined, { 'Last-Event-ID': 'abc' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error_code: 400, message: expect.any(String) });
  });
});
