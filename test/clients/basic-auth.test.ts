import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADMIN_SECRET, createKey, type CreatedKey } from '../auth/keys.ts';
import { orderV1, text } from './fixtures.ts';

/** Both Confluent clients, unmodified, against a registry with auth on, sending HTTP Basic credentials. */
describe(`the Confluent clients with Basic credentials (${STORAGE})`, () => {
  let registry: TestRegistry;
  let writer: CreatedKey;
  let reader: CreatedKey;

  beforeAll(async () => {
    registry = await startRegistry({ env: { ADMIN_KEY: ADMIN_SECRET } });
    writer = await createKey(registry, { role: 'write', subjects: ['orders-'] });
    reader = await createKey(registry, { role: 'read' });
  });
  afterAll(async () => {
    await registry?.close();
  });

  const confluent = (userInfo: string) =>
    new SchemaRegistryClient({
      baseURLs: [registry.url],
      basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo },
      maxRetries: 0,
    });
  const kafkajs = (username: string, password: string) =>
    new SchemaRegistry({ host: registry.url, auth: { username, password } }, {});

  it('@confluentinc/schemaregistry registers with basic.auth.user.info and reads back with a read key', async () => {
    const subject = uniqueSubject('orders-cf');
    const id = await confluent(`${writer.id}:${writer.secret}`).register(subject, {
      schemaType: 'JSON',
      schema: text(orderV1),
    });
    const info = await confluent(`${reader.id}:${reader.secret}`).getBySubjectAndId(subject, id);
    expect(JSON.parse(info.schema)).toEqual(orderV1);
    const latest = await confluent(`${reader.id}:${reader.secret}`).getLatestSchemaMetadata(subject);
    expect(latest).toMatchObject({ id, version: 1 });
  });

  it('@confluentinc/schemaregistry surfaces 401 and 403 as RestErrors', async () => {
    const subject = uniqueSubject('orders-cf-refused');
    await expect(
      confluent(`${writer.id}:wrong`).register(subject, { schemaType: 'JSON', schema: text(orderV1) }),
    ).rejects.toMatchObject({ status: 401, errorCode: 40101 });
    await expect(
      confluent(`${reader.id}:${reader.secret}`).register(subject, {
        schemaType: 'JSON',
        schema: text(orderV1),
      }),
    ).rejects.toMatchObject({ status: 403, errorCode: 40301 });
  });

  it('@kafkajs/confluent-schema-registry registers with `auth`, encodes and decodes', async () => {
    const subject = uniqueSubject('orders-kjs');
    const { id } = await kafkajs(writer.id, writer.secret).register(
      { type: SchemaType.JSON, schema: text(orderV1) },
      { subject },
    );
    const order = { id: 'o-1', amount: 3 };
    const encoded = await kafkajs(writer.id, writer.secret).encode(id, order);
    await expect(kafkajs(reader.id, reader.secret).decode(encoded)).resolves.toEqual(order);
  });

  it('@kafkajs/confluent-schema-registry fails on wrong credentials', async () => {
    await expect(
      kafkajs(writer.id, 'wrong').register(
        { type: SchemaType.JSON, schema: text(orderV1) },
        { subject: uniqueSubject('orders-kjs-refused') },
      ),
    ).rejects.toThrow();
    const versions = await registry.call('GET', '/subjects', undefined, {
      authorization: `Basic ${Buffer.from(`${reader.id}:${reader.secret}`).toString('base64')}`,
    });
    expect(versions.body.filter((s: string) => s.startsWith('orders-kjs-refused'))).toEqual([]);
  });
});
