/**
 * Content models (reference §5): which schema governs a property name on one side, and whether the
 * object is open, partially open (covered) or closed for it. Undecidable pattern matches are resolved
 * conservatively for the side's role.
 */
import { evaluate } from "./evaluate.js";
import { boolNode, conj, isFalse, isTrue } from "./nodes.js";
import { matchPattern } from "./patterns.js";
/** The schema for undeclared, unmatched names: additionalProperties, else unevaluatedProperties. */
export function restOf(obj, role) {
    if (obj.additional)
        return { node: obj.additional, keyword: 'additionalProperties' };
    const ue = obj.unevaluated;
    if (ue && (role === 'reader' || ue.exact))
        return { node: ue.node, keyword: 'unevaluatedProperties' };
    return undefined;
}
const writers = new WeakMap();
const readers = new WeakMap();
/** The governing schema of property `name` in `obj` for the role (cached: stable node identities). */
export function governing(obj, name, role) {
    // Without patterns or propertyNames a declared property is governed by its own schema alone.
    if (obj.patterns.length === 0 && obj.propertyNames === undefined) {
        const declared = obj.properties.get(name);
        if (declared !== undefined)
            return { node: declared, model: 'declared' };
    }
    const cache = role === 'writer' ? writers : readers;
    let perObject = cache.get(obj);
    if (perObject === undefined) {
        perObject = new Map();
        cache.set(obj, perObject);
    }
    const hit = perObject.get(name);
    if (hit !== undefined)
        return hit;
    const result = compute(obj, name, role);
    perObject.set(name, result);
    return result;
}
function compute(obj, name, role) {
    const at = `${obj.path}/properties/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (obj.propertyNames && !evaluate(obj.propertyNames, name, role === 'writer' ? 'writer' : 'reader')) {
        return { node: boolNode(false, at), model: 'closed' };
    }
    const declared = obj.properties.get(name);
    const parts = declared ? [declared] : [];
    let uncertain = false;
    for (const p of obj.patterns) {
        const m = matchPattern(p.source, name);
        if (m === undefined)
            uncertain = true;
        if (m === true || (m === undefined && role === 'reader'))
            parts.push(p.node);
    }
    if (uncertain && role === 'writer')
        return { node: boolNode(true, at), model: declared ? 'declared' : 'open' };
    const matched = parts.length > (declared ? 1 : 0);
    const rest = restOf(obj, role);
    if (!declared && !matched && rest)
        parts.push(rest.node);
    const node = parts.reduce((acc, n) => conj(acc, n), boolNode(true, at));
    if (declared)
        return { node, model: 'declared' };
    if (isFalse(node))
        return { node, model: 'closed' };
    if (isTrue(node))
        return { node, model: 'open' };
    return { node, model: 'covered' };
}
/** True when the object admits undeclared names at all (some rest or pattern is not `false`). */
export function admitsOthers(obj, role) {
    const rest = restOf(obj, role);
    return rest === undefined || !isFalse(rest.node) || obj.patterns.some((p) => !isFalse(p.node));
}
