import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope, sendRaw } from './envelope.ts';

/**
 * Every integer a request carries, in its path, query or body, is range-checked at the edge: a value past
 * what the registry stores (versions are 32-bit, ids 53-bit) gets a 4xx in the envelope, never a 500 from
 * the database. The largest value in range still works.
 */
let registry: TestRegistry;
let subject: string;

beforeAll(async () => {
  registry = await startRegistry();
  subject = uniqueSubject('ranges');
  expect((await send('POST', `/subjects/${subject}/versions`, schemaBody())).status).toBe(200);
});
afterAll(async () => {
  await registry?.close();
});

const send = (method: string, path: string, body?: string) =>
  sendRaw(
    registry.url,
    method,
    path,
    body,
    body === undefined ? {} : { 'content-type': 'application/vnd.schemaregistry.v1+json' },
  );
const schemaBody = (extra: Record<string, unknown> = {}, doc: unknown = { type: 'string' }) =>
  JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(doc), ...extra });

const OVER_INT32 = 2_147_483_648;
const OVER_SAFE = '9007199254740993';

describe('integers in the query', () => {
  const lists = ['/subjects', `/subjects/${'x'}/versions`, '/schemas', '/schemas/ids/1/subjects'];
  it.each([
    ['offset', OVER_INT32],
    ['offset', -1],
    ['limit', OVER_INT32],
    ['limit', -2],
    ['offset', '1e3'],
  ])('%s=%s is refused with 400 on every paged list', async (name, value) => {
    for (const path of lists) {
      const res = await send('GET', `${path}?${name}=${value}`);
      expectEnvelope(res, 400);
      expect(res.body.message).toContain(name);
    }
  });

  it('accepts the largest offset and limit in range', async () => {
    const res = await send('GET', `/subjects?offset=2147483647&limit=2147483647`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it.each([
    ['/events?after=9007199254740992', 400],
    ['/events?after=-1', 400],
    ['/events?limit=10001', 400],
    ['/events?limit=0', 400],
  ])('%s → %i', async (path, code) => {
    expectEnvelope(await send('GET', path), code);
  });

  it('reads the feed after the largest position in range', async () => {
    const res = await send('GET', '/events?after=999999999999999');
    expect(res.status).toBe(200);
    expect(res.body.events).toEqual([]);
  });
});

describe('integers in the path', () => {
  it.each(['2147483648', '9999999999'])('version %s is 42202 on every version route', async (v) => {
    for (const [method, path, body] of [
      ['GET', `/subjects/${subject}/versions/${v}`],
      ['GET', `/subjects/${subject}/versions/${v}/schema`],
      ['GET', `/subjects/${subject}/versions/${v}/referencedby`],
      ['DELETE', `/subjects/${subject}/versions/${v}`],
      ['POST', `/compatibility/subjects/${subject}/versions/${v}`, schemaBody()],
    ] as const) {
      expectEnvelope(await send(method, path, body), 42202);
    }
  });

  it('an id past any stored one is simply not found (40403)', async () => {
    expectEnvelope(await send('GET', '/schemas/ids/999999999999999'), 40403);
    expectEnvelope(await send('GET', '/schemas/ids/9999999999999999'), 40403);
  });
});

describe('integers in the body', () => {
  it.each([OVER_INT32, 1e300, OVER_SAFE, -2, 1.5])(
    'a reference version of %s is refused with a 4xx and stores nothing',
    async (version) => {
      const body = JSON.stringify({
        schemaType: 'JSON',
        schema: '{"$ref":"other.json"}',
        references: [{ name: 'other.json', subject, version: JSON.parse(String(version)) as number }],
      });
      for (const path of [
        `/subjects/${subject}-ref/versions`,
        `/subjects/${subject}`,
        `/compatibility/subjects/${subject}/versions`,
      ]) {
        const res = await send('POST', path, body);
        expectEnvelope(res);
        expect(res.status, res.text).toBeGreaterThanOrEqual(400);
        expect(res.status, res.text).toBeLessThan(500);
      }
      expect((await send('GET', `/subjects/${subject}-ref/versions`)).status).toBe(404);
    },
  );

  it('the largest reference version is a missing version (42201), and -1 the latest', async () => {
    const body = (version: number) =>
      JSON.stringify({
        schemaType: 'JSON',
        schema: '{"$ref":"other.json"}',
        references: [{ name: 'other.json', subject, version }],
      });
    expectEnvelope(await send('POST', `/subjects/${subject}-max/versions`, body(2_147_483_647)), 42201);
    expect((await send('POST', `/subjects/${subject}-latest/versions`, body(-1))).status).toBe(200);
  });

  it.each([
    ['version', OVER_INT32],
    ['version', 0],
    ['id', OVER_SAFE],
    ['id', 1e300],
    ['id', 0],
  ])('an IMPORT %s of %s is refused with 400', async (field, value) => {
    const importing = uniqueSubject('import');
    expect((await send('PUT', `/mode/${importing}`, '{"mode":"IMPORT"}')).status).toBe(200);
    const body = `{"schemaType":"JSON","schema":"{\\"type\\":\\"integer\\"}","${field}":${value}}`;
    const res = await send('POST', `/subjects/${importing}/versions`, body);
    expectEnvelope(res, 400);
    expect(res.body.message).toContain(field);
    expect((await send('GET', `/subjects/${importing}/versions`)).status).toBe(404);
  });

  it('an IMPORT at the largest version and id in range is stored', async () => {
    const importing = uniqueSubject('import');
    expect((await send('PUT', `/mode/${importing}`, '{"mode":"IMPORT"}')).status).toBe(200);
    const res = await send(
      'POST',
      `/subjects/${importing}/versions`,
      schemaBody({ id: 9_007_199_254_740_991, version: 2_147_483_647 }, { type: 'boolean' }),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: 9_007_199_254_740_991, version: 2_147_483_647 });
  });
});
