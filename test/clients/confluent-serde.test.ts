import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
  type SchemaInfo,
} from '@confluentinc/schemaregistry';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADDRESS_ID, address, customer, orderV1, orderV2, text } from './fixtures.ts';
import { startRecorder, type Recorder } from './recorder.ts';

const json = (doc: unknown, references?: SchemaInfo['references']): SchemaInfo => ({
  schemaType: 'JSON',
  schema: text(doc),
  ...(references ? { references } : {}),
});

/** The schema id a serializer wrote into the Confluent wire format (magic byte 0, then 4 bytes). */
const writtenId = (bytes: Buffer): number => {
  expect(bytes.readUInt8(0)).toBe(0);
  return bytes.readInt32BE(1);
};

// No subject-name strategy is configured anywhere here: the default ASSOCIATED strategy must fall back to
// `<topic>-value` when the registry answers /associations/… with the 404 envelope.
describe(`@confluentinc/schemaregistry JSON serdes, unmodified (${STORAGE})`, () => {
  let registry: TestRegistry;
  let recorder: Recorder;
  const freshClient = () =>
    new SchemaRegistryClient({ baseURLs: [recorder.url], retriesWaitMs: 20, retriesMaxWaitMs: 100 });

  beforeAll(async () => {
    registry = await startRegistry();
    recorder = await startRecorder(registry.url);
  });
  afterAll(async () => {
    await recorder?.close();
    await registry?.close();
  });
  beforeEach(() => recorder.clear());

  it('auto-registers under <topic>-value after the association lookup 404s, and round-trips', async () => {
    const topic = uniqueSubject('orders');
    const serializer = new JsonSerializer(freshClient(), SerdeType.VALUE, { autoRegisterSchemas: true });
    const order = { id: 'o-1', amount: 3, lines: [{ sku: 'a', qty: 2 }] };

    const bytes = await serializer.serialize(topic, order);

    const associations = recorder.calls[0];
    expect(associations?.method).toBe('GET');
    expect(associations?.path).toBe(
      `/associations/resources/-/${topic}?resourceType=topic&associationType=value`,
    );
    expect(associations?.status).toBe(404);
    expect(JSON.parse(associations?.body ?? '{}')).toEqual({ error_code: 404, message: expect.any(String) });
    expect(recorder.lines()).toContain(`POST /subjects/${topic}-value/versions?normalize=false → 200`);
    const latest = await registry.call('GET', `/subjects/${topic}-value/versions/latest`);
    expect(latest.status).toBe(200);
    expect(writtenId(bytes)).toBe(latest.body.id);

    const deserializer = new JsonDeserializer(freshClient(), SerdeType.VALUE, {});
    await expect(deserializer.deserialize(topic, bytes)).resolves.toEqual(order);
  });

  it('without auto-registration finds the id of the derived schema by lookup', async () => {
    const topic = uniqueSubject('lookups');
    const message = { id: 'o-2', amount: 1.5 };
    const derived = json(JsonSerializer.messageToSchema(message));
    const id = await freshClient().register(`${topic}-value`, derived);
    recorder.clear();

    const serializer = new JsonSerializer(freshClient(), SerdeType.VALUE, {});
    const bytes = await serializer.serialize(topic, message);

    expect(writtenId(bytes)).toBe(id);
    expect(recorder.lines()).toContain(`POST /subjects/${topic}-value?normalize=false → 200`);
  });

  it('serializes with the latest version and validates on both ends', async () => {
    const topic = uniqueSubject('latest');
    const id = await freshClient().register(`${topic}-value`, json(orderV1));
    const serializer = new JsonSerializer(freshClient(), SerdeType.VALUE, {
      autoRegisterSchemas: false,
      useLatestVersion: true,
      validate: true,
    });

    const bytes = await serializer.serialize(topic, { id: 'o-3', amount: 9 });
    expect(writtenId(bytes)).toBe(id);
    await expect(serializer.serialize(topic, { id: 42 })).rejects.toThrow(/Invalid message/);

    const deserializer = new JsonDeserializer(freshClient(), SerdeType.VALUE, { validate: true });
    await expect(deserializer.deserialize(topic, bytes)).resolves.toEqual({ id: 'o-3', amount: 9 });
  });

  it('resolves a referenced subject by $id when validating', async () => {
    const topic = uniqueSubject('customers');
    const addressSubject = uniqueSubject('address');
    await freshClient().register(addressSubject, json(address));
    const reference = { name: ADDRESS_ID, subject: addressSubject, version: 1 };
    const id = await freshClient().register(`${topic}-value`, json(customer, [reference]));
    recorder.clear();

    const serializer = new JsonSerializer(freshClient(), SerdeType.VALUE, {
      useLatestVersion: true,
      validate: true,
    });
    const value = { name: 'Ada', address: { street: '1 Loop Rd', city: 'Lund' } };
    const bytes = await serializer.serialize(topic, value);
    expect(writtenId(bytes)).toBe(id);
    expect(recorder.lines()).toContain(`GET /subjects/${addressSubject}/versions/1?deleted=true → 200`);
    await expect(serializer.serialize(topic, { name: 'Ada', address: { street: 'x' } })).rejects.toThrow(
      /Invalid message/,
    );

    const deserializer = new JsonDeserializer(freshClient(), SerdeType.VALUE, { validate: true });
    await expect(deserializer.deserialize(topic, bytes)).resolves.toEqual(value);
  });

  it('keeps a 2020-12 schema intact, so the serdes pick the 2020-12 dialect', async () => {
    const topic = uniqueSubject('points');
    const point = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: { coordinate: { type: 'number', minimum: -180, maximum: 180 } },
      type: 'array',
      prefixItems: [{ $ref: '#/$defs/coordinate' }, { $ref: '#/$defs/coordinate' }],
      items: false,
    };
    await freshClient().register(`${topic}-value`, json(point));
    const serializer = new JsonSerializer(freshClient(), SerdeType.VALUE, {
      useLatestVersion: true,
      validate: true,
    });

    const bytes = await serializer.serialize(topic, [12.5, 55.7]);
    await expect(serializer.serialize(topic, [12.5, 55.7, 3])).rejects.toThrow(/Invalid message/);
    await expect(serializer.serialize(topic, [500, 0])).rejects.toThrow(/Invalid message/);
    const deserializer = new JsonDeserializer(freshClient(), SerdeType.VALUE, { validate: true });
    await expect(deserializer.deserialize(topic, bytes)).resolves.toEqual([12.5, 55.7]);
  });

  it('lets a consumer on the latest version read a record written with an older one', async () => {
    const topic = uniqueSubject('evolving');
    const v1 = await freshClient().register(`${topic}-value`, json(orderV1));
    const producer = new JsonSerializer(freshClient(), SerdeType.VALUE, { useLatestVersion: true });
    const old = await producer.serialize(topic, { id: 'o-4' });
    await freshClient().register(`${topic}-value`, json(orderV2));
    recorder.clear();

    const consumer = new JsonDeserializer(freshClient(), SerdeType.VALUE, {
      useLatestVersion: true,
      validate: true,
    });
    await expect(consumer.deserialize(topic, old)).resolves.toEqual({ id: 'o-4' });
    expect(writtenId(old)).toBe(v1);
    // The client finds the writer's version by looking its schema up, soft-deleted versions included.
    expect(recorder.lines()).toContain(`POST /subjects/${topic}-value?normalize=false&deleted=true → 200`);
  });

  it('still decodes records after their subject was soft-deleted', async () => {
    const topic = uniqueSubject('retired');
    const serializer = new JsonSerializer(freshClient(), SerdeType.VALUE, { autoRegisterSchemas: true });
    // A field name of its own gives this schema an id no other subject shares.
    const message = { [`only_${topic.replaceAll('-', '_')}`]: true };
    const bytes = await serializer.serialize(topic, message);

    expect(await freshClient().deleteSubject(`${topic}-value`)).toEqual([1]);

    const deserializer = new JsonDeserializer(freshClient(), SerdeType.VALUE, {});
    await expect(deserializer.deserialize(topic, bytes)).resolves.toEqual(message);
  });
});
