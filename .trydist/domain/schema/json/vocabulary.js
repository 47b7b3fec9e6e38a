const DRAFT_04 = {
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
const DRAFT_06 = {
    ...DRAFT_04,
    format: 'value',
    examples: 'data',
    contains: 'schema',
    propertyNames: 'schema',
};
const DRAFT_07 = {
    ...DRAFT_06,
    $comment: 'value',
    if: 'schema',
    then: 'schema',
    else: 'schema',
    readOnly: 'value',
    contentMediaType: 'value',
    contentEncoding: 'value',
};
const DRAFT_2019 = {
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
const DRAFT_2020 = {
    ...DRAFT_2020_BASE,
    items: 'schema',
    prefixItems: 'list',
};
// Maps: a lookup must not find `constructor` or `__proto__` on a prototype.
const VOCABULARIES = {
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
export const vocabularyOf = (draft) => VOCABULARIES[draft];
