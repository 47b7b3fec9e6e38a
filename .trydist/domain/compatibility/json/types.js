export const JSON_TYPES = [
    'null',
    'boolean',
    'integer',
    'number',
    'string',
    'array',
    'object',
];
let nextId = 1;
/** Fresh node identity (memo keys); identities are never reused. */
export function newId() {
    return nextId++;
}
