import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADDRESS_ID, address, customer, orderIncompatible, orderV1, orderV2, text } from './fixtures.ts';
import { startRecorder, type Recorder } from './recorder.ts';

/** A JSON schema in the shape `register`/`getRegistryIdBySchema` take. */
const json = (doc: unknown, references?: { name: string; subject: string; version: number }[]) => ({
  type: SchemaType.JSON as const,
  schema: text(doc),
  ...(references ? { references } : {}),
});

const enc = encodeURIComponent;

describe(`@kafkajs/confluent-schema-registry v4, unmodified (${STORAGE})`, () => {
  let registry: TestRegistry;
  let recorder: Recorder;
  /** A client with empty caches, so every call reaches the registry. */
  const freshClient = () => new SchemaRegistry({ host: recorder.url });

  beforeAll(async () => {
    registry = await startRegistry();
    recorder = await startRecorder(registry.url);
  });
  afterAll(async () => {
    await recorder?.close();
    await registry?.close();
  });
  beforeEach(() => recorder.clear());

  it('first registration: GET /config/{s} → 404, register, then PUT /config/{s} BACKWARD', async () => {
    const subject = uniqueSubject('kjs-first');
    const { id } = await freshClient().register(json(orderV1), { subject });

    expect(id).toBeGreaterThan(0);
    expect(recorder.lines()).toEqual([
      `GET /config/${enc(subject)} → 404`,
      `POST /subjects/${enc(subject)}/versions → 200`,
      `PUT /config/${enc(subject)} → 200`,
    ]);
    const notFound = JSON.parse(recorder.calls[0]?.body ?? '{}') as unknown;
    expect(notFound).toMatchObject({ error_code: 40408, message: expect.any(String) });
    const config = await registry.call('GET', `/config/${enc(subject)}`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ compatibilityLevel: 'BACKWARD' });
  });

  it('re-registration returns the same id without touching the config again', async () => {
    const subject = uniqueSubject('kjs-again');
    const first = await freshClient().register(json(orderV1), { subject });
    recorder.clear();

    const second = await freshClient().register(json(orderV1), { subject });

    expect(second.id).toBe(first.id);
    expect(recorder.lines()).toEqual([
      `GET /config/${enc(subject)} → 200`,
      `POST /subjects/${enc(subject)}/versions → 200`,
    ]);
    const versions = await registry.call('GET', `/subjects/${enc(subject)}/versions`);
    expect(versions.body).toEqual([1]);
  });

  it('gives the same schema under a second subject the same id', async () => {
    const client = freshClient();
    const a = await client.register(json(orderV1), { subject: uniqueSubject('kjs-shared-a') });
    const b = await client.register(json(orderV1), { subject: uniqueSubject('kjs-shared-b') });
    expect(b.id).toBe(a.id);
  });

  it('fetches ids by latest, by version and by schema (lookup)', async () => {
    const subject = uniqueSubject('kjs-ids');
    const client = freshClient();
    const v1 = await client.register(json(orderV1), { subject });
    const v2 = await client.register(json(orderV2), { subject });
    expect(v2.id).not.toBe(v1.id);

    const reader = freshClient();
    expect(await reader.getLatestSchemaId(subject)).toBe(v2.id);
    expect(await reader.getRegistryId(subject, 1)).toBe(v1.id);
    expect(await reader.getRegistryId(subject, 'latest')).toBe(v2.id);
    expect(await reader.getRegistryIdBySchema(subject, json(orderV1))).toBe(v1.id);
    expect(recorder.lines()).toContain(`POST /subjects/${enc(subject)} → 200`);
  });

  it('reports a lookup of an unregistered schema as a client error', async () => {
    const subject = uniqueSubject('kjs-lookup-miss');
    await freshClient().register(json(orderV1), { subject });
    await expect(freshClient().getRegistryIdBySchema(subject, json(orderV2))).rejects.toThrow(/not found/i);
  });

  it('encodes with one client and decodes with another that only has the id', async () => {
    const subject = uniqueSubject('kjs-roundtrip');
    const { id } = await freshClient().register(json(orderV1), { subject });
    const order = { id: 'o-1', amount: 12.5 };

    const buffer = await freshClient().encode(id, order);
    expect(buffer.readUInt8(0)).toBe(0);
    expect(buffer.readInt32BE(1)).toBe(id);
    recorder.clear();

    await expect(freshClient().decode(buffer)).resolves.toEqual(order);
    expect(recorder.lines()).toEqual([`GET /schemas/ids/${id} → 200`]);
  });

  it('rejects a payload the registered schema does not accept, on encode', async () => {
    const { id } = await freshClient().register(json(orderV1), { subject: uniqueSubject('kjs-invalid') });
    await expect(freshClient().encode(id, { id: 42 })).rejects.toThrow(/invalid payload/);
  });

  it('returns a usable validator from getSchema', async () => {
    const { id } = await freshClient().register(json(orderV1), { subject: uniqueSubject('kjs-getschema') });
    const schema = await freshClient().getSchema(id);
    // Without an errorHook this client's isValid() reports true even for invalid payloads.
    const errorHook = () => undefined;
    expect(schema.isValid({ id: 'x' }, { errorHook })).toBe(true);
    expect(schema.isValid({ amount: 1 }, { errorHook })).toBe(false);
  });

  it('registers and decodes a schema that references another subject by $id', async () => {
    const addressSubject = uniqueSubject('kjs-address');
    const customerSubject = uniqueSubject('kjs-customer');
    const client = freshClient();
    await client.register(json(address), { subject: addressSubject });
    const reference = { name: ADDRESS_ID, subject: addressSubject, version: 1 };
    const { id } = await client.register(json(customer, [reference]), { subject: customerSubject });

    const byId = await registry.call('GET', `/schemas/ids/${id}`);
    expect(byId.body).toMatchObject({ schemaType: 'JSON', references: [reference] });

    const value = { name: 'Ada', address: { street: '1 Loop Rd', city: 'Lund' } };
    const buffer = await freshClient().encode(id, value);
    recorder.clear();
    const reader = freshClient();
    await expect(reader.decode(buffer)).resolves.toEqual(value);
    // The client resolves the reference itself; `?name=` leaks into the query and must be ignored.
    expect(recorder.lines()).toEqual([
      `GET /schemas/ids/${id} → 200`,
      `GET /subjects/${enc(addressSubject)}/versions/1?name=${enc(ADDRESS_ID)} → 200`,
    ]);
    await expect(reader.encode(id, { name: 'Ada', address: { street: 'x' } })).rejects.toThrow(
      /invalid payload/,
    );
  });

  it('surfaces an incompatible registration as a 409 error naming the subject', async () => {
    const subject = uniqueSubject('kjs-incompatible');
    const client = freshClient();
    await client.register(json(orderV1), { subject });

    const error = await client.register(json(orderIncompatible), { subject }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toContain(subject);
    const versions = await registry.call('GET', `/subjects/${enc(subject)}/versions`);
    expect(versions.body).toEqual([1]);
  });

  it('refuses, client-side, to register when the subject level differs from the requested one', async () => {
    const subject = uniqueSubject('kjs-level');
    await freshClient().register(json(orderV1), { subject });
    await expect(
      freshClient().register(json(orderV2), { subject, compatibility: COMPATIBILITY.FULL }),
    ).rejects.toThrow(/FULL != BACKWARD/);
  });

  it('rejects an Avro schema (sent without schemaType) with a clear 422', async () => {
    const subject = uniqueSubject('kjs-avro');
    const avro = {
      type: 'record' as const,
      name: 'Order',
      namespace: 'bench',
      fields: [{ name: 'id', type: 'string' }],
    };
    const error = await freshClient()
      .register({ type: SchemaType.AVRO, schema: text(avro) }, { subject })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    const sent = recorder.calls.find((call) => call.method === 'POST');
    expect(JSON.parse(sent?.body ?? '{}')).toMatchObject({
      error_code: 42201,
      message: expect.stringMatching(/AVRO/i),
    });
  });

  it('handles subject names with slashes, spaces and percent signs', async () => {
    const subject = `${uniqueSubject('kjs')}/orders v1%`;
    const client = freshClient();
    const { id } = await client.register(json(orderV1), { subject });
    expect(await freshClient().getLatestSchemaId(subject)).toBe(id);
    const subjects = await registry.call('GET', '/subjects');
    expect(subjects.body).toContain(subject);
  });

  describe('when the global level is not BACKWARD', () => {
    beforeAll(async () => {
      const res = await registry.call('PUT', '/config', { compatibility: 'FULL' });
      expect(res.status).toBe(200);
    });
    afterAll(async () => {
      await registry.call('DELETE', '/config');
    });

    it('still treats a subject without its own config as a first registration', async () => {
      const subject = uniqueSubject('kjs-global-full');
      const { id } = await freshClient().register(json(orderV1), { subject });
      expect(id).toBeGreaterThan(0);
      expect(recorder.lines()).toEqual([
        `GET /config/${enc(subject)} → 404`,
        `POST /subjects/${enc(subject)}/versions → 200`,
        `PUT /config/${enc(subject)} → 200`,
      ]);
    });
  });
});
