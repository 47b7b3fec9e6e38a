import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry({ env: { MAX_BODY_BYTES: '4096' } });
});
afterAll(async () => {
  await registry.close();
});

const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
const valid = JSON.stringify({ schemaType: 'JSON', schema: '{"type":"string"}' });

/** A raw request over the real socket, so the body and headers are exactly what we send. */
async function send(method: string, url: string, body?: string, headers: Record<string, string> = {}) {
  // A Buffer body keeps fetch from adding `text/plain` when the test sends no content type.
  const res = await fetch(`${registry.url}${url}`, {
    method,
    body: body === undefined ? undefined : Buffer.from(body),
    headers,
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { error_code: number; message: string } };
}

function expectEnvelope(res: { text: string; body: Record<string, unknown> }, errorCode: number): void {
  expect(res.body.error_code).toBe(errorCode);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.message).not.toBe('');
  // No stack traces or internals leak into error bodies.
  expect(res.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|Error: /);
}

describe('bad input on the subject and schema routes', () => {
  it.each<{ name: string; body: string; headers: Record<string, string>; status: number; code: number }>([
    {
      name: 'malformed JSON',
      body: '{"schema": ',
      headers: { 'content-type': 'application/json' },
      status: 400,
      code: 400,
    },
    {
      name: 'a wrongly typed field',
      body: '{"schema": 5}',
      headers: { 'content-type': 'application/json' },
      status: 400,
      code: 400,
    },
    {
      name: 'a wrongly typed references field',
      body: '{"schema": "{}", "schemaType": "JSON", "references": "x"}',
      headers: {},
      status: 400,
      code: 400,
    },
    {
      name: 'an empty body',
      body: '',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      status: 422,
      code: 422,
    },
    { name: 'a body without schema', body: '{"schemaType": "JSON"}', headers: {}, status: 422, code: 42201 },
    {
      name: 'an unsupported content type',
      body: valid,
      headers: { 'content-type': 'text/plain' },
      status: 415,
      code: 415,
    },
  ])(
    '$name → $status / $code in the envelope, registering nothing',
    async ({ body, headers, status, code }) => {
      const subject = uniqueSubject('bad');
      const res = await send('POST', `${path(subject)}/versions`, body, headers);
      expect(res.status).toBe(status);
      expectEnvelope(res, code);
      expect((await send('GET', `${path(subject)}/versions`)).status).toBe(404);
    },
  );

  it('accepts every JSON-ish content type, including none at all', async () => {
    for (const type of [
      'application/vnd.schemaregistry.v1+json',
      'application/vnd.schemaregistry+json',
      'application/json; charset=utf-8',
      'application/octet-stream',
      undefined,
    ]) {
      const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
      const res = await send('POST', `${path(uniqueSubject('types'))}/versions`, valid, headers);
      expect(res.status).toBe(200);
    }
  });

  it('answers 413 for a body over MAX_BODY_BYTES', async () => {
    const subject = uniqueSubject('large');
    const big = JSON.stringify({
      schemaType: 'JSON',
      schema: JSON.stringify({ type: 'string', description: 'x'.repeat(8000) }),
    });
    const res = await send('POST', `${path(subject)}/versions`, big, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expectEnvelope(res, 413);
    expect((await send('GET', `${path(subject)}/versions`)).status).toBe(404);
  });

  it('answers a schema nested beyond the limit with 42201', async () => {
    let doc: unknown = { type: 'string' };
    for (let i = 0; i < 100; i++) doc = { items: doc };
    const res = await send(
      'POST',
      `${path(uniqueSubject('deep'))}/versions`,
      JSON.stringify({ schemaType: 'JSON', schema: JSON.stringify(doc) }),
    );
    expect(res.status).toBe(422);
    expectEnvelope(res, 42201);
  });

  it('keeps the subject unchanged after a failed registration', async () => {
    const subject = uniqueSubject('unchanged');
    expect((await send('POST', `${path(subject)}/versions`, valid)).status).toBe(200);
    const before = await send('GET', `${path(subject)}/versions/latest`);
    for (const body of [
      '{"schema": "{"}',
      '{"schema": "{\\"type\\":\\"object\\"}", "schemaType": "JSON"}',
      '{"schema": "{}", "schemaType": "AVRO"}',
    ]) {
      const res = await send('POST', `${path(subject)}/versions`, body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectEnvelope(res, res.body.error_code);
    }
    expect((await send('GET', `${path(subject)}/versions`)).body).toEqual([1]);
    expect((await send('GET', `${path(subject)}/versions/latest`)).body).toEqual(before.body);
  });

  it.each([
    ['GET', '/subjects/%01/versions', 42208],
    ['GET', '/subjects/s/versions/abc', 42202],
    ['GET', '/schemas/ids/abc', 40403],
    ['DELETE', '/subjects/s/versions/0', 42202],
    ['PATCH', '/subjects/s/versions', 405],
  ])('%s %s → error_code %i in the envelope', async (method, url, code) => {
    const res = await send(method, url);
    expectEnvelope(res, code);
  });
});

describe('MAX_SCHEMA_BYTES', () => {
  let small: TestRegistry;
  beforeAll(async () => {
    small = await startRegistry({ env: { MAX_SCHEMA_BYTES: '256' } });
  });
  afterAll(async () => {
    await small?.close();
  });

  it('refuses a schema over the limit with 42209 on register, lookup and check, and stores nothing', async () => {
    const subject = uniqueSubject('too-big');
    const fits = {
      schemaType: 'JSON',
      schema: JSON.stringify({ type: 'string', description: 'x'.repeat(100) }),
    };
    expect((await small.call('POST', `${path(subject)}/versions`, fits)).status).toBe(200);
    const body = {
      schemaType: 'JSON',
      schema: JSON.stringify({ type: 'string', description: 'x'.repeat(300) }),
    };
    for (const url of [
      `${path(subject)}/versions`,
      path(subject),
      `/compatibility${path(subject)}/versions`,
    ]) {
      const res = await small.call('POST', url, body);
      expect(res.status, url).toBe(422);
      expect(res.body.error_code, url).toBe(42209);
      expect(res.body.message).toContain('256 bytes');
    }
    expect((await small.call('GET', `${path(subject)}/versions`)).body).toEqual([1]);
  });
});
