/**
 * Which keyword groups a schema object uses, found in one pass over its keys (most subschemas have two
 * or three) instead of one lookup per known keyword: the normaliser reads only the groups present.
 */
import { ARRAY_KEYWORDS } from "./vocab-array.js";
import { OBJECT_KEYWORDS } from "./vocab-object.js";
/** Keywords that carry no verdict (reference §3 step 8); stripped from subschema keys. */
export const ANNOTATIONS = new Set([
    'title',
    'description',
    '$comment',
    'examples',
    'deprecated',
    'readOnly',
    'writeOnly',
    '$schema',
    '$id',
    'id',
    'format',
    'contentEncoding',
    'contentMediaType',
    'contentSchema',
]);
export const ANNOTATION = 1;
/** allOf/anyOf/oneOf, if/then/else and the reference keywords. */
export const IN_PLACE = 2;
export const OBJECT = 4;
export const ARRAY = 8;
export const STRING = 16;
export const NUMBER = 32;
export const ENUM = 64;
export const TYPE = 128;
export const NOT = 256;
const GROUPS = new Map();
function addGroup(keys, group) {
    for (const k of keys)
        GROUPS.set(k, (GROUPS.get(k) ?? 0) | group);
}
addGroup(ANNOTATIONS, ANNOTATION);
addGroup(['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', '$ref', '$dynamicRef', '$recursiveRef'], IN_PLACE);
addGroup(OBJECT_KEYWORDS, OBJECT);
addGroup(ARRAY_KEYWORDS, ARRAY);
addGroup(['minLength', 'maxLength', 'pattern'], STRING);
addGroup(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'], NUMBER);
addGroup(['enum', 'const'], ENUM);
addGroup(['type'], TYPE);
addGroup(['not'], NOT);
/** The bit set of groups whose keywords `raw` has as own keys. */
export function groupsOf(raw) {
    let groups = 0;
    for (const k of Object.keys(raw))
        groups |= GROUPS.get(k) ?? 0;
    return groups;
}
