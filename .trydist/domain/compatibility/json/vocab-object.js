import { escapeToken, isRecord, pointer } from "./canonical.js";
import { conj, typeNode } from "./nodes.js";
import { compilePattern } from "./patterns.js";
import { isModern } from "./vocabulary.js";
export const OBJECT_KEYWORDS = [
    'properties',
    'required',
    'additionalProperties',
    'patternProperties',
    'propertyNames',
    'minProperties',
    'maxProperties',
    'dependencies',
    'dependentRequired',
    'dependentSchemas',
    'unevaluatedProperties',
];
const count = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const names = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');
/** Adds one dependency keyword's entries: name lists (if `arrays`) and schemas (if `schemas`). */
function addDependencies(into, map, keyword, arrays, schemas, path, children) {
    if (!isRecord(map))
        return;
    for (const [key, dep] of Object.entries(map)) {
        const at = pointer(path, keyword, key);
        if (arrays && names(dep)) {
            const prior = into.required.get(key)?.value ?? [];
            into.required.set(key, { value: [...new Set([...prior, ...dep])], path: at });
        }
        else if (schemas && (isRecord(dep) || typeof dep === 'boolean')) {
            const node = children.child(dep, at);
            const prior = into.schemas.get(key);
            into.schemas.set(key, prior === undefined ? node : conj(prior, node));
        }
    }
}
/**
 * @param composite whether ajv runs this schema inside anyOf/oneOf/not/if, where it applies no defaults.
 * @param inPlace whether in-place applicators sit beside it (then `unevaluatedProperties` is approximated).
 */
export function readObject(raw, path, draft, children, composite, inPlace) {
    const modern = isModern(draft);
    if (!OBJECT_KEYWORDS.some((k) => Object.hasOwn(raw, k)))
        return undefined;
    const properties = new Map();
    const defaults = new Map();
    const props = raw['properties'];
    if (isRecord(props)) {
        const at = `${path}/properties/`;
        for (const name of Object.keys(props)) {
            const sub = props[name];
            properties.set(name, children.child(sub, at + escapeToken(name)));
            if (!composite && isRecord(sub) && Object.hasOwn(sub, 'default'))
                defaults.set(name, sub['default']);
        }
    }
    const required = new Map();
    const req = raw['required'];
    if (names(req))
        for (const r of req)
            required.set(r, path);
    const patterns = [];
    const pp = raw['patternProperties'];
    if (isRecord(pp)) {
        for (const [source, sub] of Object.entries(pp)) {
            if (compilePattern(source) === undefined)
                return 'invalid';
            const at = pointer(path, 'patternProperties', source);
            patterns.push({ source, node: children.child(sub, at), path: at });
        }
    }
    const dependentRequired = new Map();
    const dependentSchemas = new Map();
    const deps = { required: dependentRequired, schemas: dependentSchemas };
    addDependencies(deps, raw['dependencies'], 'dependencies', true, true, path, children);
    if (modern) {
        addDependencies(deps, raw['dependentRequired'], 'dependentRequired', true, false, path, children);
        addDependencies(deps, raw['dependentSchemas'], 'dependentSchemas', false, true, path, children);
    }
    const additional = Object.hasOwn(raw, 'additionalProperties')
        ? children.child(raw['additionalProperties'], pointer(path, 'additionalProperties'))
        : undefined;
    const unevaluated = modern && Object.hasOwn(raw, 'unevaluatedProperties')
        ? {
            node: children.child(raw['unevaluatedProperties'], pointer(path, 'unevaluatedProperties')),
            exact: !inPlace && dependentSchemas.size === 0,
        }
        : undefined;
    const pn = Object.hasOwn(raw, 'propertyNames')
        ? conj(typeNode(['string'], pointer(path, 'propertyNames')), children.child(raw['propertyNames'], pointer(path, 'propertyNames')))
        : undefined;
    const min = raw['minProperties'];
    const max = raw['maxProperties'];
    return {
        path,
        properties,
        required,
        defaults,
        patterns,
        dependentRequired,
        dependentSchemas,
        ...(additional && { additional }),
        ...(unevaluated && { unevaluated }),
        ...(pn && { propertyNames: pn }),
        ...(count(min) && { minProperties: { value: min, path } }),
        ...(count(max) && { maxProperties: { value: max, path } }),
    };
}
