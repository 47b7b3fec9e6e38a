import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStream, readWholeFeed, eventually } from '../events/helpers.ts';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADMIN, ADMIN_SECRET, createKey, type CreatedKey } from './keys.ts';

/**
 * A key confined to prefixes sees only those subjects: the listings leave the rest out (filtered in the
 * query, so paging counts only what it sees), and ids used only outside read as missing ids.
 */
describe(`subject prefixes in listings and by-id reads (${STORAGE})`, () => {
  let registry: TestRegistry;
  let confined: CreatedKey;
  const inside = uniqueSubject('in-');
  const inside2 = uniqueSubject('in-');
  const outside = uniqueSubject('out-');
  const ids = { shared: 0, outsideOnly: 0, referrer: 0 };

  const register = async (subject: string, body: object) => {
    const res = await registry.call('POST', `/subjects/${subject}/versions`, body, ADMIN);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as number;
  };
  const json = (doc: object) => ({ schemaType: 'JSON', schema: JSON.stringify(doc) });

  beforeAll(async () => {
    registry = await startRegistry({ env: { ADMIN_KEY: ADMIN_SECRET } });
    confined = await createKey(registry, { role: 'read', subjects: ['in-'] });
    const address = { $id: 'https://example.com/address', type: 'object' };
    ids.shared = await register(inside, json(address));
    await register(inside2, json({ type: 'string', title: inside2 }));
    expect(await register(outside, json(address))).toBe(ids.shared);
    await registry.call('PUT', `/config/${outside}`, { compatibility: 'NONE' }, ADMIN);
    ids.outsideOnly = await register(outside, json({ type: 'number', title: outside }));
    // A schema under the outside subject referencing the inside one.
    ids.referrer = await register(outside, {
      ...json({ $ref: 'https://example.com/address', title: `${outside}-ref` }),
      references: [{ name: 'https://example.com/address', subject: inside, version: 1 }],
    });
  });
  afterAll(async () => {
    await registry?.close();
  });

  const read = (path: string, body?: unknown) =>
    registry.call(body === undefined ? 'GET' : 'POST', path, body, confined.headers);

  it('lists only the subjects it sees, and pages after filtering', async () => {
    const all = (await read('/subjects')).body as string[];
    expect(all).toContain(inside);
    expect(all).not.toContain(outside);
    expect(all.every((s) => s.startsWith('in-'))).toBe(true);
    expect((await read('/subjects?limit=1')).body).toEqual([all[0]]);
    expect((await read('/subjects?subjectPrefix=out-')).body).toEqual([]);
  });

  it('lists only the schemas of subjects it sees', async () => {
    const schemas = (await read('/schemas')).body as Array<{ subject: string }>;
    expect(schemas.map((s) => s.subject)).toEqual(expect.arrayContaining([inside, inside2]));
    expect(schemas.some((s) => s.subject === outside)).toBe(false);
  });

  it('reads an id used only outside its prefixes as a missing id', async () => {
    const missing = 999_999_999_999;
    const expectMissing = async (path: string, id: number) => {
      const res = await read(path);
      const nothing = await read(path.replace(String(id), String(missing)));
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        ...nothing.body,
        message: nothing.body.message.replace(String(missing), String(id)),
      });
    };
    for (const suffix of ['', '/schema', '/subjects', '/versions']) {
      await expectMissing(`/schemas/ids/${ids.outsideOnly}${suffix}`, ids.outsideOnly);
    }
    expect((await registry.call('GET', `/schemas/ids/${ids.outsideOnly}`, undefined, ADMIN)).status).toBe(
      200,
    );
    // A shared id is readable, and lists only the usages it sees.
    expect((await read(`/schemas/ids/${ids.shared}`)).status).toBe(200);
    expect((await read(`/schemas/ids/${ids.shared}/subjects`)).body).toEqual([inside]);
    expect((await read(`/schemas/ids/${ids.shared}/versions`)).body).toEqual([
      { subject: inside, version: 1 },
    ]);
  });

  it('leaves out referrers registered only outside its prefixes', async () => {
    expect(
      (await registry.call('GET', `/subjects/${inside}/versions/1/referencedby`, undefined, ADMIN)).body,
    ).toEqual([ids.referrer]);
    expect((await read(`/subjects/${inside}/versions/1/referencedby`)).body).toEqual([]);
  });

  it('reports subjects outside its prefixes as missing contracts', async () => {
    const res = await read('/contracts', { subjects: [inside, outside] });
    expect(res.body.contracts.map((c: { subject: string }) => c.subject)).toEqual([inside]);
    expect(res.body.missing).toEqual([outside]);
  });

  it('cannot resolve a reference to a subject it does not see', async () => {
    const writer = await createKey(registry, { role: 'write', subjects: ['in-'] });
    const check = await registry.call(
      'POST',
      `/compatibility/subjects/${inside2}/versions`,
      { ...json({ $ref: 'x' }), references: [{ name: 'x', subject: outside, version: 1 }] },
      writer.headers,
    );
    const ghost = uniqueSubject('ghost');
    const absent = await registry.call(
      'POST',
      `/compatibility/subjects/${inside2}/versions`,
      { ...json({ $ref: 'x' }), references: [{ name: 'x', subject: ghost, version: 1 }] },
      ADMIN,
    );
    expect(check.status).toBe(422);
    expect(check.body).toEqual({ ...absent.body, message: absent.body.message.replace(ghost, outside) });
  });

  it('reads only the events of subjects it sees (and global changes), in the feed and the stream', async () => {
    await registry.call('PUT', '/config', { compatibility: 'BACKWARD' }, ADMIN);
    const events = await readWholeFeed(registry, 0, '', confined.headers);
    const subjects = new Set(events.map((e) => e.data['subject']));
    expect(subjects.has(inside)).toBe(true);
    expect(subjects.has(outside)).toBe(false);
    expect(subjects.has(null)).toBe(true);
    expect(events.some((e) => e.event_type.startsWith('key.'))).toBe(false);
    expect((await readWholeFeed(registry, 0, '', ADMIN)).some((e) => e.event_type === 'key.created')).toBe(
      true,
    );
    expect((await read(`/events?subject=${outside}`)).body.events).toEqual([]);

    const stream = await openStream(`${registry.url}/events/stream`, confined.headers);
    try {
      expect(stream.status).toBe(200);
      await registry.call('PUT', `/config/${outside}`, { compatibility: 'FULL' }, ADMIN);
      await registry.call('PUT', `/config/${inside}`, { compatibility: 'FULL' }, ADMIN);
      const frame = await eventually(() => stream.frames[0]);
      expect(frame.event.data['subject']).toBe(inside);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.frames.map((f) => f.event.data['subject'])).toEqual([inside]);
    } finally {
      stream.close();
    }
  });
});
