import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../../test/helpers/registry.ts';
import { eventually, registerJson } from '../../test/events/helpers.ts';
import { createRegistryClient, RegistryClientError, type ChangeEvent } from './index.ts';

/** v1 and v2 of a user contract: v2 adds an optional `email` (backward compatible: v1 is closed). */
const userV1 = (title: string) => ({
  title,
  type: 'object',
  properties: { id: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['id'],
  additionalProperties: false,
});
const userV2 = (title: string) => ({
  ...userV1(title),
  properties: { ...userV1(title).properties, email: { type: 'string' } },
});

describe(`consumer SDK over SSE (${STORAGE})`, () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry.close();
  });

  it('loads many contracts in one request at start-up and reports the missing ones', async () => {
    const [a, b, c] = [uniqueSubject('sdk-a'), uniqueSubject('sdk-b'), uniqueSubject('sdk-none')];
    await registerJson(registry, a, userV1(a));
    await registerJson(registry, a, userV2(a));
    await registerJson(registry, b, userV1(b));
    const requests: string[] = [];
    const client = createRegistryClient({
      url: registry.url,
      fetch: (input, init) => {
        requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    });
    try {
      const loaded = await client.load([a, b, c]);
      expect(loaded.missing).toEqual([c]);
      expect(requests.filter((r) => r === 'POST /contracts')).toHaveLength(1);
      expect(client.versions(a)).toEqual([1, 2]);
      expect(client.versions(b)).toEqual([1]);
      expect(client.schema(a)?.version).toBe(2);
      expect(client.position).toBe(loaded.seq);
    } finally {
      await client.close();
    }
  });

  it('validates payloads against the latest version or a given one', async () => {
    const subject = uniqueSubject('sdk-validate');
    await registerJson(registry, subject, userV1(subject));
    await registerJson(registry, subject, userV2(subject));
    const client = createRegistryClient({ url: registry.url });
    try {
      await client.load([subject]);
      const withEmail = { id: 'u1', email: 'a@b.c' };
      expect(client.validate(subject, withEmail)).toEqual({ valid: true, subject, version: 2, errors: [] });
      const old = client.validate(subject, withEmail, { version: 1 });
      expect(old.valid).toBe(false);
      expect(old.version).toBe(1);
      expect(old.errors[0]?.keyword).toBe('additionalProperties');
      const bad = client.validate(subject, { id: 'u1', age: -1 });
      expect(bad).toMatchObject({ valid: false, errors: [{ path: '/age', keyword: 'minimum' }] });
      expect(() => client.validate(uniqueSubject('never-loaded'), {})).toThrow(RegistryClientError);
    } finally {
      await client.close();
    }
  });

  it('unwraps the versioned envelope to the version it names', async () => {
    const subject = uniqueSubject('sdk-envelope');
    await registerJson(registry, subject, userV1(subject));
    await registerJson(registry, subject, userV2(subject));
    const client = createRegistryClient({ url: registry.url });
    try {
      await client.load([subject]);
      const data = { id: 'u1', email: 'a@b.c' };
      expect(client.unwrap(subject, { version: 'v2', data })).toMatchObject({
        valid: true,
        version: 2,
        data,
      });
      expect(client.unwrap(subject, { version: 'v1', data })).toMatchObject({
        valid: false,
        version: 1,
        data,
      });
      expect(client.unwrap(subject, { version: 'v1', data: { id: 'u1' } })).toMatchObject({
        valid: true,
        version: 1,
      });
      expect(client.unwrap(subject, { version: 'v9', data })).toMatchObject({ valid: false, version: 9 });
      expect(client.unwrap(subject, { payload: data })).toMatchObject({ valid: false, version: undefined });
      expect(client.unwrap(subject, { version: 'two', data })).toMatchObject({ valid: false });
      expect(client.wrap(subject, { id: 'u2' })).toEqual({ version: 'v2', data: { id: 'u2' } });
      expect(() => client.wrap(subject, { id: 2 })).toThrow(RegistryClientError);
    } finally {
      await client.close();
    }
  });

  it('follows changes live and refreshes its validators', async () => {
    const subject = uniqueSubject('sdk-live');
    await registerJson(registry, subject, userV1(subject));
    const client = createRegistryClient({ url: registry.url });
    const changes: ChangeEvent[] = [];
    client.onChange((event) => void changes.push(event));
    try {
      await client.load([subject]);
      const withEmail = { id: 'u1', email: 'a@b.c' };
      expect(client.validate(subject, withEmail).valid).toBe(false);

      await registerJson(registry, subject, userV2(subject));
      const change = await eventually(() => changes.find((e) => e.data['version'] === 2));
      expect(change).toMatchObject({ event_type: 'schema.registered', data: { subject, version: 2 } });
      // The handler ran after the validators were refreshed.
      expect(client.validate(subject, withEmail)).toMatchObject({ valid: true, version: 2 });

      const deleted = await registry.call('DELETE', `/subjects/${encodeURIComponent(subject)}/versions/2`);
      expect(deleted.status).toBe(200);
      await eventually(() => changes.find((e) => e.event_type === 'version.deleted'));
      expect(client.versions(subject)).toEqual([1]);
      expect(client.validate(subject, withEmail)).toMatchObject({ valid: false, version: 1 });
    } finally {
      await client.close();
    }
  });

  it('resolves references to subjects outside the loaded set', async () => {
    const address = uniqueSubject('sdk-address');
    const order = uniqueSubject('sdk-order');
    const addressDoc = {
      $id: `https://example.com/${address}.json`,
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    };
    await registerJson(registry, address, addressDoc);
    const res = await registry.call('POST', `/subjects/${encodeURIComponent(order)}/versions`, {
      schemaType: 'JSON',
      schema: JSON.stringify({
        type: 'object',
        properties: { shipTo: { $ref: `https://example.com/${address}.json` } },
        required: ['shipTo'],
      }),
      references: [{ name: `https://example.com/${address}.json`, subject: address, version: 1 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const client = createRegistryClient({ url: registry.url });
    try {
      await client.load([order]);
      expect(client.validate(order, { shipTo: { city: 'Oslo' } }).valid).toBe(true);
      expect(client.validate(order, { shipTo: {} }).valid).toBe(false);
    } finally {
      await client.close();
    }
  });
});
