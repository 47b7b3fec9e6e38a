/**
 * JSON Schemas shared by the real-client suites. Objects are closed (`additionalProperties: false`) so that
 * adding an optional property is BACKWARD-compatible under the default STRICT policy, while changing a
 * property's type is not.
 */
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export const orderV1 = {
  $schema: DRAFT_07,
  title: 'Order',
  type: 'object',
  properties: {
    id: { type: 'string' },
    amount: { type: 'number' },
  },
  required: ['id'],
  additionalProperties: false,
};

/** orderV1 plus an optional property: compatible with v1 under BACKWARD. */
export const orderV2 = {
  ...orderV1,
  properties: { ...orderV1.properties, currency: { type: 'string', maxLength: 3 } },
};

/** `id` turns from string into integer: old orders no longer validate, so BACKWARD rejects it. */
export const orderIncompatible = {
  ...orderV1,
  properties: { ...orderV1.properties, id: { type: 'integer' } },
};

/** The referenced schema's `$id` doubles as the reference `name`, so both Node clients resolve it (§7). */
export const ADDRESS_ID = 'https://schemata.test/schemas/address.json';

export const address = {
  $schema: DRAFT_07,
  $id: ADDRESS_ID,
  type: 'object',
  properties: {
    street: { type: 'string' },
    city: { type: 'string' },
  },
  required: ['street', 'city'],
  additionalProperties: false,
};

export const customer = {
  $schema: DRAFT_07,
  title: 'Customer',
  type: 'object',
  properties: {
    name: { type: 'string' },
    address: { $ref: ADDRESS_ID },
  },
  required: ['name', 'address'],
  additionalProperties: false,
};

export const text = (doc: unknown): string => JSON.stringify(doc);
