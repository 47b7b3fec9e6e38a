import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'object', properties, ...extra });
const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
const register = (subject: string, body: Record<string, unknown>, query = '') =>
  registry.call('POST', `${path(subject)}/versions${query}`, { schemaType: 'JSON', ...body });
const allVersions = async (subject: string) =>
  (await registry.call('GET', `${path(subject)}/versions?deleted=true`)).body;

describe('POST /subjects/{subject}/versions', () => {
  it('registers a JSON schema and answers with id, version, type and the canonical text', async () => {
    const subject = uniqueSubject('register');
    const res = await register(subject, {
      schema: '{ "type": "object",  "properties": {"a": {"type": "string"}} }',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
    expect(res.body).toEqual({
      id: expect.any(Number),
      version: 1,
      schemaType: 'JSON',
      schema: '{"type":"object","properties":{"a":{"type":"string"}}}',
    });
    const latest = await registry.call('GET', `${path(subject)}/versions/latest`);
    expect(latest.body).toEqual({
      subject,
      version: 1,
      id: res.body.id,
      schemaType: 'JSON',
      schema: res.body.schema,
    });
  });

  it('returns the existing id and version when the schema is registered again, creating nothing', async () => {
    const subject = uniqueSubject('idempotent');
    const first = await register(subject, { schema: object({ a: { type: 'string' } }) });
    const again = await register(subject, {
      schema: JSON.stringify(JSON.parse(object({ a: { type: 'string' } })), null, 2),
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, version: 1 });
    expect(await allVersions(subject)).toEqual([1]);
  });

  it('re-registering an old version returns that version and does not roll the latest back', async () => {
    const subject = uniqueSubject('no-rollback');
    const v1 = await register(subject, { schema: object({ a: { type: 'string' } }) });
    const v2 = await register(subject, { schema: object({ a: { type: 'string' } }, { title: 'second' }) });
    expect(v2.body.version).toBe(2);
    const old = await register(subject, { schema: object({ a: { type: 'string' } }) });
    expect(old.body).toMatchObject({ id: v1.body.id, version: 1 });
    expect((await registry.call('GET', `${path(subject)}/versions/latest`)).body.version).toBe(2);
    expect(await allVersions(subject)).toEqual([1, 2]);
  });

  it('gives the same content under two subjects the same id', async () => {
    const schema = object({ shared: { type: 'integer' } }, { title: uniqueSubject('shared') });
    const a = await register(uniqueSubject('same-a'), { schema });
    const b = await register(uniqueSubject('same-b'), { schema });
    expect(b.body.id).toBe(a.body.id);
    expect(b.body.version).toBe(1);
  });

  it('registers a soft-deleted schema again as a new version with the same id', async () => {
    const subject = uniqueSubject('resurrect');
    const v1 = await register(subject, { schema: object({ a: { type: 'string' } }) });
    await register(subject, { schema: object({ a: { type: 'string' } }, { title: 't' }) });
    expect((await registry.call('DELETE', `${path(subject)}/versions/1`)).body).toBe(1);
    const again = await register(subject, { schema: object({ a: { type: 'string' } }) });
    expect(again.body).toMatchObject({ id: v1.body.id, version: 3 });
  });

  it('rejects an incompatible schema with 409, its violations, and changes nothing', async () => {
    const subject = uniqueSubject('incompatible');
    await register(subject, { schema: object({ a: { type: 'string' } }) });
    const res = await register(subject, { schema: JSON.stringify({ type: 'string' }) });
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe(409);
    expect(res.body.message).toContain(subject);
    expect(Array.isArray(res.body.violations)).toBe(true);
    expect(res.body.violations.length).toBeGreaterThan(0);
    expect(await allVersions(subject)).toEqual([1]);
  });

  it('registers anything once the subject level is NONE', async () => {
    const subject = uniqueSubject('none');
    await register(subject, { schema: object({ a: { type: 'string' } }) });
    await registry.call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: 'NONE' });
    const res = await register(subject, { schema: JSON.stringify({ type: 'string' }) });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it.each([
    ['not JSON', { schema: '{"type": ' }],
    ['an invalid JSON Schema', { schema: JSON.stringify({ type: 'strnig' }) }],
    ['an invalid regex', { schema: JSON.stringify({ type: 'string', pattern: '([a-z' }) }],
    ['an unresolvable $ref', { schema: JSON.stringify({ $ref: 'https://example.com/remote.json' }) }],
    [
      'an unknown $schema',
      { schema: JSON.stringify({ $schema: 'https://example.com/meta', type: 'string' }) },
    ],
    ['AVRO', { schemaType: 'AVRO', schema: JSON.stringify({ type: 'record', name: 'r', fields: [] }) }],
    ['PROTOBUF', { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message M {}' }],
    ['an unknown type', { schemaType: 'XSD', schema: '<xs:schema/>' }],
  ])('rejects %s with 422/42201 and registers nothing', async (_name, body) => {
    const subject = uniqueSubject('invalid');
    const res = await register(subject, body);
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe(42201);
    expect(res.body.message).toEqual(expect.any(String));
    expect((await registry.call('GET', `${path(subject)}/versions`)).status).toBe(404);
  });

  it('treats an absent schemaType as AVRO and tells JSON Schema authors to send schemaType JSON', async () => {
    const subject = uniqueSubject('absent-type');
    const res = await registry.call('POST', `${path(subject)}/versions`, {
      schema: object({ a: { type: 'string' } }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe(42201);
    expect(res.body.message).toContain('"schemaType": "JSON"');
    const avro = await registry.call('POST', `${path(subject)}/versions`, {
      schema: JSON.stringify({ type: 'record', name: 'r', fields: [] }),
    });
    expect(avro.body).toMatchObject({
      error_code: 42201,
      message: expect.stringMatching(/AVRO.*not supported/),
    });
  });

  it('normalises with ?normalize=true: key order no longer makes a new version', async () => {
    const subject = uniqueSubject('normalize');
    const first = await register(subject, { schema: '{"type":"object","title":"x"}' }, '?normalize=true');
    expect(first.body.schema).toBe('{"title":"x","type":"object"}');
    const again = await register(subject, { schema: '{"title":"x","type":"object"}' }, '?normalize=true');
    expect(again.body).toMatchObject({ id: first.body.id, version: 1 });
  });

  it('normalises when the subject config says so, without the query flag', async () => {
    const subject = uniqueSubject('normalize-config');
    expect((await registry.call('PUT', `/config/${subject}`, { normalize: true })).status).toBe(200);
    const first = await register(subject, { schema: '{"type":"object","title":"x"}' });
    expect(first.body).toMatchObject({ version: 1, schema: '{"title":"x","type":"object"}' });
    const again = await register(subject, { schema: '{"title":"x","type":"object"}' });
    expect(again.body).toMatchObject({ id: first.body.id, version: 1 });
    expect(await allVersions(subject)).toEqual([1]);
  });

  it('refuses a write to a READONLY subject before looking at the schema', async () => {
    const subject = uniqueSubject('readonly-first');
    expect((await registry.call('PUT', `/mode/${subject}`, { mode: 'READONLY' })).status).toBe(200);
    for (const schema of ['{"type":"string"}', '{"type": 12}', 'not json']) {
      const res = await register(subject, { schema });
      expect(res.status, schema).toBe(422);
      expect(res.body.error_code, schema).toBe(42205);
    }
    const outsideImport = await register(uniqueSubject('not-import'), { schema: 'not json', id: 7 });
    expect(outsideImport.body.error_code).toBe(42205);
  });

  it('stores and echoes metadata and ruleSet, which take part in identity', async () => {
    const subject = uniqueSubject('metadata');
    const schema = object({ a: { type: 'string' } });
    const plain = await register(subject, { schema });
    const tagged = await register(subject, { schema, metadata: { properties: { owner: 'payments' } } });
    expect(tagged.body.id).not.toBe(plain.body.id);
    expect(tagged.body.metadata).toEqual({ properties: { owner: 'payments' } });
    const read = await registry.call('GET', `/schemas/ids/${tagged.body.id}`);
    expect(read.body.metadata).toEqual({ properties: { owner: 'payments' } });
  });

  it('refuses an explicit id or version outside IMPORT mode with 42205', async () => {
    const subject = uniqueSubject('explicit-id');
    const res = await register(subject, { schema: object({ a: { type: 'string' } }), id: 9000 });
    expect(res.status).toBe(422);
    expect(res.body.error_code).toBe(42205);
    const withVersion = await register(subject, { schema: object({ a: { type: 'string' } }), version: 3 });
    expect(withVersion.body.error_code).toBe(42205);
  });

  it('refuses registration in READONLY and READONLY_OVERRIDE modes with 42205', async () => {
    for (const mode of ['READONLY', 'READONLY_OVERRIDE']) {
      const subject = uniqueSubject('readonly');
      expect((await registry.call('PUT', `/mode/${encodeURIComponent(subject)}`, { mode })).status).toBe(200);
      const res = await register(subject, { schema: object({ a: { type: 'string' } }) });
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe(42205);
    }
  });
});

describe('IMPORT mode', () => {
  it('keeps explicit ids and versions, skips checks, and allocates later ids past the imported ones', async () => {
    const subject = uniqueSubject('import');
    const first = object({ a: { type: 'string' } }, { title: subject });
    expect(
      (await registry.call('PUT', `/mode/${encodeURIComponent(subject)}`, { mode: 'IMPORT' })).status,
    ).toBe(200);
    const imported = await register(subject, { schema: first, id: 500_000, version: 7 });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ id: 500_000, version: 7 });
    // Incompatible on purpose: imports replay history, they are not checked.
    const second = await register(subject, {
      schema: JSON.stringify({ type: 'string', title: subject }),
      id: 500_001,
      version: 8,
    });
    expect(second.body).toMatchObject({ id: 500_001, version: 8 });
    const again = await register(subject, { schema: first, id: 500_000, version: 7 });
    expect(again.body).toMatchObject({ id: 500_000, version: 7 });

    const clash = await register(subject, {
      schema: object({ other: { type: 'number' } }, { title: subject }),
      id: 500_000,
    });
    expect(clash.status).toBe(422);
    expect(clash.body.error_code).toBe(42207);

    expect((await registry.call('DELETE', `/mode/${encodeURIComponent(subject)}`)).status).toBe(200);
    const fresh = await register(uniqueSubject('after-import'), {
      schema: object({ z: { type: 'string' } }, { title: subject }),
    });
    expect(fresh.body.id).toBeGreaterThan(500_001);
    expect(await allVersions(subject)).toEqual([7, 8]);
  });
});
