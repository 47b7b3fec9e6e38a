import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Compatibility, SchemaRegistryClient, type SchemaInfo } from '@confluentinc/schemaregistry';
import { startRegistry, STORAGE, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';
import { ADDRESS_ID, address, customer, orderIncompatible, orderV1, orderV2, text } from './fixtures.ts';
import { startRecorder, type Recorder } from './recorder.ts';

const json = (doc: unknown, references?: SchemaInfo['references']): SchemaInfo => ({
  schemaType: 'JSON',
  schema: text(doc),
  ...(references ? { references } : {}),
});

/** What a RestError carries: the HTTP status and the envelope's `error_code`. */
const restError = (status: number, errorCode: number) => ({ status, errorCode });

describe(`@confluentinc/schemaregistry client, unmodified (${STORAGE})`, () => {
  let registry: TestRegistry;
  let recorder: Recorder;
  /** Default client options except short retry waits; a fresh instance has empty caches. */
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

  it('registers, re-registers to the same id and version, and looks the schema up', async () => {
    const subject = uniqueSubject('cf-register');
    const client = freshClient();
    const first = await client.registerFullResponse(subject, json(orderV1));
    expect(first).toMatchObject({ id: expect.any(Number), version: 1 });

    const again = await freshClient().registerFullResponse(subject, json(orderV1));
    expect(again).toMatchObject({ id: first.id, version: 1 });
    expect(await freshClient().register(subject, json(orderV1))).toBe(first.id);
    expect(await freshClient().getId(subject, json(orderV1))).toBe(first.id);
    expect(await freshClient().getVersion(subject, json(orderV1))).toBe(1);
    expect(recorder.lines()).toContain(`POST /subjects/${subject}/versions?normalize=false → 200`);
    expect(recorder.lines()).toContain(`POST /subjects/${subject}?normalize=false → 200`);
  });

  it('reports lookups that find nothing with the Confluent error codes', async () => {
    const subject = uniqueSubject('cf-lookup');
    await expect(freshClient().getId(subject, json(orderV1))).rejects.toMatchObject(restError(404, 40401));
    await freshClient().register(subject, json(orderV1));
    await expect(freshClient().getId(subject, json(orderV2))).rejects.toMatchObject(restError(404, 40403));
    await expect(freshClient().getLatestSchemaMetadata(uniqueSubject('cf-none'))).rejects.toMatchObject(
      restError(404, 40401),
    );
  });

  it('reads schemas by id, by latest and by version', async () => {
    const subject = uniqueSubject('cf-read');
    const v1 = await freshClient().register(subject, json(orderV1));
    const v2 = await freshClient().register(subject, json(orderV2));

    const byId = await freshClient().getBySubjectAndId(subject, v1);
    expect(byId.schemaType).toBe('JSON');
    expect(JSON.parse(byId.schema)).toEqual(orderV1);
    expect(recorder.lines()).toContain(`GET /schemas/ids/${v1}?subject=${subject} → 200`);

    const latest = await freshClient().getLatestSchemaMetadata(subject);
    expect(latest).toMatchObject({ subject, id: v2, version: 2, schemaType: 'JSON' });
    expect(JSON.parse(latest.schema)).toEqual(orderV2);
    const first = await freshClient().getSchemaMetadata(subject, 1);
    expect(first).toMatchObject({ subject, id: v1, version: 1 });

    expect(await freshClient().getAllVersions(subject)).toEqual([1, 2]);
    expect(await freshClient().getAllSubjects()).toContain(subject);
  });

  it('registers a schema that references another subject and returns the reference', async () => {
    const addressSubject = uniqueSubject('cf-address');
    const customerSubject = uniqueSubject('cf-customer');
    await freshClient().register(addressSubject, json(address));
    const reference = { name: ADDRESS_ID, subject: addressSubject, version: 1 };
    const id = await freshClient().register(customerSubject, json(customer, [reference]));

    const info = await freshClient().getBySubjectAndId(customerSubject, id);
    expect(info.references).toEqual([reference]);
    const latest = await freshClient().getLatestSchemaMetadata(customerSubject);
    expect(latest.references).toEqual([reference]);
    // A referenced version cannot go away while something still points at it.
    await expect(freshClient().deleteSubjectVersion(addressSubject, 1)).rejects.toMatchObject(
      restError(422, 42206),
    );
    await expect(freshClient().deleteSubject(addressSubject)).rejects.toMatchObject(restError(422, 42206));
  });

  it('surfaces an incompatible registration as a 409 RestError', async () => {
    const subject = uniqueSubject('cf-incompatible');
    await freshClient().register(subject, json(orderV1));
    const error = await freshClient()
      .register(subject, json(orderIncompatible))
      .catch((e: unknown) => e);
    expect(error).toMatchObject(restError(409, 409));
    expect((error as Error).message).toContain(subject);
    expect(await freshClient().getAllVersions(subject)).toEqual([1]);
  });

  it('tests compatibility against the latest and against a given version', async () => {
    const subject = uniqueSubject('cf-compat');
    await freshClient().register(subject, json(orderV1));
    const client = freshClient();
    expect(await client.testSubjectCompatibility(subject, json(orderV2))).toBe(true);
    expect(await client.testSubjectCompatibility(subject, json(orderIncompatible))).toBe(false);
    expect(await client.testCompatibility(subject, 1, json(orderV2))).toBe(true);
    expect(await client.testCompatibility(subject, 1, json(orderIncompatible))).toBe(false);
    expect(recorder.lines()).toContain(`POST /compatibility/subjects/${subject}/versions/latest → 200`);
    expect(recorder.lines()).toContain(`POST /compatibility/subjects/${subject}/versions/1 → 200`);
    // CI asks before the first registration: nothing to break yet.
    expect(await client.testSubjectCompatibility(uniqueSubject('cf-compat-new'), json(orderV1))).toBe(true);
  });

  it('reads and writes subject config with the asymmetric keys', async () => {
    const subject = uniqueSubject('cf-config');
    const client = freshClient();
    await expect(client.getConfig(subject)).rejects.toMatchObject(restError(404, 40408));

    expect(await client.updateCompatibility(subject, Compatibility.FULL)).toBe('FULL');
    expect(await client.getCompatibility(subject)).toBe('FULL');
    expect(await client.updateConfig(subject, { compatibility: Compatibility.NONE })).toMatchObject({
      compatibility: 'NONE',
    });
    expect(await client.getConfig(subject)).toMatchObject({ compatibilityLevel: 'NONE' });
    // NONE lets the otherwise incompatible schema in.
    await client.register(subject, json(orderV1));
    expect(await client.registerFullResponse(subject, json(orderIncompatible))).toMatchObject({ version: 2 });

    expect(await client.getDefaultCompatibility()).toBe('BACKWARD');
    expect(await client.getDefaultConfig()).toMatchObject({ compatibilityLevel: 'BACKWARD' });
  });

  it('soft-deletes and hard-deletes versions and subjects', async () => {
    const subject = uniqueSubject('cf-delete');
    // A title of its own keeps these schema ids out of every other subject (titles are annotations).
    const mine = (doc: object) => ({ ...doc, title: subject });
    const v1 = await freshClient().register(subject, json(mine(orderV1)));
    await freshClient().register(subject, json(mine(orderV2)));

    expect(await freshClient().deleteSubjectVersion(subject, 2)).toBe(2);
    expect(await freshClient().getAllVersions(subject)).toEqual([1]);
    expect(await freshClient().getLatestSchemaMetadata(subject)).toMatchObject({ version: 1, id: v1 });
    // Soft-deleted versions stay reachable when the client asks for them (serdes resolve references so).
    expect(await freshClient().getSchemaMetadata(subject, 2, true)).toMatchObject({ version: 2 });
    await expect(freshClient().getSchemaMetadata(subject, 2)).rejects.toMatchObject(restError(404, 40402));
    expect(await freshClient().getVersion(subject, json(mine(orderV2)), false, true)).toBe(2);
    await expect(freshClient().getVersion(subject, json(mine(orderV2)))).rejects.toMatchObject(
      restError(404, 40403),
    );
    await expect(freshClient().deleteSubjectVersion(subject, 2)).rejects.toMatchObject(restError(404, 40406));
    expect(await freshClient().deleteSubjectVersion(subject, 2, true)).toBe(2);

    await expect(freshClient().deleteSubject(subject, true)).rejects.toMatchObject(restError(404, 40405));
    expect(await freshClient().deleteSubject(subject)).toEqual([1]);
    expect(await freshClient().getAllSubjects()).not.toContain(subject);
    // Consumers must still decode records written with a soft-deleted schema.
    expect(JSON.parse((await freshClient().getBySubjectAndId(subject, v1)).schema)).toEqual(mine(orderV1));
    await expect(freshClient().deleteSubject(subject)).rejects.toMatchObject(restError(404, 40404));

    expect(await freshClient().deleteSubject(subject, true)).toEqual([1]);
    await expect(freshClient().getAllVersions(subject)).rejects.toMatchObject(restError(404, 40401));
  });

  it('normalize=true makes key order irrelevant to identity', async () => {
    const subject = uniqueSubject('cf-normalize');
    const reversed = Object.fromEntries(Object.entries(orderV1).reverse());
    const id = await freshClient().register(subject, json(orderV1), true);
    expect(await freshClient().register(subject, json(reversed), true)).toBe(id);
    expect(recorder.lines()).toContain(`POST /subjects/${subject}/versions?normalize=true → 200`);
  });

  it('encodes subject names with slashes and spaces', async () => {
    const subject = `${uniqueSubject('cf')}/orders v1`;
    const id = await freshClient().register(subject, json(orderV1));
    expect(await freshClient().getLatestSchemaMetadata(subject)).toMatchObject({ subject, id, version: 1 });
    expect(recorder.lines()).toContain(
      `POST /subjects/${encodeURIComponent(subject)}/versions?normalize=false → 200`,
    );
  });
});
