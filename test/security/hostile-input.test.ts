import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope, sendRaw, type RawResponse } from './envelope.ts';

/**
 * Hostile request bodies and schemas, sent byte for byte over a real socket. The bar: a clear
 * `{error_code, message}` answer, nothing internal in it, nothing stored, no request to anywhere else,
 * and a process that keeps serving. Path and parameter abuse lives in hostile-paths.test.ts.
 */
let registry: TestRegistry;
let remote: Server;
let remoteHits = 0;
let remoteBase: string;

beforeAll(async () => {
  registry = await startRegistry();
  // A server a schema could point at: any request reaching it means the registry fetched a URL.
  remote = createServer((_req, res) => {
    remoteHits++;
    res.setHeader('content-type', 'application/json');
    res.end('{"type":"string"}');
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  remoteBase = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => remote?.close(resolve));
  await registry?.close();
});

const at = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  sendRaw(registry.url, 'POST', path, body, {
    'content-type': 'application/vnd.schemaregistry.v1+json',
    ...headers,
  });
const body = (doc: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaType: 'JSON',
    schema: typeof doc === 'string' ? doc : JSON.stringify(doc),
    ...extra,
  });
const register = (subject: string, doc: unknown, extra?: Record<string, unknown>) =>
  post(`${at(subject)}/versions`, body(doc, extra));
const subjects = async () => (await sendRaw(registry.url, 'GET', '/subjects?deleted=true')).body as string[];

/**
 * Sends a bad request and checks the answer: the envelope with one of `codes`, nothing internal in it, and
 * no subject created or changed.
 */
async function refused(send: () => Promise<RawResponse>, codes: number | readonly number[], status?: number) {
  const before = await subjects();
  const res = await send();
  expectEnvelope(res);
  expect(typeof codes === 'number' ? [codes] : codes, res.text.slice(0, 300)).toContain(res.body.error_code);
  if (status !== undefined) expect(res.status).toBe(status);
  expect(await subjects()).toEqual(before);
  return res;
}

/** Registers and reads the version back: what was acknowledged is exactly what is served. */
async function registersAsServed(subject: string, text: string): Promise<string> {
  const res = await post(`${at(subject)}/versions`, text);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  const served = await sendRaw(registry.url, 'GET', `${at(subject)}/versions/${res.body.version}`);
  expect(served.body.schema).toBe(res.body.schema);
  return res.body.schema as string;
}

describe('schemas that point outside the registry', () => {
  it('never fetches a $ref, $schema or $id-relative $ref, on register, lookup or compatibility check', async () => {
    const subject = uniqueSubject('remote');
    expect((await register(subject, { type: 'string' })).status).toBe(200);
    const docs = [
      { $ref: `${remoteBase}/x.json` },
      { $schema: `${remoteBase}/schema`, type: 'string' },
      { $id: `${remoteBase}/base/root.json`, $ref: 'x.json' },
      { $id: `${remoteBase}/base/root.json`, properties: { a: { $ref: 'other.json#/definitions/a' } } },
      {
        $schema: 'http://json-schema.org/draft-04/schema#',
        id: `${remoteBase}/d4.json`,
        properties: { a: { $ref: 'y.json' } },
      },
      { $schema: 'https://json-schema.org/draft/2020-12/schema', $dynamicRef: `${remoteBase}/dyn.json#meta` },
      { allOf: [{ $ref: `${remoteBase}/x.json#/definitions/a` }] },
    ];
    for (const doc of docs) {
      await refused(() => register(subject, doc), 42201, 422);
      await refused(() => post(at(subject), body(doc)), 42201, 422);
      await refused(() => post(`/compatibility${at(subject)}/versions`, body(doc)), 42201, 422);
    }
    // A reference named by URL resolves only from the registry, never from that URL.
    const reference = { name: `${remoteBase}/z.json`, subject: 'nowhere', version: 1 };
    await refused(() => register(subject, { $ref: reference.name }, { references: [reference] }), 42201, 422);
    expect(remoteHits).toBe(0);
  });
});

