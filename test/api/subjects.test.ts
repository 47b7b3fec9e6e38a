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
const schemaV = (subject: string, n: number) => JSON.stringify({ type: 'object', title: `${subject} v${n}` });
const register = (subject: string, schema: string) =>
  registry.call('POST', `${path(subject)}/versions`, { schemaType: 'JSON', schema });

/** A subject with versions 1..n registered. */
async function subjectWith(prefix: string, n: number): Promise<{ subject: string; ids: number[] }> {
  const subject = uniqueSubject(prefix);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push((await register(subject, schemaV(subject, i))).body.id);
  return { subject, ids };
}

describe('subject names in paths', () => {
  it('decodes %2F, %20 and %25 exactly once: a%2Fb%20c%25d is the subject "a/b c%d"', async () => {
    const subject = `a/b c%d-${uniqueSubject('enc')}`;
    const res = await registry.call('POST', `${path(subject)}/versions`, {
      schemaType: 'JSON',
      schema: '{"type":"string"}',
    });
    expect(res.status).toBe(200);
    expect(path(subject)).toContain('a%2Fb%20c%25d');
    expect((await registry.call('GET', '/subjects')).body).toContain(subject);
    const latest = await registry.call('GET', `${path(subject)}/versions/latest`);
    expect(latest.body.subject).toBe(subject);
  });

  it('rejects a subject with control characters with 42208', async () => {
    const res = await registry.call('GET', '/subjects/bad%01name/versions');
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe(42208);
  });
});

describe('GET /subjects', () => {
  it('lists subjects with live versions, sorted, with prefix, deleted, deletedOnly and paging', async () => {
    const prefix = uniqueSubject('list');
    const names = [`${prefix}-c`, `${prefix}-a`, `${prefix}-b`];
    for (const name of names) await register(name, schemaV(name, 1));
    await registry.call('DELETE', path(`${prefix}-b`));
    const sorted = [`${prefix}-a`, `${prefix}-c`];
    expect((await registry.call('GET', `/subjects?subjectPrefix=${prefix}`)).body).toEqual(sorted);
    expect((await registry.call('GET', `/subjects?subjectPrefix=${prefix}&deleted=true`)).body).toEqual([
      `${prefix}-a`,
      `${prefix}-b`,
      `${prefix}-c`,
    ]);
    expect((await registry.call('GET', `/subjects?subjectPrefix=${prefix}&deletedOnly=true`)).body).toEqual([
      `${prefix}-b`,
    ]);
    expect((await registry.call('GET', `/subjects?subjectPrefix=${prefix}&offset=1&limit=1`)).body).toEqual([
      `${prefix}-c`,
    ]);
    const all = (await registry.call('GET', '/subjects')).body as string[];
    expect(all).toEqual([...all].sort());
  });

  it('treats % and _ in the prefix literally', async () => {
    const prefix = uniqueSubject('pct');
    await register(`${prefix}%x`, schemaV(prefix, 1));
    await register(`${prefix}ax`, schemaV(prefix, 2));
    expect(
      (await registry.call('GET', `/subjects?subjectPrefix=${encodeURIComponent(`${prefix}%`)}`)).body,
    ).toEqual([`${prefix}%x`]);
  });
});

