import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, uniqueSubject, type TestRegistry } from '../helpers/registry.ts';

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

const path = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
const register = (subject: string, doc: unknown, references: unknown[] = []) =>
  registry.call('POST', `${path(subject)}/versions`, {
    schemaType: 'JSON',
    schema: JSON.stringify(doc),
    references,
  });

/** An address subject (v1) and a customer subject whose schema `$ref`s the address by its `$id`. */
async function customerWithAddress() {
  const addressSubject = uniqueSubject('address');
  const customerSubject = uniqueSubject('customer');
  const addressId = `https://example.com/${addressSubject}.json`;
  const address = await register(addressSubject, {
    $id: addressId,
    type: 'object',
    properties: { street: { type: 'string' } },
  });
  expect(address.status).toBe(200);
  const reference = { name: addressId, subject: addressSubject, version: 1 };
  const customer = await register(
    customerSubject,
    { type: 'object', properties: { home: { $ref: addressId } } },
    [reference],
  );
  expect(customer.status).toBe(200);
  return {
    addressSubject,
    customerSubject,
    addressId,
    reference,
    addressSchemaId: address.body.id,
    customerSchemaId: customer.body.id,
  };
}

describe('schema references', () => {
  it('registers a schema whose $ref names another subject version, and echoes the references', async () => {
    const { customerSubject, reference, customerSchemaId } = await customerWithAddress();
    const latest = await registry.call('GET', `${path(customerSubject)}/versions/latest`);
    expect(latest.body.references).toEqual([reference]);
    const byId = await registry.call('GET', `/schemas/ids/${customerSchemaId}`);
    expect(byId.body.references).toEqual([reference]);
  });

  it('rejects references to unknown subjects or versions, and unresolvable $refs, with 42201', async () => {
    const { addressId, addressSubject } = await customerWithAddress();
    const subject = uniqueSubject('bad-ref');
    const doc = { properties: { home: { $ref: addressId } } };
    const unknownSubject = await register(subject, doc, [
      { name: addressId, subject: uniqueSubject('nobody'), version: 1 },
    ]);
    expect(unknownSubject.body.error_code).toBe(42201);
    const unknownVersion = await register(subject, doc, [
      { name: addressId, subject: addressSubject, version: 9 },
    ]);
    expect(unknownVersion.body.error_code).toBe(42201);
    const missingEntry = await register(subject, doc);
    expect(missingEntry.body.error_code).toBe(42201);
    expect(missingEntry.body.message).toContain(addressId);
    expect((await registry.call('GET', `${path(subject)}/versions`)).status).toBe(404);
  });

  it('resolves references transitively', async () => {
    const { customerSubject, addressId } = await customerWithAddress();
    const customerUri = `https://example.com/${customerSubject}.json`;
    // The customer schema has no $id, so the order references it by the reference name.
    const order = await register(
      uniqueSubject('order'),
      { type: 'object', properties: { buyer: { $ref: customerUri }, shipTo: { $ref: addressId } } },
      [{ name: customerUri, subject: customerSubject, version: 1 }],
    );
    expect(order.status).toBe(200);
  });

  it('lists referencing schema ids at /referencedby', async () => {
    const { addressSubject, customerSchemaId, customerSubject } = await customerWithAddress();
    const res = await registry.call('GET', `${path(addressSubject)}/versions/1/referencedby`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([customerSchemaId]);
    expect((await registry.call('GET', `${path(customerSubject)}/versions/1/referencedby`)).body).toEqual([]);
    expect(
      (await registry.call('GET', `${path(addressSubject)}/versions/4/referencedby`)).body.error_code,
    ).toBe(40402);
    expect(
      (await registry.call('GET', `${path(uniqueSubject('nobody'))}/versions/1/referencedby`)).body
        .error_code,
    ).toBe(40401);
  });

  it('refuses to delete a referenced version or subject with 42206, soft or hard', async () => {
    const { addressSubject, customerSubject } = await customerWithAddress();
    const soft = await registry.call('DELETE', `${path(addressSubject)}/versions/1`);
    expect(soft.status).toBe(422);
    expect(soft.body.error_code).toBe(42206);
    expect((await registry.call('DELETE', path(addressSubject))).body.error_code).toBe(42206);
    expect((await registry.call('GET', `${path(addressSubject)}/versions`)).body).toEqual([1]);

    // While the referencing schema is still registered (even soft-deleted), the target stays protected.
    await registry.call('DELETE', path(customerSubject));
    expect((await registry.call('DELETE', path(addressSubject))).body.error_code).toBe(42206);
    await registry.call('DELETE', `${path(customerSubject)}?permanent=true`);
    expect((await registry.call('DELETE', path(addressSubject))).body).toEqual([1]);
    expect((await registry.call('DELETE', `${path(addressSubject)}?permanent=true`)).body).toEqual([1]);
  });
});
