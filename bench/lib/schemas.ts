/** JSON Schemas the benchmarks register: realistic sizes, and a family where each step stays compatible. */

/** A typical event contract (~1 KB of canonical JSON), the payload of the by-id benchmark. */
export const orderPlaced = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://schemata.bench/order-placed.json',
  title: 'OrderPlaced',
  description: 'Emitted by the order service when a customer places an order.',
  type: 'object',
  properties: {
    orderId: { type: 'string', format: 'uuid' },
    customerId: { type: 'string', minLength: 1, maxLength: 64 },
    placedAt: { type: 'string', format: 'date-time' },
    currency: { type: 'string', enum: ['EUR', 'USD', 'GBP', 'SEK'] },
    total: { type: 'number', minimum: 0 },
    lines: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', pattern: '^[A-Z0-9-]{4,32}$' },
          quantity: { type: 'integer', minimum: 1 },
          unitPrice: { type: 'number', minimum: 0 },
        },
        required: ['sku', 'quantity', 'unitPrice'],
        additionalProperties: false,
      },
    },
    shipping: {
      type: 'object',
      properties: {
        street: { type: 'string' },
        city: { type: 'string' },
        postcode: { type: 'string' },
        country: { type: 'string', minLength: 2, maxLength: 2 },
      },
      required: ['street', 'city', 'country'],
      additionalProperties: false,
    },
  },
  required: ['orderId', 'customerId', 'placedAt', 'currency', 'total', 'lines'],
  additionalProperties: false,
};

/**
 * Step `step` of an evolving contract: a closed object with properties p0…p<step>. Each step adds one
 * optional property to a closed model, which BACKWARD (STRICT) accepts, so every registration runs the
 * full path — dedup lookup, compatibility check against the latest version, insert — and succeeds.
 */
export function evolvingSchema(family: string, step: number): Record<string, unknown> {
  const properties: Record<string, unknown> = { id: { type: 'string' } };
  for (let i = 0; i <= step; i += 1) properties[`p${i}`] = { type: 'string', maxLength: 200 };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: family,
    type: 'object',
    properties,
    required: ['id'],
    additionalProperties: false,
  };
}
