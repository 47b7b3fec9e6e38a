import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { expectEnvelope, sendRaw } from './envelope.ts';

/**
 * Every configurable limit on a schema and on the work of a check, just under and just over, with small
 * values set through the environment: just under is served, just over is refused with the envelope naming
 * the variable, and nothing is stored. The health endpoint answers throughout.
 */
let registry: TestRegistry;

const LIMITS = {
  MAX_SCHEMA_DEPTH: '8',
  MAX_SCHEMA_PROPERTIES: '20',
  MAX_SCHEMA_NODES: '400',
  MAX_SCHEMA_ENUM_MEMBERS: '30',
  MAX_SCHEMA_REF_EXPANSION: '300',
  MAX_SCHEMA_REF_CHAIN: '4',
  MAX_CHECK_STEPS: '200',
};

beforeAll(async () => {
  registry = await startRegistry({ env: LIMITS });
});
afterAll(async () => {
  await registry?.close();
});

const send = (method: string, path: string, body?: unknown) =>
  sendRaw(
    registry.url,
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/vnd.schemaregistry.v1+json' },
  );
const request = (doc: unknown) => ({ schemaType: 'JSON', schema: JSON.stringify(doc) });
const register = (subject: string, doc: unknown) =>
  send('POST', `/subjects/${subject}/versions`, request(doc));

/** Nested `properties` objects: each level adds two to the document's depth. */
const nested = (levels: number): unknown => {
  let doc: unknown = { type: 'string' };
  for (let i = 0; i < levels; i++) doc = { properties: { a: doc } };
  return doc;
};
const withProperties = (count: number) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, { type: 'string' }])),
});
const withEnum = (count: number) => ({ enum: Array.from({ length: count }, (_, i) => i) });
/** Each definition refers to the previous one twice: the document doubles with every definition. */
const doubling = (count: number) => {
  const definitions: Record<string, unknown> = { d0: { type: 'integer' } };
  for (let i = 1; i <= count; i++) {
    const previous = { $ref: `#/definitions/d${i - 1}` };
    definitions[`d${i}`] = { anyOf: [previous, { allOf: [previous, { maximum: i }] }] };
  }
  return { definitions, $ref: `#/definitions/d${count}` };
};
/** `$ref`s that only point at the next one, `hops` long. */
const chain = (hops: number) => {
  const definitions: Record<string, unknown> = { [`c${hops}`]: { type: 'string' } };
  for (let i = 0; i < hops; i++) definitions[`c${i}`] = { $ref: `#/definitions/c${i + 1}` };
  return { definitions, $ref: '#/definitions/c0' };
};

const cases: Array<[variable: string, under: unknown, over: unknown]> = [
  ['MAX_SCHEMA_DEPTH', nested(3), nested(4)],
  ['MAX_SCHEMA_PROPERTIES', withProperties(20), withProperties(21)],
  [
    'MAX_SCHEMA_NODES',
    { enum: [Array.from({ length: 397 }, () => 0)] },
    { enum: [Array.from({ length: 398 }, () => 0)] },
  ],
  ['MAX_SCHEMA_ENUM_MEMBERS', withEnum(30), withEnum(31)],
  ['MAX_SCHEMA_REF_EXPANSION', doubling(3), doubling(4)],
  ['MAX_SCHEMA_REF_CHAIN', chain(3), chain(4)],
];

describe('schema size limits', () => {
  it.each(cases)(
    '%s: just under registers, just over is 42201 naming the limit',
    async (variable, under, over) => {
      const subject = uniqueSubject(variable.toLowerCase());
      const accepted = await register(subject, under);
      expect(accepted.status, accepted.text).toBe(200);
      const refused = await register(`${subject}-over`, over);
      expectEnvelope(refused, 42201);
      expect(refused.body.message).toContain(variable);
      expect(refused.body.message).toContain(`limit ${LIMITS[variable as keyof typeof LIMITS]}`);
      expect((await send('GET', `/subjects/${subject}-over/versions`)).status).toBe(404);
      // A compatibility check and a lookup read the proposed schema under the same limits.
      expectEnvelope(await send('POST', `/compatibility/subjects/${subject}/versions`, request(over)), 42201);
      expectEnvelope(await send('POST', `/subjects/${subject}`, request(over)), 42201);
    },
  );

  it('the default enum limit refuses 100,000 members at once, and the process keeps answering', async () => {
    const defaults = await startRegistry();
    try {
      const started = performance.now();
      const res = await sendRaw(
        defaults.url,
        'POST',
        `/subjects/${uniqueSubject('enum')}/versions`,
        JSON.stringify(request(withEnum(100_000))),
        { 'content-type': 'application/json' },
      );
      expectEnvelope(res, 42201);
      expect(res.body.message).toContain('MAX_SCHEMA_ENUM_MEMBERS');
      expect(performance.now() - started).toBeLessThan(30_000);
      expect((await sendRaw(defaults.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await defaults.close();
    }
  }, 120_000);
});

describe('the work budget of a check', () => {
  /** Two unions of objects whose branches all differ: the check compares every pair of branches. */
  const union = (branches: number, type: string) => ({
    anyOf: Array.from({ length: branches }, (_, i) => ({
      type: 'object',
      properties: { [`k${i}`]: { type } },
      required: [`k${i}`],
    })),
  });

  it('a check within MAX_CHECK_STEPS gets its verdict; past it, SCHEMA_TOO_COMPLEX naming the limit', async () => {
    const subject = uniqueSubject('steps');
    expect((await send('PUT', `/config/${subject}`, { compatibility: 'NONE' })).status).toBe(200);
    expect((await register(subject, union(4, 'string'))).status).toBe(200);
    expect((await send('PUT', `/config/${subject}`, { compatibility: 'BACKWARD' })).status).toBe(200);

    const within = await send(
      'POST',
      `/compatibility/subjects/${subject}/versions?verbose=true`,
      request(union(4, 'integer')),
    );
    expect(within.status).toBe(200);
    expect(within.body.is_compatible).toBe(false);
    expect(within.text).not.toContain('SCHEMA_TOO_COMPLEX');

    const past = await send(
      'POST',
      `/compatibility/subjects/${subject}/versions?verbose=true`,
      request(union(20, 'integer')),
    );
    expect(past.status).toBe(200);
    expect(past.body.is_compatible).toBe(false);
    expect(past.text).toContain('SCHEMA_TOO_COMPLEX');
    expect(past.text).toContain('MAX_CHECK_STEPS');

    const refused = await register(subject, union(20, 'integer'));
    expectEnvelope(refused, 409);
    expect(refused.body.violations.map((v: { rule: string }) => v.rule)).toContain('SCHEMA_TOO_COMPLEX');
    expect(refused.body.message).toContain('MAX_CHECK_STEPS');
    expect((await send('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
  });
});

describe('the deadline', () => {
  it('a schema whose validation runs past WORK_DEADLINE_MS is refused with 42201 naming it', async () => {
    // Far below what a thread needs to start, so every task runs past it.
    const hurried = await startRegistry({ env: { WORK_DEADLINE_MS: '10' } });
    try {
      const subject = uniqueSubject('deadline');
      const headers = { 'content-type': 'application/json' };
      const path = `/compatibility/subjects/${subject}/versions`;
      const checked = await sendRaw(
        hurried.url,
        'POST',
        path,
        JSON.stringify(request({ type: 'string' })),
        headers,
      );
      expectEnvelope(checked, 42201);
      expect(checked.body.message).toContain('WORK_DEADLINE_MS');
      expect((await sendRaw(hurried.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await hurried.close();
    }
  }, 120_000);
});
