import { canonical } from "./canonical.js";
import { compilePattern } from "./patterns.js";
import { JSON_TYPES } from "./types.js";
export const isModern = (d) => d === '2019-09' || d === '2020-12';
const count = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const num = (v) => typeof v === 'number' && Number.isFinite(v);
// `"type": "string"` is by far the most common form: one shared (never mutated) set per type name.
const SINGLE_TYPES = new Map(JSON_TYPES.map((t) => [t, new Set([t])]));
/** `type` as a set (`number` absorbs `integer`); `null` when the keyword is malformed. */
export function readTypes(raw) {
    const t = raw['type'];
    if (t === undefined)
        return undefined;
    if (typeof t === 'string')
        return SINGLE_TYPES.get(t) ?? null;
    const list = Array.isArray(t) ? t : [t];
    const out = new Set();
    for (const x of list) {
        if (typeof x !== 'string' || !JSON_TYPES.includes(x))
            return null;
        out.add(x);
    }
    if (out.has('number'))
        out.delete('integer');
    return out;
}
export function finiteSet(values, path) {
    const keys = new Set();
    const unique = [];
    for (const v of values) {
        const k = canonical(v);
        if (keys.has(k))
            continue;
        keys.add(k);
        unique.push(v);
    }
    return { values: unique, keys, path };
}
/** `enum` and `const` (`const: v` is `enum: [v]`; both present intersect). */
export function readEnum(raw, path) {
    const e = raw['enum'];
    const fromEnum = Array.isArray(e) ? finiteSet(e, path) : undefined;
    if (!Object.hasOwn(raw, 'const'))
        return fromEnum;
    const c = finiteSet([raw['const']], path);
    if (fromEnum === undefined)
        return c;
    const [key] = c.keys;
    return key !== undefined && fromEnum.keys.has(key) ? c : finiteSet([], path);
}
export function readString(raw, path) {
    const min = raw['minLength'];
    const max = raw['maxLength'];
    const pattern = raw['pattern'];
    if (!count(min) && !count(max) && typeof pattern !== 'string')
        return undefined;
    const patterns = [];
    if (typeof pattern === 'string') {
        if (compilePattern(pattern) === undefined)
            return 'invalid';
        patterns.push({ value: pattern, path });
    }
    const out = { patterns };
    if (count(min))
        out.minLength = { value: min, path };
    if (count(max))
        out.maxLength = { value: max, path };
    return out;
}
function bound(raw, path, draft, side) {
    const [incl, excl] = side === 'lower'
        ? ['minimum', 'exclusiveMinimum']
        : ['maximum', 'exclusiveMaximum'];
    const inclusive = raw[incl];
    const exclusive = raw[excl];
    if (draft === 'draft-04') {
        if (!num(inclusive))
            return undefined;
        const flag = exclusive === true;
        return { value: inclusive, exclusive: flag, keyword: flag ? excl : incl, path };
    }
    const a = num(inclusive)
        ? { value: inclusive, exclusive: false, keyword: incl, path }
        : undefined;
    const b = num(exclusive)
        ? { value: exclusive, exclusive: true, keyword: excl, path }
        : undefined;
    if (a === undefined || b === undefined)
        return a ?? b;
    // The tighter of the two defines the effective bound; exclusive wins a tie (§7.7).
    if (a.value === b.value)
        return b;
    return (side === 'lower' ? b.value > a.value : b.value < a.value) ? b : a;
}
export function readNumber(raw, path, draft) {
    const lower = bound(raw, path, draft, 'lower');
    const upper = bound(raw, path, draft, 'upper');
    const m = raw['multipleOf'];
    const multipleOf = num(m) && m > 0 ? [{ value: m, path }] : [];
    if (lower === undefined && upper === undefined && multipleOf.length === 0)
        return undefined;
    return { multipleOf, ...(lower && { lower }), ...(upper && { upper }) };
}