describe('documents built to exhaust the server', () => {
  it('answers a schema nested 10,000 levels deep with 42201 on every endpoint that parses it', async () => {
    const subject = uniqueSubject('deep');
    expect((await register(subject, { type: 'object' })).status).toBe(200);
    const objects = '{"items":'.repeat(10_000) + '{}' + '}'.repeat(10_000);
    const arrays = '{"allOf":['.repeat(10_000) + '{}' + ']}'.repeat(10_000);
    for (const text of [objects, arrays]) {
      await refused(() => register(subject, text), 42201, 422);
      await refused(() => post(at(subject), body(text)), 42201, 422);
      await refused(() => post(`/compatibility${at(subject)}/versions`, body(text)), 42201, 422);
    }
  });

  it('answers a request body nested 10,000 levels deep (in metadata) with 400', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const text = `{"schemaType":"JSON","schema":"{}","metadata":{"properties":${deep}}}`;
    await refused(() => post(`${at(uniqueSubject('deepbody'))}/versions`, text), 400, 400);
    await refused(
      () =>
        post(`${at(uniqueSubject('deepbody'))}/versions`, `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`),
      400,
      400,
    );
  });

  it('refuses 100k properties and a 5 MB body: 413 over the body limit, 42201/42209 under it', async () => {
    const withProperties = (n: number) => ({
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, {}])),
    });
    const sizeCodes = [413, 42201, 42209];
    await refused(() => register(uniqueSubject('wide'), withProperties(100_000)), sizeCodes);
    await refused(() => register(uniqueSubject('wide'), withProperties(20_000)), [42201, 42209], 422);
    // Sent as a keep-alive client would: the unread rest of the body makes the connection unusable, so say so.
    const hugeBody = body({ description: 'x'.repeat(5 * 1024 * 1024) });
    const huge = await refused(
      () => post(`${at(uniqueSubject('huge'))}/versions`, hugeBody, { connection: 'keep-alive' }),
      sizeCodes,
    );
    if (huge.status === 413) expect(huge.headers['connection']).toBe('close');
  });
});

describe('keys JavaScript treats specially', () => {
  const prototypeUntouched = () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect({}.constructor).toBe(Object);
  };

  it('keeps __proto__ and constructor in bodies as plain data', async () => {
    const subject = uniqueSubject('proto-body');
    const text =
      '{"schemaType":"JSON","schema":"{\\"type\\":\\"string\\"}","__proto__":{"polluted":"yes"},' +
      '"metadata":{"properties":{"__proto__":"x"},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}';
    const res = await post(`${at(subject)}/versions`, text);
    expect([200, 400, 422]).toContain(res.status);
    if (res.status !== 200) expectEnvelope(res);
    prototypeUntouched();
    const config = await sendRaw(
      registry.url,
      'PUT',
      `/config/${subject}`,
      '{"compatibility":"FULL","__proto__":{"polluted":"yes"}}',
      {
        'content-type': 'application/json',
      },
    );
    expect(config.status).toBe(200);
    expect((await sendRaw(registry.url, 'GET', `/config/${subject}`)).body).toEqual({
      compatibilityLevel: 'FULL',
    });
    prototypeUntouched();
  });

  it('registers and compares schemas whose property names are __proto__, constructor, toString', async () => {
    const subject = uniqueSubject('proto-schema');
    const properties = (protoType: string) =>
      `{"__proto__":{"type":"${protoType}"},"constructor":{"type":"string"},"prototype":{"type":"string"},"toString":{"type":"integer"}}`;
    const schema = (protoType: string, required: string) =>
      `{"type":"object","properties":${properties(protoType)},"required":${required}}`;
    const original = schema('string', '["__proto__","constructor"]');
    expect(await registersAsServed(subject, body(original))).toBe(original);

    const check = async (text: string) => {
      const res = await post(`/compatibility${at(subject)}/versions?verbose=true`, body(text));
      expect(res.status, res.text.slice(0, 300)).toBe(200);
      return res.body.is_compatible as boolean;
    };
    expect(await check(original)).toBe(true);
    // What the old schema accepted under "__proto__" (strings) the new one rejects: not backward compatible.
    expect(await check(schema('integer', '["__proto__","constructor"]'))).toBe(false);
    expect(await check(schema('string', '["__proto__","constructor","hasOwnProperty"]'))).toBe(false);
    expect(await check(schema('string', '["__proto__"]'))).toBe(true);
    prototypeUntouched();

    // A reference may be named __proto__: resolved like any other name, or refused cleanly.
    const named = await post(
      `${at(uniqueSubject('proto-ref'))}/versions`,
      body('{"$ref":"__proto__"}', {
        references: [{ name: '__proto__', subject, version: 1 }],
      }),
    );
    expect([200, 422]).toContain(named.status);
    if (named.status !== 200) expectEnvelope(named, 42201);
    prototypeUntouched();
  });
});

