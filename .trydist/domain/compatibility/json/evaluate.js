/**
 * Instance validation on the normal form, mirroring ajv. Where the answer cannot be computed safely
 * (an unsafe regex, a long string, excessive depth) it answers conservatively for the role: a writer
 * accepts (its set is over-approximated), a reader rejects (its set is under-approximated).
 */
import { canonical, isRecord, jsonEqual, stringLength } from "./canonical.js";
import { ajvMultipleOf } from "./decimal.js";
import { matchPattern } from "./patterns.js";
const MAX_DEPTH = 64;
const flip = (r) => (r === 'writer' ? 'reader' : 'writer');
const unsure = (r) => r === 'writer';
export function hasType(value, t) {
    switch (t) {
        case 'null':
            return value === null;
        case 'boolean':
            return typeof value === 'boolean';
        case 'integer':
            return typeof value === 'number' && Number.isInteger(value);
        case 'number':
            return typeof value === 'number' && Number.isFinite(value);
        case 'string':
            return typeof value === 'string';
        case 'array':
            return Array.isArray(value);
        case 'object':
            return isRecord(value);
    }
}
/** Whether `value` is valid under `node` (conservatively for `role`). */
export function evaluate(node, value, role, depth = 0) {
    if (depth > MAX_DEPTH)
        return unsure(role);
    const next = depth + 1;
    switch (node.kind) {
        case 'bool':
            return node.value;
        case 'invalid':
            return unsure(role);
        case 'ref':
            return evaluate(node.resolve(), value, role, next);
        case 'not':
            return !evaluate(node.schema, value, flip(role), next);
        case 'anyOf':
            return node.branches.some((b) => evaluate(b, value, role, next));
        case 'oneOf':
            return node.branches.some((b, i) => evaluate(b, value, role, next) &&
                node.branches.every((c, j) => j === i || !evaluate(c, value, flip(role), next)));
        case 'allOf': {
            const factors = role === 'writer' && node.writerFactors ? node.writerFactors : node.factors;
            return factors.every((f) => evaluate(f, value, role, next));
        }
        case 'simple':
            return evaluateSimple(node, value, role, next);
    }
}
function evaluateSimple(node, value, role, depth) {
    if (node.enum && !node.enum.keys.has(canonical(value)))
        return false;
    if (node.types && ![...node.types].some((t) => hasType(value, t)))
        return false;
    if (typeof value === 'string' && node.string) {
        const s = node.string;
        if (s.minLength || s.maxLength) {
            const n = stringLength(value);
            if (s.minLength && n < s.minLength.value)
                return false;
            if (s.maxLength && n > s.maxLength.value)
                return false;
        }
        for (const p of s.patterns) {
            const m = matchPattern(p.value, value);
            if (m === undefined ? !unsure(role) : !m)
                return false;
        }
    }
    if (typeof value === 'number' && node.number) {
        const { lower, upper, multipleOf } = node.number;
        if (lower && (lower.exclusive ? value <= lower.value : value < lower.value))
            return false;
        if (upper && (upper.exclusive ? value >= upper.value : value > upper.value))
            return false;
        for (const m of multipleOf)
            if (!ajvMultipleOf(value, m.value))
                return false;
    }
    if (isRecord(value) && node.object && !evaluateObject(node.object, value, role, depth))
        return false;
    if (Array.isArray(value) && node.array && !evaluateArray(node.array, value, role, depth))
        return false;
    return true;
}
function evaluateObject(o, value, role, depth) {
    const keys = Object.keys(value);
    if (o.minProperties && keys.length < o.minProperties.value)
        return false;
    if (o.maxProperties && keys.length > o.maxProperties.value)
        return false;
    for (const r of o.required.keys())
        if (!Object.hasOwn(value, r))
            return false;
    const rest = o.additional ??
        (o.unevaluated && (role === 'reader' || o.unevaluated.exact) ? o.unevaluated.node : undefined);
    for (const k of keys) {
        const v = value[k];
        if (o.propertyNames && !evaluate(o.propertyNames, k, role, depth))
            return false;
        const declared = o.properties.get(k);
        if (declared && !evaluate(declared, v, role, depth))
            return false;
        let matched = false;
        for (const p of o.patterns) {
            const m = matchPattern(p.source, k);
            if (m === undefined)
                return unsure(role);
            if (m) {
                matched = true;
                if (!evaluate(p.node, v, role, depth))
                    return false;
            }
        }
        if (!declared && !matched && rest && !evaluate(rest, v, role, depth))
            return false;
    }
    for (const [k, names] of o.dependentRequired) {
        if (Object.hasOwn(value, k) && names.value.some((n) => !Object.hasOwn(value, n)))
            return false;
    }
    for (const [k, dep] of o.dependentSchemas) {
        if (Object.hasOwn(value, k) && !evaluate(dep, value, role, depth))
            return false;
    }
    return true;
}
/** ajv quirk: with a non-trivial tuple item schema, an empty array passes `contains` (and `minContains`). */
export function emptyPassesContains(a) {
    return a.emptyPassesContains;
}
function evaluateArray(a, value, role, depth) {
    if (a.minItems && value.length < a.minItems.value)
        return false;
    if (a.maxItems && value.length > a.maxItems.value)
        return false;
    const rest = a.rest ?? (a.unevaluated && (role === 'reader' || a.unevaluated.exact) ? a.unevaluated.node : undefined);
    for (let i = 0; i < value.length; i++) {
        const schema = i < a.prefix.length ? a.prefix[i] : rest;
        if (schema && !evaluate(schema, value[i], role, depth))
            return false;
    }
    if (a.contains && !(value.length === 0 && emptyPassesContains(a))) {
        const contains = a.contains;
        const min = a.minContains?.value ?? 1;
        if (value.filter((x) => evaluate(contains, x, role, depth)).length < min)
            return false;
        const max = a.maxContains?.value;
        if (max !== undefined && value.filter((x) => evaluate(contains, x, flip(role), depth)).length > max)
            return false;
    }
    if (a.uniqueItems?.value && value.length > 1000)
        return unsure(role);
    if (a.uniqueItems?.value) {
        for (let i = 0; i < value.length; i++) {
            for (let j = i + 1; j < value.length; j++)
                if (jsonEqual(value[i], value[j]))
                    return false;
        }
    }
    return true;
}
