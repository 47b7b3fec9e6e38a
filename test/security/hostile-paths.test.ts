import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope, sendRaw, type RawResponse } from './envelope.ts';

/**
 * Hostile subject names, version and id segments and query parameters, sent raw over a real socket (no
 * client-side URL normalisation). Each bad request gets the envelope with its Confluent code and changes
 * nothing; names that are merely unusual are just names and round-trip exactly.
 */
let registry: TestRegistry;
let existing: string;

beforeAll(async () => {
  registry = await startRegistry();
  existing = uniqueSubject('paths');
  const res = await send('POST', `/subjects/${existing}/versions`, schema('{"type":"string"}'));
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await registry?.close();
});

function send(method: string, path: string, body?: string): Promise<RawResponse> {
  const headers: Record<string, string> =
    body === undefined ? {} : { 'content-type': 'application/vnd.schemaregistry.v1+json' };
  return sendRaw(registry.url, method, path, body, headers);
}
const schema = (text: string) => JSON.stringify({ schemaType: 'JSON', schema: text });
const subjects = async () => (await send('GET', '/subjects?deleted=true')).body as string[];

/** The request answers the envelope with `code` and leaves every subject as it was. */
async function refused(method: string, path: string, code: number, body?: string): Promise<void> {
  const before = await subjects();
  const res = await send(method, path, body);
  expectEnvelope(res, code);
  expect(await subjects()).toEqual(before);
}

/** Every operation that takes a subject in its path, with a body where it needs one. */
const subjectRoutes = (encoded: string): Array<[method: string, path: string, body?: string]> => [
  ['POST', `/subjects/${encoded}/versions`, schema('{"type":"string"}')],
  ['POST', `/subjects/${encoded}`, schema('{"type":"string"}')],
  ['GET', `/subjects/${encoded}/versions`],
  ['GET', `/subjects/${encoded}/versions/latest`],
  ['DELETE', `/subjects/${encoded}`],
  ['PUT', `/config/${encoded}`, '{"compatibility":"FULL"}'],
  ['PUT', `/mode/${encoded}`, '{"mode":"READONLY"}'],
  ['POST', `/compatibility/subjects/${encoded}/versions`, schema('{"type":"string"}')],
];

describe('subject names', () => {
  it.each(['%00', 'a%01b', 'line%0Abreak', 'tab%09', 'x%1F', 'del%7F', '%0D%0ASet-Cookie:%20x=1'])(
    'refuses %s (a control character) with 42208 on every subject route',
    async (encoded) => {
      for (const [method, path, body] of subjectRoutes(encoded)) await refused(method, path, 42208, body);
    },
  );

  it('refuses names longer than 512 characters with 42208, and accepts 512', async () => {
    const tenKb = randomBytes(5 * 1024).toString('hex');
    for (const [method, path, body] of subjectRoutes(tenKb)) await refused(method, path, 42208, body);
    await refused('POST', `/subjects/${'y'.repeat(513)}/versions`, 42208, schema('{"type":"string"}'));
    const longest = `${uniqueSubject('max')}-`.padEnd(512, 'z');
    expect((await send('POST', `/subjects/${longest}/versions`, schema('{"type":"string"}'))).status).toBe(
      200,
    );
    expect(await subjects()).toContain(longest);
  });

  it('treats ../ in an encoded name as part of the name and round-trips it exactly', async () => {
    const name = `../../etc/passwd-${randomBytes(3).toString('hex')}`;
    const encoded = encodeURIComponent(name);
    expect(encoded.startsWith('..%2F..%2F')).toBe(true);
    const created = await send('POST', `/subjects/${encoded}/versions`, schema('{"type":"string"}'));
    expect(created.status).toBe(200);
    expect(await subjects()).toContain(name);
    expect((await send('GET', `/subjects/${encoded}/versions/1`)).body).toMatchObject({
      subject: name,
      version: 1,
    });
    // Encoded dots name the same subject: the segment is decoded exactly once, never resolved as a path.
    const dotted = encoded.replaceAll('.', '%2E');
    expect((await send('GET', `/subjects/${dotted}/versions/1`)).body).toMatchObject({ subject: name });
    expect((await send('GET', `/schemas/ids/${created.body.id}/subjects`)).body).toContain(name);
  });
});

describe('version segments', () => {
  it.each(['0', '-2', '1.5', 'abc', '99999999999', '2147483648', '1e3', '0x1', '%20', '+1', 'latest%00'])(
    'answers %s with 42202 on every route that takes a version',
    async (version) => {
      const base = `/subjects/${existing}/versions/${version}`;
      await refused('GET', base, 42202);
      await refused('GET', `${base}/schema`, 42202);
      await refused('GET', `${base}/referencedby`, 42202);
      await refused('DELETE', base, 42202);
      await refused(
        'POST',
        `/compatibility/subjects/${existing}/versions/${version}`,
        42202,
        schema('{"type":"string"}'),
      );
    },
  );
});

describe('schema id segments', () => {
  it.each(['abc', '-1', '1e3', '1.5', '0x10', '99999999999999999999', '%20', '1%00'])(
    'answers %s with 40403 on every route that takes an id',
    async (id) => {
      for (const suffix of ['', '/schema', '/subjects', '/versions'])
        await refused('GET', `/schemas/ids/${id}${suffix}`, 40403);
    },
  );
});

describe('query parameters', () => {
  it.each([
    ['/subjects?subjectPrefix=%00', 400],
    ['/schemas?subjectPrefix=a%00', 400],
    ['/events?subject=%00', 400],
    ['/events?type=x%00', 400],
    ['/subjects?offset=-1', 400],
    ['/subjects?limit=abc', 400],
    ['/subjects?offset=99999999999999999999', 400],
    ['/events?after=-5', 400],
  ])('%s → %i in the envelope', async (path, code) => {
    await refused('GET', path, code);
  });

  it('ignores unknown parameters and reads booleans leniently instead of failing', async () => {
    const res = await send('GET', `/subjects?deleted=maybe&fetchMaxId=%00&unknown=%ff`);
    expect(res.status).toBe(200);
    expect(res.body).toContain(existing);
  });
});

describe('after all of that', () => {
  it('still serves /healthz 200', async () => {
    expect((await send('GET', '/healthz')).status).toBe(200);
  });
});