describe('text the registry could not store as sent', () => {
  it('refuses a body that is not UTF-8 with 400 instead of storing replacement characters', async () => {
    const wrap = (bytes: number[]) =>
      Buffer.concat([
        Buffer.from('{"schemaType":"JSON","schema":"{\\"description\\":\\"'),
        Buffer.from(bytes),
        Buffer.from('\\"}"}'),
      ]);
    for (const bytes of [
      [0xff, 0xfe],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
    ]) {
      await refused(() => post(`${at(uniqueSubject('utf8'))}/versions`, wrap(bytes)), 400, 400);
    }
  });

  it('refuses NUL characters and unpaired surrogates with 400, wherever they sit in the body', async () => {
    const target = uniqueSubject('nul-target');
    expect((await register(target, { type: 'string' })).status).toBe(200);
    const texts = [
      `{"schemaType":"JSON","schema":"{}","references":[{"name":"a","subject":"${target}\\u0000","version":1}]}`,
      `{"schemaType":"JSON","schema":"{}","references":[{"name":"\\ud800","subject":"${target}","version":1}]}`,
      '{"schemaType":"JSON","schema":"{}","metadata":{"properties":{"owner":"a\\u0000b"}}}',
      '{"schemaType":"JSON","schema":"{}","metadata":{"properties":{"\\u0000":"x"}}}',
      '{"schemaType":"JSON","schema":"{}","metadata":{"properties":{"owner":"\\udc00"}}}',
      '{"schemaType":"JSON\\u0000","schema":"{}"}',
      '{"schemaType":"JSON","schema":"{\\"description\\":\\"\\ud800\\"}"}',
    ];
    for (const text of texts) {
      await refused(() => post(`${at(uniqueSubject('nul'))}/versions`, text), 400, 400);
      await refused(() => post(at(target), text), 400, 400);
      await refused(() => post(`/compatibility${at(target)}/versions`, text), 400, 400);
    }
    for (const [path, text] of [
      [`/config/${target}`, '{"compatibility":"FULL\\u0000"}'],
      [`/mode/${target}`, '{"mode":"READONLY\\ud800"}'],
    ] as const) {
      await refused(
        () => sendRaw(registry.url, 'PUT', path, text, { 'content-type': 'application/json' }),
        400,
        400,
      );
    }
  });

  it('keeps well-formed non-ASCII text, and surrogate escapes inside the schema JSON, exactly', async () => {
    const emoji = '{"description":"größe 🚀 名前"}';
    expect(await registersAsServed(uniqueSubject('unicode'), body(emoji))).toBe(emoji);
    // An escape in the schema's own JSON is text, not a character: it is stored and served as written.
    const escaped = '{"description":"\\ud800"}';
    expect(await registersAsServed(uniqueSubject('escaped'), body(escaped))).toBe(escaped);
  });
});

describe('numbers and duplicate keys', () => {
  it('refuses numbers beyond double range with 42201 instead of storing them as null', async () => {
    for (const text of [
      '{"type":"number","maximum":1e999}',
      '{"const":1e999}',
      '{"type":"number","minimum":-1e999}',
      '{"enum":[1,1e400]}',
    ]) {
      await refused(() => register(uniqueSubject('inf'), text), 42201, 422);
    }
    expect(await registersAsServed(uniqueSubject('finite'), body('{"type":"number","maximum":1e308}'))).toBe(
      '{"type":"number","maximum":1e+308}',
    );
  });

  it('reads duplicate keys the way JSON.parse does (last wins) and serves only what it validated', async () => {
    const outer =
      '{"schemaType":"JSON","schema":"{\\"type\\":\\"string\\"}","schema":"{\\"type\\":\\"integer\\"}"}';
    expect(await registersAsServed(uniqueSubject('dup'), outer)).toBe('{"type":"integer"}');
    expect(await registersAsServed(uniqueSubject('dup'), body('{"type":"string","type":"boolean"}'))).toBe(
      '{"type":"boolean"}',
    );
  });
});

describe('request fields of the wrong type or value', () => {
  it.each([
    { name: '"schema": 5', text: '{"schema":5,"schemaType":"JSON"}', code: 400 },
    { name: '"schema": "not json"', text: '{"schema":"not json","schemaType":"JSON"}', code: 42201 },
    { name: '"references": "x"', text: '{"schema":"{}","schemaType":"JSON","references":"x"}', code: 400 },
    {
      name: 'a reference without subject and version',
      text: '{"schema":"{}","schemaType":"JSON","references":[{"name":"a"}]}',
      code: 400,
    },
    {
      name: 'schemaType AVRO',
      text: '{"schema":"{\\"type\\":\\"string\\"}","schemaType":"AVRO"}',
      code: 42201,
    },
    {
      name: 'schemaType PROTOBUF',
      text: '{"schema":"syntax = \\"proto3\\";","schemaType":"PROTOBUF"}',
      code: 42201,
    },
    { name: 'no schemaType (AVRO)', text: '{"schema":"{\\"type\\":\\"object\\"}"}', code: 42201 },
    { name: 'schemaType 5', text: '{"schema":"{}","schemaType":5}', code: 400 },
    { name: 'a JSON array as the body', text: '[{"schema":"{}"}]', code: 400 },
    { name: 'a JSON string as the body', text: '"{}"', code: 400 },
    { name: 'no schema at all', text: '{"schemaType":"JSON"}', code: 42201 },
  ])('$name → error_code $code', async ({ text, code }) => {
    await refused(() => post(`${at(uniqueSubject('typed'))}/versions`, text), code);
  });

  it.each([
    'text/plain',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'text/json',
  ])('answers Content-Type %s with 415', async (type) => {
    await refused(
      () =>
        post(`${at(uniqueSubject('ctype'))}/versions`, body({ type: 'string' }), { 'content-type': type }),
      415,
      415,
    );
  });
});

describe('after all of that', () => {
  it('still serves /healthz 200', async () => {
    const res = await sendRaw(registry.url, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