describe('GET /subjects/{subject}/versions', () => {
  it('lists live versions ascending; deleted and deletedOnly show soft-deleted ones; paging applies', async () => {
    const { subject } = await subjectWith('versions', 3);
    await registry.call('DELETE', `${path(subject)}/versions/2`);
    expect((await registry.call('GET', `${path(subject)}/versions`)).body).toEqual([1, 3]);
    expect((await registry.call('GET', `${path(subject)}/versions?deleted=true`)).body).toEqual([1, 2, 3]);
    expect((await registry.call('GET', `${path(subject)}/versions?deletedOnly=true`)).body).toEqual([2]);
    expect((await registry.call('GET', `${path(subject)}/versions?offset=1&limit=1`)).body).toEqual([3]);
  });

  it('answers 40401 for an unknown subject and for one whose versions are all soft-deleted', async () => {
    const unknown = await registry.call('GET', `${path(uniqueSubject('nobody'))}/versions`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe(40401);
    const { subject } = await subjectWith('all-gone', 1);
    await registry.call('DELETE', path(subject));
    expect((await registry.call('GET', `${path(subject)}/versions`)).body.error_code).toBe(40401);
    expect((await registry.call('GET', `${path(subject)}/versions?deleted=true`)).body).toEqual([1]);
  });
});

describe('GET /subjects/{subject}/versions/{version}', () => {
  it('reads a version, latest, -1 and (with deleted=true) soft-deleted ones', async () => {
    const { subject, ids } = await subjectWith('read', 3);
    const v2 = await registry.call('GET', `${path(subject)}/versions/2`);
    expect(v2.body).toEqual({
      subject,
      version: 2,
      id: ids[1],
      schemaType: 'JSON',
      schema: schemaV(subject, 2),
    });
    expect((await registry.call('GET', `${path(subject)}/versions/LATEST`)).body.version).toBe(3);
    expect((await registry.call('GET', `${path(subject)}/versions/-1`)).body.version).toBe(3);
    await registry.call('DELETE', `${path(subject)}/versions/3`);
    expect((await registry.call('GET', `${path(subject)}/versions/latest`)).body.version).toBe(2);
    expect((await registry.call('GET', `${path(subject)}/versions/latest?deleted=true`)).body.version).toBe(
      3,
    );
    const hidden = await registry.call('GET', `${path(subject)}/versions/3`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error_code).toBe(40402);
    expect((await registry.call('GET', `${path(subject)}/versions/3?deleted=true`)).body.id).toBe(ids[2]);
  });

  it('ignores the ?name= parameter kafkajs leaks into reference lookups', async () => {
    const { subject } = await subjectWith('leak', 1);
    expect((await registry.call('GET', `${path(subject)}/versions/1?name=whatever`)).status).toBe(200);
  });

  it.each(['0', '-2', '1.5', 'abc', '2147483648', '99999999999'])(
    'rejects version segment %s with 42202',
    async (segment) => {
      const { subject } = await subjectWith('bad-version', 1);
      const res = await registry.call('GET', `${path(subject)}/versions/${segment}`);
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe(42202);
    },
  );

  it('answers 40401 for an unknown subject and 40402 for an unknown version', async () => {
    expect((await registry.call('GET', `${path(uniqueSubject('nobody'))}/versions/1`)).body.error_code).toBe(
      40401,
    );
    const { subject } = await subjectWith('missing-version', 1);
    expect((await registry.call('GET', `${path(subject)}/versions/9`)).body.error_code).toBe(40402);
  });

  it('serves the raw schema document at /schema', async () => {
    const { subject } = await subjectWith('raw', 2);
    const res = await registry.call('GET', `${path(subject)}/versions/1/schema`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(schemaV(subject, 1)));
    expect((await registry.call('GET', `${path(subject)}/versions/latest/schema`)).body).toEqual(
      JSON.parse(schemaV(subject, 2)),
    );
    expect((await registry.call('GET', `${path(subject)}/versions/7/schema`)).body.error_code).toBe(40402);
  });
});

describe('POST /subjects/{subject} (lookup)', () => {
  const lookup = (subject: string, schema: string, query = '') =>
    registry.call('POST', `${path(subject)}${query}`, { schemaType: 'JSON', schema });

  it('finds the version holding the schema, comparing canonical forms', async () => {
    const { subject, ids } = await subjectWith('lookup', 2);
    const res = await lookup(subject, JSON.stringify(JSON.parse(schemaV(subject, 1)), null, 4));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subject,
      version: 1,
      id: ids[0],
      schemaType: 'JSON',
      schema: schemaV(subject, 1),
    });
    expect(await registry.call('GET', `${path(subject)}/versions`)).toMatchObject({ body: [1, 2] });
  });

  it('answers 40401 for an unknown subject and 40403 for a schema not under it', async () => {
    const unknown = await lookup(uniqueSubject('nobody'), '{"type":"string"}');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe(40401);
    const { subject } = await subjectWith('lookup-miss', 1);
    const miss = await lookup(subject, '{"type":"boolean"}');
    expect(miss.status).toBe(404);
    expect(miss.body.error_code).toBe(40403);
  });

  it('finds soft-deleted versions only with deleted=true', async () => {
    const { subject, ids } = await subjectWith('lookup-deleted', 2);
    await registry.call('DELETE', `${path(subject)}/versions/1`);
    expect((await lookup(subject, schemaV(subject, 1))).body.error_code).toBe(40403);
    expect((await lookup(subject, schemaV(subject, 1), '?deleted=true')).body).toMatchObject({
      version: 1,
      id: ids[0],
    });
  });

  it('with normalize=true matches a version registered with another key order', async () => {
    const subject = uniqueSubject('lookup-normalize');
    const registered = await register(subject, `{"type":"object","title":"${subject}"}`);
    const reordered = `{"title":"${subject}","type":"object"}`;
    expect((await lookup(subject, reordered)).body.error_code).toBe(40403);
    expect((await lookup(subject, reordered, '?normalize=true')).body).toMatchObject({
      version: 1,
      id: registered.body.id,
    });
  });

  it('rejects an invalid schema with 42201', async () => {
    const { subject } = await subjectWith('lookup-invalid', 1);
    expect((await lookup(subject, '{"type":')).body.error_code).toBe(42201);
  });
});
