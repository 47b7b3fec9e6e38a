import { isRecord, pointer } from "./canonical.js";
import { isModern } from "./vocabulary.js";
export const ARRAY_KEYWORDS = [
    'items',
    'prefixItems',
    'additionalItems',
    'contains',
    'minContains',
    'maxContains',
    'minItems',
    'maxItems',
    'uniqueItems',
    'unevaluatedItems',
];
const count = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isSchema = (v) => isRecord(v) || typeof v === 'boolean';
const trivial = (x) => x === true || (isRecord(x) && Object.keys(x).length === 0);
function countAt(raw, name, path) {
    const v = raw[name];
    return count(v) ? { value: v, path } : undefined;
}
export function readArray(raw, path, draft, children, inPlace) {
    if (!ARRAY_KEYWORDS.some((k) => Object.hasOwn(raw, k)))
        return undefined;
    const modern = isModern(draft);
    const items = raw['items'];
    let prefix = [];
    let rest;
    let restKeyword = 'items';
    let tupleForm = false;
    if (draft === '2020-12') {
        const pi = raw['prefixItems'];
        if (Array.isArray(pi)) {
            tupleForm = true;
            prefix = pi.map((s, i) => children.child(s, pointer(path, 'prefixItems', i)));
        }
        if (Array.isArray(items))
            return 'invalid';
        if (isSchema(items))
            rest = children.child(items, pointer(path, 'items'));
    }
    else if (Array.isArray(items)) {
        tupleForm = true;
        prefix = items.map((s, i) => children.child(s, pointer(path, 'items', i)));
        if (isSchema(raw['additionalItems'])) {
            rest = children.child(raw['additionalItems'], pointer(path, 'additionalItems'));
            restKeyword = 'additionalItems';
        }
    }
    else if (isSchema(items)) {
        rest = children.child(items, pointer(path, 'items'));
    }
    const tuple = draft === '2020-12' ? raw['prefixItems'] : items;
    const emptyPassesContains = Array.isArray(tuple) && tuple.some((x) => !trivial(x));
    const contains = isSchema(raw['contains'])
        ? children.child(raw['contains'], pointer(path, 'contains'))
        : undefined;
    const unevaluated = modern && isSchema(raw['unevaluatedItems'])
        ? {
            node: children.child(raw['unevaluatedItems'], pointer(path, 'unevaluatedItems')),
            exact: !inPlace && contains === undefined,
        }
        : undefined;
    const minItems = countAt(raw, 'minItems', path);
    const maxItems = countAt(raw, 'maxItems', path);
    const minContains = modern && contains ? countAt(raw, 'minContains', path) : undefined;
    const maxContains = modern && contains ? countAt(raw, 'maxContains', path) : undefined;
    const unique = raw['uniqueItems'] === true;
    return {
        path,
        prefix,
        restKeyword,
        tupleForm,
        emptyPassesContains,
        ...(rest && { rest }),
        ...(unevaluated && { unevaluated }),
        ...(contains && { contains }),
        ...(minContains && { minContains }),
        ...(maxContains && { maxContains }),
        ...(minItems && { minItems }),
        ...(maxItems && { maxItems }),
        ...(unique && { uniqueItems: { value: true, path } }),
    };
}
