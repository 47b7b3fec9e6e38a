import { describe, expect, it } from 'vitest';
import { createAjv, detectDraft } from '../../schema/json/drafts.ts';
import { evaluate } from './evaluate.ts';
import { normalise } from './index.ts';

const SCHEMAS: unknown[] = [
  {
    type: 'object',
    properties: { a: { type: 'string', maxLength: 2 } },
    required: ['a'],
    additionalProperties: false,
  },
  {
    type: 'array',
    items: [{ type: 'integer' }],
    additionalItems: { type: 'string' },
    uniqueItems: true,
    contains: { const: 'x' },
  },
  { anyOf: [{ type: 'null' }, { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 }] },
  { oneOf: [{ type: 'string' }, { maxLength: 2 }] },
  { if: { properties: { k: { const: 1 } } }, then: { required: ['v'] }, else: { not: { required: ['v'] } } },
  {
    definitions: {
      n: { type: 'object', properties: { next: { $ref: '#/definitions/n' }, v: { enum: [1, 'a'] } } },
    },
    $ref: '#/definitions/n',
  },
  {
    type: 'object',
    patternProperties: { '^x': { type: 'integer' } },
    propertyNames: { maxLength: 3 },
    dependencies: { a: ['b'], c: { required: ['d'] } },
  },
  { $schema: 'http://json-schema.org/draft-04/schema#', type: 'number', maximum: 3, exclusiveMaximum: true },
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'array',
    prefixItems: [{ type: 'string' }],
    items: false,
    minContains: 2,
    contains: { type: 'string' },
  },
];
const VALUES: unknown[] = [
  null,
  0,
  0.5,
  1,
  3,
  2.5,
  -1,
  'x',
  'abc',
  [],
  [1],
  [1, 'x'],
  [1, 'x', 'x'],
  ['a', 'b'],
  ['a'],
  {},
  { a: 'ab' },
  { a: 'abc' },
  { k: 1 },
  { k: 1, v: 2 },
  { v: 2 },
  { x1: 1 },
  { x1: 'a' },
  { a: 1 },
  { a: 1, b: 1 },
  { c: 1 },
  { next: { v: 1 }, v: 'a' },
  { next: { v: 2 } },
  { long_name: 1 },
];

describe('evaluate agrees with ajv', () => {
  it.each(SCHEMAS.map((s, i) => [i, s] as const))('schema #%i', (_i, schema) => {
    const validate = createAjv(detectDraft(schema) ?? 'draft-07').compile(schema as object);
    const root = normalise({ schema }).root;
    for (const value of VALUES) {
      const want = validate(structuredClone(value)) === true;
      expect([value, evaluate(root, value, 'reader')]).toEqual([value, want]);
      expect([value, evaluate(root, value, 'writer')]).toEqual([value, want]);
    }
  });
});
