import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
const register = async (subject: string, doc: unknown): Promise<{ id: number; version: number }> => {
  const res = await registry.call('POST', `${path(subject)}/versions`, {
    schemaType: 'JSON',
    schema: JSON.stringify(doc),
  });
  expect(res.status).toBe(200);
  return res.body;
};

describe('GET /schemas/ids/{id}', () => {
  it('answers {schema, schemaType} and, with fetchMaxId, the highest id', async () => {
    const subject = uniqueSubject('by-id');
    const doc = { type: 'object', title: subject };
    const { id } = await register(subject, doc);
    const res = await registry.call('GET', `/schemas/ids/${id}?subject=${encodeURIComponent(subject)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
    expect(res.body).toEqual({ schema: JSON.stringify(doc), schemaType: 'JSON' });
    const withMax = await registry.call('GET', `/schemas/ids/${id}?fetchMaxId=true`);
    expect(withMax.body).toEqual({
      schema: JSON.stringify(doc),
      schemaType: 'JSON',
      maxId: expect.any(Number),
    });
    expect(withMax.body.maxId).toBeGreaterThanOrEqual(id);
  });

  it('answers repeat reads from memory', async () => {
    const subject = uniqueSubject('hot');
    const { id } = await register(subject, { type: 'string', title: subject });
    await registry.call('GET', `/schemas/ids/${id}`);
    expect(registry.deps.cache.schemaById(id)?.record.id).toBe(id);
    expect((await registry.call('GET', `/schemas/ids/${id}`)).body.schemaType).toBe('JSON');
  });

  it('honours Accept for the response media type', async () => {
    const subject = uniqueSubject('accept');
    const { id } = await register(subject, { type: 'string', title: subject });
    const res = await registry.call('GET', `/schemas/ids/${id}`, undefined, { accept: 'application/json' });
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it.each(['999999999', 'abc', '-1'])('answers 404/40403 for id %s', async (id) => {
    const res = await registry.call('GET', `/schemas/ids/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.error_code).toBe(40403);
  });

  it('serves the raw document at /schema', async () => {
    const subject = uniqueSubject('raw-id');
    const doc = { type: 'object', properties: { a: { type: 'string' } }, title: subject };
    const { id } = await register(subject, doc);
    const res = await registry.call('GET', `/schemas/ids/${id}/schema`);
    expect(res.body).toEqual(doc);
    expect((await registry.call('GET', '/schemas/ids/888888888/schema')).body.error_code).toBe(40403);
  });
});

describe('GET /schemas/ids/{id}/subjects and /versions', () => {
  it('lists the subjects and subject-versions using an id, soft-deleted ones with deleted=true', async () => {
    const doc = { type: 'object', title: uniqueSubject('shared-doc') };
    const a = uniqueSubject('users-a');
    const b = uniqueSubject('users-b');
    const { id } = await register(a, doc);
    await register(b, { type: 'object', title: `${b} first` });
    await register(b, doc);
    const expectedSubjects = [a, b].sort();
    expect((await registry.call('GET', `/schemas/ids/${id}/subjects`)).body).toEqual(expectedSubjects);
    const expectedVersions = [
      { subject: a, version: 1 },
      { subject: b, version: 2 },
    ].sort((x, y) => (x.subject < y.subject ? -1 : 1));
    expect((await registry.call('GET', `/schemas/ids/${id}/versions`)).body).toEqual(expectedVersions);

    await registry.call('DELETE', `${path(b)}/versions/2`);
    expect((await registry.call('GET', `/schemas/ids/${id}/subjects`)).body).toEqual([a]);
    expect((await registry.call('GET', `/schemas/ids/${id}/subjects?deleted=true`)).body).toEqual(
      expectedSubjects,
    );
    expect((await registry.call('GET', `/schemas/ids/${id}/versions?deleted=true`)).body).toEqual(
      expectedVersions,
    );
    expect(
      (await registry.call('GET', `/schemas/ids/${id}/subjects?deleted=true&offset=1&limit=1`)).body,
    ).toEqual([expectedSubjects[1]]);
  });

  it('answers 40403 for an unknown id', async () => {
    expect((await registry.call('GET', '/schemas/ids/777777777/subjects')).body.error_code).toBe(40403);
    expect((await registry.call('GET', '/schemas/ids/777777777/versions')).body.error_code).toBe(40403);
  });
});

describe('GET /schemas/types', () => {
  it('lists the types Schemata accepts', async () => {
    expect((await registry.call('GET', '/schemas/types')).body).toEqual(['JSON']);
  });
});

describe('GET /schemas', () => {
  it('lists Schema views with subjectPrefix, deleted, latestOnly and paging', async () => {
    const prefix = uniqueSubject('catalog');
    const x = `${prefix}-x`;
    const y = `${prefix}-y`;
    const x1 = await register(x, { type: 'object', title: `${x}1` });
    const x2 = await register(x, { type: 'object', title: `${x}2` });
    const y1 = await register(y, { type: 'object', title: `${y}1` });
    await registry.call('DELETE', `${path(x)}/versions/2`);

    const live = await registry.call('GET', `/schemas?subjectPrefix=${prefix}`);
    expect(live.body).toEqual([
      {
        subject: x,
        version: 1,
        id: x1.id,
        schemaType: 'JSON',
        schema: JSON.stringify({ type: 'object', title: `${x}1` }),
      },
      {
        subject: y,
        version: 1,
        id: y1.id,
        schemaType: 'JSON',
        schema: JSON.stringify({ type: 'object', title: `${y}1` }),
      },
    ]);
    const withDeleted = await registry.call('GET', `/schemas?subjectPrefix=${prefix}&deleted=true`);
    expect(withDeleted.body.map((s: { id: number }) => s.id)).toEqual([x1.id, x2.id, y1.id]);
    const latest = await registry.call('GET', `/schemas?subjectPrefix=${prefix}&latestOnly=true`);
    expect(latest.body.map((s: { id: number }) => s.id)).toEqual([x1.id, y1.id]);
    const latestDeleted = await registry.call(
      'GET',
      `/schemas?subjectPrefix=${prefix}&latestOnly=true&deleted=true`,
    );
    expect(latestDeleted.body.map((s: { id: number }) => s.id)).toEqual([x2.id, y1.id]);
    const paged = await registry.call(
      'GET',
      `/schemas?subjectPrefix=${prefix}&deleted=true&offset=1&limit=1`,
    );
    expect(paged.body.map((s: { id: number }) => s.id)).toEqual([x2.id]);
  });

  it('filters by schemaType (any case); an empty value filters nothing', async () => {
    const prefix = uniqueSubject('typed');
    const { id } = await register(`${prefix}-a`, { type: 'object', title: prefix });
    const ids = async (query: string) =>
      ((await registry.call('GET', `/schemas?subjectPrefix=${prefix}${query}`)).body as { id: number }[]).map(
        (s) => s.id,
      );
    expect(await ids('&schemaType=JSON')).toEqual([id]);
    expect(await ids('&schemaType=json')).toEqual([id]);
    expect(await ids('&schemaType=')).toEqual([id]);
    expect(await ids('&schemaType=AVRO')).toEqual([]);
    expect(await ids('&schemaType=TABLE')).toEqual([]);
  });
});
