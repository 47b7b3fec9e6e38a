import type { Draft } from './drafts.ts';

/**
 * The keywords of each draft that registration understands without compiling a validator: their value is
 * checked by the draft's meta-schema (or may be anything), and ajv's compilation of them cannot fail once
 * the meta-schema accepted the document. Identifiers, `$ref` and the dynamic-reference keywords are absent
 * on purpose: the compile check treats them itself.
 *
 * The shape says where a keyword's value holds sub-schemas:
 * - `schema`: one sub-schema;
 * - `list`: an array of sub-schemas;
 * - `schemaOrList`: either (pre-2020 `items`);
 * - `map`: an object whose values are sub-schemas (`properties`, `definitions`, …);
 * - `dependencies`: an object whose values are sub-schemas or arrays of property names;
 * - `data`: instance data (`enum`, `const`, `default`, `examples`), never a schema;
 * - `value`: a plain value the meta-schema checks (number, string, array of strings, …);
 * - `other`: anything (the meta-schema does not check it and ajv ignores it, but indexes identifiers
 *   found inside, as it does for unknown keywords).
 */
export type Shape = 'schema' | 'list' | 'schemaOrList' | 'map' | 'dependencies' | 'data' | 'value' | 'other';

type Table = Readonly<Record<string, Shape>>;

const DRAFT_04: Table = {
  $schema: 'value',
  $comment: 'other',
  title: 'value',
  description: 'value',
  default: 'data',
  multipleOf: 'value',
  maximum: 'value',
  exclusiveMaximum: 'value',
  minimum: 'value',
  exclusiveMinimum: 'value',
  maxLength: 'value',
  minLength: 'value',
  pattern: 'value',
  additionalItems: 'schema',
  items: 'schemaOrList',
  maxItems: 'value',
  minItems: 'value',
  uniqueItems: 'value',
  maxProperties: 'value',
  minProperties: 'value',
  required: 'value',
  additionalProperties: 'schema',
  definitions: 'map',
  properties: 'map',
  patternProperties: 'map',
  dependencies: 'dependencies',
  enum: 'data',
  const: 'data',
  type: 'value',
  // draft-04's meta-schema leaves format unchecked; the inspection insists on a string itself.
  format: 'other',
  allOf: 'list',
  anyOf: 'list',
  oneOf: 'list',
  not: 'schema',
};

const DRAFT_06: Table = {
  ...DRAFT_04,
  format: 'value',
  examples: 'data',
  contains: 'schema',
  propertyNames: 'schema',
};

const DRAFT_07: Table = {
  ...DRAFT_06,
  $comment: 'value',
  if: 'schema',
  then: 'schema',
  else: 'schema',
  readOnly: 'value',
  contentMediaType: 'value',
  contentEncoding: 'value',
};

const DRAFT_2019: Table = {
  ...DRAFT_07,
  $vocabulary: 'value',
  $defs: 'map',
  dependentSchemas: 'map',
  dependentRequired: 'value',
  maxContains: 'value',
  minContains: 'value',
  unevaluatedItems: 'schema',
  unevaluatedProperties: 'schema',
  contentSchema: 'schema',
  deprecated: 'value',
  writeOnly: 'value',
};

const { additionalItems: _additionalItems, ...DRAFT_2020_BASE } = DRAFT_2019;

const DRAFT_2020: Table = {
  ...DRAFT_2020_BASE,
  items: 'schema',
  prefixItems: 'list',
};

// Maps: a lookup must not find `constructor` or `__proto__` on a prototype.
const VOCABULARIES: Record<Draft, ReadonlyMap<string, Shape>> = {
  'draft-04': new Map(Object.entries(DRAFT_04)),
  'draft-06': new Map(Object.entries(DRAFT_06)),
  'draft-07': new Map(Object.entries(DRAFT_07)),
  '2019-09': new Map(Object.entries(DRAFT_2019)),
  '2020-12': new Map(Object.entries(DRAFT_2020)),
};

/**
 * The keywords of `draft` understood without compiling, with their shapes; a keyword the map lacks is
 * unknown to the draft's meta-schema (its value is not validated at all) or left to ajv on purpose.
 */
export const vocabularyOf = (draft: Draft): ReadonlyMap<string, Shape> => VOCABULARIES[draft];
