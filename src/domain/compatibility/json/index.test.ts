import { describe, expect, it } from 'vitest';
import { createAjv, detectDraft } from '../../schema/json/drafts.ts';
import { diff, type Policy } from './index.ts';

const D4 = 'http://json-schema.org/draft-04/schema#';
const D2019 = 'https://json-schema.org/draft/2019-09/schema';
const D2020 = 'https://json-schema.org/draft/2020-12/schema';
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...extra,
});

interface Row {
  readonly name: string;
  readonly original: unknown;
  readonly update: unknown;
  /** Whether BACKWARD-style inclusion (original ⊆ update) is judged to hold. */
  readonly compatible: boolean;
  /** Rule ids that must appear among the differences. */
  readonly rules?: readonly string[];
  readonly policy?: Policy;
  readonly references?: ReadonlyMap<string, unknown>;
}

const ROWS: Row[] = [
  { name: 'identical', original: { type: 'string' }, update: { type: 'string' }, compatible: true },
  { name: 'type dropped', original: { type: 'string' }, update: {}, compatible: true },
  {
    name: 'type dropped beside other keywords',
    original: { type: 'string', maxLength: 2 },
    update: { maxLength: 2 },
    compatible: true,
    rules: ['TYPE_EXTENDED'],
  },
  {
    name: 'type added',
    original: { minLength: 1 },
    update: { type: 'string', minLength: 1 },
    compatible: false,
    rules: ['TYPE_NARROWED'],
  },
  {
    name: 'integer → number',
    original: { type: 'integer' },
    update: { type: 'number' },
    compatible: true,
    rules: ['TYPE_EXTENDED'],
  },
  {
    name: 'number → integer',
    original: { type: 'number' },
    update: { type: 'integer' },
    compatible: false,
    rules: ['TYPE_NARROWED'],
  },
  {
    name: 'type array widened',
    original: { type: 'string' },
    update: { type: ['string', 'null'] },
    compatible: true,
  },
  {
    name: 'type array narrowed',
    original: { type: ['string', 'null'] },
    update: { type: 'string' },
    compatible: false,
    rules: ['TYPE_CHANGED'],
  },
  {
    name: 'type array into anyOf',
    original: { type: ['string', 'null'] },
    update: { anyOf: [{ type: 'null' }, { type: 'string' }] },
    compatible: true,
  },
  { name: 'true → typed', original: true, update: { type: 'integer' }, compatible: false },
  { name: 'typed → true', original: { type: 'integer' }, update: true, compatible: true },
  { name: 'false → anything', original: false, update: { type: 'integer' }, compatible: true },
  {
    name: 'maxLength decreased',
    original: { type: 'string', maxLength: 5 },
    update: { type: 'string', maxLength: 3 },
    compatible: false,
    rules: ['MAX_LENGTH_DECREASED'],
  },
  {
    name: 'minLength decreased',
    original: { type: 'string', minLength: 5 },
    update: { type: 'string', minLength: 3 },
    compatible: true,
    rules: ['MIN_LENGTH_DECREASED'],
  },
  {
    name: 'pattern added',
    original: { type: 'string' },
    update: { type: 'string', pattern: '^a' },
    compatible: false,
    rules: ['PATTERN_ADDED'],
  },
  {
    name: 'pattern changed',
    original: { type: 'string', pattern: '^a' },
    update: { type: 'string', pattern: '^b' },
    compatible: false,
    rules: ['PATTERN_CHANGED'],
  },
  {
    name: 'format changed (annotation)',
    original: { type: 'string', format: 'date' },
    update: { type: 'string', format: 'email' },
    compatible: true,
  },
  {
    name: 'maximum → larger exclusiveMaximum',
    original: { type: 'number', maximum: 10 },
    update: { type: 'number', exclusiveMaximum: 11 },
    compatible: true,
    rules: ['EXCLUSIVE_MAXIMUM_INCREASED'],
  },
  {
    name: 'maximum → equal exclusiveMaximum',
    original: { type: 'number', maximum: 10 },
    update: { type: 'number', exclusiveMaximum: 10 },
    compatible: false,
    rules: ['EXCLUSIVE_MAXIMUM_DECREASED'],
  },
  {
    name: 'integer exclusive 11 ≡ max 10',
    original: { type: 'integer', exclusiveMaximum: 11 },
    update: { type: 'integer', maximum: 10 },
    compatible: true,
  },
  {
    name: 'draft-04 exclusive flag dropped',
    original: { $schema: D4, type: 'number', minimum: 1, exclusiveMinimum: true },
    update: { $schema: D4, type: 'number', minimum: 1 },
    compatible: true,
    rules: ['MINIMUM_DECREASED'],
  },
  {
    name: 'draft-04 exclusive flag added',
    original: { $schema: D4, type: 'number', minimum: 1 },
    update: { $schema: D4, type: 'number', minimum: 1, exclusiveMinimum: true },
    compatible: false,
    rules: ['EXCLUSIVE_MINIMUM_INCREASED'],
  },
  {
    name: 'multipleOf 0.3 → 0.1 (exact decimals)',
    original: { type: 'number', multipleOf: 0.3 },
    update: { type: 'number', multipleOf: 0.1 },
    compatible: true,
    rules: ['MULTIPLE_OF_REDUCED'],
  },
  {
    name: 'multipleOf 0.1 → 0.3',
    original: { type: 'number', multipleOf: 0.1 },
    update: { type: 'number', multipleOf: 0.3 },
    compatible: false,
    rules: ['MULTIPLE_OF_EXPANDED'],
  },
  {
    name: 'multipleOf 4 → 6',
    original: { type: 'number', multipleOf: 4 },
    update: { type: 'number', multipleOf: 6 },
    compatible: false,
    rules: ['MULTIPLE_OF_CHANGED'],
  },
  {
    name: 'enum extended',
    original: { enum: ['a', 'b'] },
    update: { enum: ['b', 'a', 'c'] },
    compatible: true,
    rules: ['ENUM_ARRAY_EXTENDED'],
  },
  {
    name: 'enum narrowed',
    original: { enum: ['a', 'b'] },
    update: { enum: ['a'] },
    compatible: false,
    rules: ['ENUM_ARRAY_NARROWED'],
  },
  {
    name: 'enum 1 ≡ 1.0 and key order',
    original: { enum: [1, { a: 1, b: 2 }] },
    update: { enum: [{ b: 2, a: 1 }, 1.0] },
    compatible: true,
  },
  {
    name: 'enum into accepting type',
    original: { enum: ['a', 'bb'] },
    update: { type: 'string', maxLength: 2 },
    compatible: true,
    rules: ['ENUM_ARRAY_EXTENDED'],
  },
  {
    name: 'enum into rejecting type',
    original: { enum: ['a', 'bbb'] },
    update: { type: 'string', maxLength: 2 },
    compatible: false,
    rules: ['ENUM_ARRAY_CHANGED'],
  },
  {
    name: 'type into enum',
    original: { type: 'string' },
    update: { enum: ['a'] },
    compatible: false,
    rules: ['ENUM_ARRAY_CHANGED'],
  },
  { name: 'const ≡ enum', original: { const: 'x' }, update: { enum: ['x'] }, compatible: true },
  {
    name: 'boolean type into enum',
    original: { type: 'boolean' },
    update: { enum: [true, false, null] },
    compatible: true,
  },
  // Objects and content models (§5).
  {
    name: 'optional property added to open model',
    original: obj({ a: {} }),
    update: obj({ a: {}, b: { type: 'string' } }),
    compatible: false,
    rules: ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: '… is fine under LENIENT',
    original: obj({ a: {} }),
    update: obj({ a: {}, b: { type: 'string' } }),
    compatible: true,
    policy: 'LENIENT',
  },
  {
    name: 'empty property added to open model',
    original: obj({}),
    update: obj({ b: {} }),
    compatible: true,
    rules: ['PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'required empty property added to open model',
    original: obj({}),
    update: obj({ b: {} }, { required: ['b'] }),
    compatible: false,
    rules: ['REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'optional property added to closed model',
    original: obj({ a: {} }, { additionalProperties: false }),
    update: obj({ a: {}, b: { type: 'string' } }, { additionalProperties: false }),
    compatible: true,
    rules: ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'required with default added to closed model',
    original: obj({}, { additionalProperties: false }),
    update: obj({ b: { type: 'string', default: 'x' } }, { required: ['b'], additionalProperties: false }),
    compatible: true,
    rules: ['REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'required with invalid default',
    original: obj({}, { additionalProperties: false }),
    update: obj({ b: { type: 'string', default: 1 } }, { required: ['b'], additionalProperties: false }),
    compatible: false,
    rules: ['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'required without default added to closed model',
    original: obj({}, { additionalProperties: false }),
    update: obj({ b: {} }, { required: ['b'], additionalProperties: false }),
    compatible: false,
    rules: ['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
  },
  {
    name: 'property added, covered by additionalProperties',
    original: obj({}, { additionalProperties: { type: 'string' } }),
    update: obj({ b: { type: 'string' } }, { additionalProperties: { type: 'string' } }),
    compatible: true,
    rules: ['PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'property added, not covered',
    original: obj({}, { additionalProperties: { type: 'string' } }),
    update: obj({ b: { type: 'integer' } }, { additionalProperties: { type: 'string' } }),
    compatible: false,
    rules: ['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'],
  },
  {
    name: '… and under LENIENT too: the cover said what old data could carry there',
    original: obj({}, { additionalProperties: { type: 'string' } }),
    update: obj({ b: { type: 'integer' } }, { additionalProperties: { type: 'string' } }),
    compatible: false,
    policy: 'LENIENT',
    rules: ['TYPE_CHANGED'],
  },
  {
    name: 'property added against a conflicting pattern, under LENIENT',
    original: obj({}, { patternProperties: { '^x-': { type: 'string' } } }),
    update: obj({ 'x-id': { type: 'integer' } }, { patternProperties: { '^x-': { type: 'string' } } }),
    compatible: false,
    policy: 'LENIENT',
    rules: ['TYPE_CHANGED'],
  },
  {
    name: 'property added to an open model is relaxed under LENIENT',
    original: obj({}),
    update: obj({ b: { type: 'integer' } }),
    compatible: true,
    policy: 'LENIENT',
  },
  {
    name: 'property removed against a conflicting cover, under LENIENT',
    original: obj({ a: { type: 'integer' } }, { additionalProperties: { type: 'string' } }),
    update: obj({}, { additionalProperties: { type: 'string' } }),
    compatible: false,
    policy: 'LENIENT',
    rules: ['TYPE_CHANGED'],
  },
  {
    name: 'propertyNames whose pattern matches every name (unanchored a*) narrows nothing',
    original: obj({ b: { type: 'string' } }),
    update: obj({ b: { type: 'string' } }, { propertyNames: { pattern: 'a*' } }),
    compatible: true,
  },
  {
    name: 'propertyNames with an anchored pattern does narrow',
    original: obj({}),
    update: obj({}, { propertyNames: { pattern: '^a' } }),
    compatible: false,
    rules: ['SCHEMA_ADDED'],
  },
  {
    name: 'patternProperties patterns that match every name are one pattern, however spelled',
    original: obj({}, { patternProperties: { 'a*': { type: 'string' } } }),
    update: obj({}, { patternProperties: { '.*': { type: 'string' } } }),
    compatible: true,
  },
  {
    name: 'property added, covered by a pattern',
    original: obj({}, { patternProperties: { '^b': { type: 'string' } } }),
    update: obj({ bb: { type: 'string' } }, { patternProperties: { '^b': { type: 'string' } } }),
    compatible: true,
  },
  {
    name: 'property removed from closed model',
    original: obj({ a: { type: 'string' } }, { additionalProperties: false }),
    update: obj({}, { additionalProperties: false }),
    compatible: false,
    rules: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: '… is fine under LENIENT',
    original: obj({ a: { type: 'string' } }, { additionalProperties: false }),
    update: obj({}, { additionalProperties: false }),
    compatible: true,
    policy: 'LENIENT',
  },
  {
    name: 'false property removed from closed model',
    original: obj({ a: false }, { additionalProperties: false }),
    update: obj({}, { additionalProperties: false }),
    compatible: true,
    rules: ['PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'required added',
    original: obj({ a: {} }),
    update: obj({ a: {} }, { required: ['a'] }),
    compatible: false,
    rules: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'required with default added',
    original: obj({ a: { default: 1 } }),
    update: obj({ a: { default: 1 } }, { required: ['a'] }),
    compatible: true,
    rules: ['REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED'],
  },
  {
    name: 'required default ignored inside anyOf',
    original: obj({ a: {} }),
    update: { anyOf: [obj({ a: { default: 1 } }, { required: ['a'] })] },
    compatible: false,
  },
  {
    name: 'additionalProperties narrowed',
    original: obj({}),
    update: obj({}, { additionalProperties: { type: 'string' } }),
    compatible: false,
    rules: ['ADDITIONAL_PROPERTIES_NARROWED'],
  },
  {
    name: '… is fine under LENIENT',
    original: obj({}),
    update: obj({}, { additionalProperties: { type: 'string' } }),
    compatible: true,
    policy: 'LENIENT',
  },
  {
    name: 'pattern property removed with closed model',
    original: obj({}, { patternProperties: { '^x': {} }, additionalProperties: false }),
    update: obj({}, { additionalProperties: false }),
    compatible: false,
  },
  {
    name: 'disjoint patterns',
    original: obj({}, { patternProperties: { '^S_': { type: 'string' }, '^I_': { type: 'number' } } }),
    update: obj({}, { patternProperties: { '^S_': { type: 'string' } } }),
    compatible: true,
  },
  {
    name: 'propertyNames covariant',
    original: obj({}, { propertyNames: { maxLength: 3 } }),
    update: obj({}, { propertyNames: { maxLength: 5 } }),
    compatible: true,
  },
  {
    name: 'propertyNames added',
    original: obj({}),
    update: obj({}, { propertyNames: { maxLength: 5 } }),
    compatible: false,
    rules: ['SCHEMA_ADDED'],
  },
  {
    name: 'propertyNames added to closed model with short names',
    original: obj({ ab: {} }, { additionalProperties: false }),
    update: obj({ ab: {} }, { additionalProperties: false, propertyNames: { maxLength: 2 } }),
    compatible: true,
  },
  {
    name: 'maxProperties added',
    original: obj({}),
    update: obj({}, { maxProperties: 2 }),
    compatible: false,
    rules: ['MAX_PROPERTIES_ADDED'],
  },
  {
    name: 'dependency extended',
    original: obj({}, { dependencies: { a: ['b'] } }),
    update: obj({}, { dependencies: { a: ['b', 'c'] } }),
    compatible: false,
    rules: ['DEPENDENCY_ARRAY_EXTENDED'],
  },
  {
    name: 'dependency narrowed',
    original: obj({}, { dependencies: { a: ['b', 'c'] } }),
    update: obj({}, { dependencies: { a: ['b'] } }),
    compatible: true,
    rules: ['DEPENDENCY_ARRAY_NARROWED'],
  },
  {
    name: 'dependentRequired (2019-09)',
    original: { $schema: D2019, ...obj({}) },
    update: { $schema: D2019, ...obj({}, { dependentRequired: { a: ['b'] } }) },
    compatible: false,
    rules: ['DEPENDENCY_ARRAY_ADDED'],
  },
  {
    name: 'dependency schema added',
    original: obj({}),
    update: obj({}, { dependencies: { a: { required: ['b'] } } }),
    compatible: false,
    rules: ['DEPENDENCY_SCHEMA_ADDED'],
  },
  {
    name: 'unevaluatedProperties false added',
    original: { $schema: D2020, ...obj({ a: {} }) },
    update: { $schema: D2020, ...obj({ a: {} }, { unevaluatedProperties: false }) },
    compatible: false,
    rules: ['UNEVALUATED_PROPERTIES_REMOVED'],
  },
  {
    name: 'unevaluatedProperties false with allOf, identical',
    original: { $schema: D2020, allOf: [obj({ a: {} })], unevaluatedProperties: false },
    update: { $schema: D2020, allOf: [obj({ a: {} })], unevaluatedProperties: false },
    compatible: true,
  },
  // Arrays.
  {
    name: 'items narrowed',
    original: { type: 'array', items: { type: 'number' } },
    update: { type: 'array', items: { type: 'integer' } },
    compatible: false,
    rules: ['TYPE_NARROWED'],
  },
  {
    name: 'tuple item added to closed tuple',
    original: { type: 'array', items: [{}], additionalItems: false },
    update: { type: 'array', items: [{}, { type: 'string' }] },
    compatible: true,
    rules: ['ITEM_ADDED_TO_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'tuple item added to open tuple',
    original: { type: 'array', items: [{}] },
    update: { type: 'array', items: [{}, { type: 'string' }] },
    compatible: false,
    rules: ['ITEM_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'prefixItems (2020-12) rest closed',
    original: { $schema: D2020, type: 'array', prefixItems: [{}] },
    update: { $schema: D2020, type: 'array', prefixItems: [{}], items: false },
    compatible: false,
    rules: ['ADDITIONAL_ITEMS_REMOVED'],
  },
  {
    name: 'contains relaxed',
    original: { type: 'array', contains: { type: 'integer' } },
    update: { type: 'array', contains: { type: 'number' } },
    compatible: true,
  },
  {
    name: 'contains added',
    original: { type: 'array' },
    update: { type: 'array', contains: { type: 'number' } },
    compatible: false,
    rules: ['SCHEMA_ADDED'],
  },
  {
    name: 'minContains increased (2019-09)',
    original: { $schema: D2019, type: 'array', contains: {}, minContains: 1 },
    update: { $schema: D2019, type: 'array', contains: {}, minContains: 2 },
    compatible: false,
    rules: ['MIN_CONTAINS_INCREASED'],
  },
  {
    name: 'uniqueItems added',
    original: { type: 'array' },
    update: { type: 'array', uniqueItems: true },
    compatible: false,
    rules: ['UNIQUE_ITEMS_ADDED'],
  },
  {
    name: 'uniqueItems added, at most one item',
    original: { type: 'array', maxItems: 1 },
    update: { type: 'array', maxItems: 1, uniqueItems: true },
    compatible: true,
  },
  {
    name: 'maxItems decreased',
    original: { type: 'array', maxItems: 3 },
    update: { type: 'array', maxItems: 2 },
    compatible: false,
    rules: ['MAX_ITEMS_DECREASED'],
  },
  // Combinators.
  {
    name: 'anyOf branches reordered',
    original: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    update: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    compatible: true,
  },
  {
    name: 'anyOf branch removed',
    original: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    update: { anyOf: [{ type: 'integer' }] },
    compatible: false,
  },
  {
    name: 'branch into anyOf',
    original: { type: 'string' },
    update: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    compatible: true,
    rules: ['SUM_TYPE_EXTENDED'],
  },
  {
    name: 'branch into overlapping oneOf',
    original: { type: 'string' },
    update: { oneOf: [{ type: 'string' }, { maxLength: 3 }] },
    compatible: false,
  },
  {
    name: 'branch into exclusive oneOf',
    original: { type: 'string' },
    update: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    compatible: true,
  },
  {
    name: 'discriminated oneOf grows',
    original: { oneOf: [obj({ k: { const: 'a' } }, { required: ['k'] })] },
    update: {
      oneOf: [
        obj({ k: { const: 'a' } }, { required: ['k'] }),
        obj({ k: { const: 'b' } }, { required: ['k'] }),
      ],
    },
    compatible: true,
  },
  {
    name: 'allOf into branch',
    original: { allOf: [{ type: 'string' }, { maxLength: 3 }] },
    update: { type: 'string', maxLength: 5 },
    compatible: true,
  },
  {
    name: 'schema into allOf',
    original: { type: 'string', maxLength: 3 },
    update: { allOf: [{ type: 'string' }, { maxLength: 5 }] },
    compatible: true,
  },
  {
    name: 'not narrowed',
    original: { not: { type: 'string' } },
    update: { not: { type: 'string', maxLength: 1 } },
    compatible: true,
    rules: ['NOT_TYPE_NARROWED'],
  },
  {
    name: 'not extended',
    original: { not: { type: 'string', maxLength: 1 } },
    update: { not: { type: 'string' } },
    compatible: false,
    rules: ['NOT_TYPE_EXTENDED'],
  },
  {
    name: 'disjoint from not',
    original: { type: 'integer' },
    update: { not: { type: 'string' } },
    compatible: true,
  },
  {
    name: 'if/then tightened',
    original: { if: obj({ a: { const: 1 } }), then: { required: ['b'] } },
    update: { if: obj({ a: { const: 1 } }), then: { required: ['b', 'c'] } },
    compatible: false,
  },
  {
    name: 'keywords beside $ref (2019-09 applies them)',
    original: { $schema: D2019, $defs: { s: { type: 'string' } }, $ref: '#/$defs/s' },
    update: { $schema: D2019, $defs: { s: { type: 'string' } }, $ref: '#/$defs/s', maxLength: 2 },
    compatible: false,
  },
  {
    name: 'keywords beside $ref (draft-07: ajv applies them to readers)',
    original: { definitions: { s: { type: 'string' } }, $ref: '#/definitions/s' },
    update: { definitions: { s: { type: 'string' } }, $ref: '#/definitions/s', maxLength: 2 },
    compatible: false,
  },
  // References.
  {
    name: 'local $ref target relaxed',
    original: { definitions: { a: { type: 'integer' } }, properties: { x: { $ref: '#/definitions/a' } } },
    update: { definitions: { a: { type: 'number' } }, properties: { x: { $ref: '#/definitions/a' } } },
    compatible: true,
  },
  {
    name: 'recursive list, items relaxed',
    original: {
      definitions: {
        l: { type: 'object', properties: { v: { type: 'integer' }, next: { $ref: '#/definitions/l' } } },
      },
      $ref: '#/definitions/l',
    },
    update: {
      definitions: {
        l: { type: 'object', properties: { v: { type: 'number' }, next: { $ref: '#/definitions/l' } } },
      },
      $ref: '#/definitions/l',
    },
    compatible: true,
  },
  {
    name: 'recursive list, items narrowed',
    original: {
      definitions: {
        l: { type: 'object', properties: { v: { type: 'number' }, next: { $ref: '#/definitions/l' } } },
      },
      $ref: '#/definitions/l',
    },
    update: {
      definitions: {
        l: { type: 'object', properties: { v: { type: 'integer' }, next: { $ref: '#/definitions/l' } } },
      },
      $ref: '#/definitions/l',
    },
    compatible: false,
  },
  {
    name: 'registry reference',
    original: obj({ a: { $ref: 'addr.json' } }),
    update: obj({ a: { $ref: 'addr.json' } }, { required: ['a'] }),
    compatible: false,
    references: new Map([['addr.json', { type: 'string' }]]),
  },
  {
    name: 'unresolvable reference fails closed',
    original: { $ref: 'missing.json' },
    update: {},
    compatible: true,
  },
  {
    name: 'unresolvable reference in update fails closed',
    original: { type: 'string' },
    update: { $ref: 'missing.json' },
    compatible: false,
    rules: ['UNRESOLVED_REFERENCE'],
  },
  {
    name: '$ref cycle fails closed',
    original: { type: 'string' },
    update: {
      definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } },
      $ref: '#/definitions/a',
    },
    compatible: false,
  },
  {
    name: 'unknown draft fails closed',
    original: { $schema: 'https://example.com/meta', type: 'string' },
    update: { type: 'string' },
    compatible: false,
    rules: ['UNSUPPORTED_DRAFT'],
  },
];

const instances = new Map<string, ReturnType<typeof createAjv>>();
function ajvFor(schema: unknown, useDefaults: boolean): ReturnType<typeof createAjv> {
  const draft = detectDraft(schema) ?? 'draft-07';
  const key = `${draft}|${useDefaults}`;
  const hit = instances.get(key) ?? createAjv(draft, { useDefaults });
  instances.set(key, hit);
  return hit;
}

describe('diff(original, update)', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const refs = row.references;
    const result = diff(
      { schema: row.original, ...(refs && { references: refs }) },
      { schema: row.update, ...(refs && { references: refs }) },
      row.policy ?? 'STRICT',
    );
    const rules = result.map((d) => d.rule);
    expect([rules, result.every((d) => d.compatible)]).toEqual([rules, row.compatible]);
    for (const rule of row.rules ?? []) expect(rules).toContain(rule);
  });

  it('every counterexample it returns is confirmed by ajv', () => {
    let confirmed = 0;
    for (const row of ROWS.filter((r) => !r.compatible && r.references === undefined)) {
      for (const d of diff({ schema: row.original }, { schema: row.update }, row.policy ?? 'STRICT')) {
        if (!('counterexample' in d)) continue;
        const writer = ajvFor(row.original, false).compile(row.original as object);
        const reader = ajvFor(row.update, true).compile(row.update as object);
        expect([row.name, writer(structuredClone(d.counterexample))]).toEqual([row.name, true]);
        expect([row.name, reader(structuredClone(d.counterexample))]).toEqual([row.name, false]);
        confirmed++;
      }
    }
    expect(confirmed).toBeGreaterThan(40);
  });

  it('fails closed on hostile input instead of hanging', () => {
    let deep: unknown = { type: 'string' };
    for (let i = 0; i < 200; i++) deep = { type: 'array', items: deep };
    let deeper: unknown = { type: 'integer' };
    for (let i = 0; i < 200; i++) deeper = { type: 'array', items: deeper };
    expect(diff({ schema: deep }, { schema: deeper }).some((d) => !d.compatible)).toBe(true);
    const huge = { enum: Array.from({ length: 50_000 }, (_, i) => i) };
    expect(diff({ schema: huge }, { schema: { type: 'integer' } }).some((d) => !d.compatible)).toBe(true);
    expect(diff({ schema: huge }, { schema: { ...huge } }).every((d) => d.compatible)).toBe(true);
    const evil = { type: 'object', patternProperties: { '^(a+)+$': { type: 'string' } } };
    const started = performance.now();
    diff(
      { schema: { ...evil, properties: { aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: {} } } },
      { schema: evil },
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('wide object schemas', () => {
  const wide = (
    count: number,
    changes: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ) => ({
    type: 'object',
    properties: {
      ...Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`p${i}`, { type: 'string', maxLength: 200 }]),
      ),
      ...changes,
    },
    required: ['p0'],
    additionalProperties: false,
    ...extra,
  });
  const summary = (original: unknown, update: unknown) =>
    diff({ schema: original }, { schema: update }).map((d) => [d.rule, d.updatePath, d.compatible]);

  it('report only the optional property added to a closed 200-property object, at its path', () => {
    expect(summary(wide(200), wide(201))).toEqual([
      ['OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', '#/properties/p200', true],
    ]);
  });

  it('report the one narrowed property among 200, at its path', () => {
    const update = wide(200, { p123: { type: 'string', maxLength: 100 } });
    expect(summary(wide(200), update)).toEqual([['MAX_LENGTH_DECREASED', '#/properties/p123', false]]);
  });

  it('report nothing when only top-level annotations differ', () => {
    expect(summary(wide(200, {}, { title: 'A' }), wide(200, {}, { title: 'B', description: 'd' }))).toEqual(
      [],
    );
  });
});
