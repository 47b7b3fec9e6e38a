/** Simple node against simple node: type sets (§3 step 5), enum against infinite originals, then keyword families. */
import { compareArray } from "./arrays.js";
import { difference } from "./engine.js";
import { compareNumber } from "./numbers.js";
import { compareObject } from "./objects.js";
import { compareString } from "./strings.js";
import { newId } from "./types.js";
import { picker } from "./witness.js";
export const BASE_TYPES = ['null', 'boolean', 'number', 'string', 'array', 'object'];
export function covers(types, t) {
    return types === undefined || types.has(t) || (t === 'integer' && types.has('number'));
}
function admits(node, family) {
    if (node.types === undefined)
        return true;
    return family === 'number' ? node.types.has('number') || node.types.has('integer') : node.types.has(family);
}
const label = (t) => (t === undefined ? 'any' : [...t].join('|'));
function compareTypes(o, u) {
    const to = o.types;
    const tu = u.types;
    const facts = { detail: `${label(to)} → ${label(tu)}` };
    const witness = picker(o, u);
    if (tu === undefined)
        return to === undefined ? [] : [difference('TYPE_EXTENDED', o.path, u.path, facts)];
    if (to === undefined) {
        return BASE_TYPES.some((t) => !covers(tu, t))
            ? [difference('TYPE_NARROWED', o.path, u.path, facts, witness)]
            : [];
    }
    const lost = [...to].filter((t) => !covers(tu, t));
    if (lost.length === 0) {
        return [...tu].some((t) => !covers(to, t)) ? [difference('TYPE_EXTENDED', o.path, u.path, facts)] : [];
    }
    const narrowed = lost.every((t) => t === 'number') && tu.has('integer');
    return [difference(narrowed ? 'TYPE_NARROWED' : 'TYPE_CHANGED', o.path, u.path, facts, witness)];
}
export function compareSimple(e, o, u) {
    const out = [];
    if (u.enum !== undefined) {
        // The original is infinite here (finite originals never reach this point).
        out.push(difference('ENUM_ARRAY_CHANGED', o.path, u.enum.path, { path: u.enum.path }, picker(o, u)));
    }
    out.push(...compareTypes(o, u));
    if (admits(o, 'string') && admits(u, 'string'))
        out.push(...compareString(o, u));
    if (admits(o, 'number') && admits(u, 'number')) {
        const integer = o.types !== undefined && o.types.has('integer') && !o.types.has('number');
        out.push(...compareNumber(o, u, integer));
    }
    if (admits(o, 'object') && admits(u, 'object'))
        out.push(...compareObject(e, o, u));
    if (admits(o, 'array') && admits(u, 'array'))
        out.push(...compareArray(e, o, u));
    return out;
}
const splits = new WeakMap();
/** The node as a union of one node per JSON type (exact), for matching against union branches. */
export function splitByType(node) {
    const hit = splits.get(node);
    if (hit !== undefined)
        return hit;
    const types = node.types ? [...node.types] : BASE_TYPES;
    const parts = types.map((t) => ({
        kind: 'simple',
        id: newId(),
        path: node.path,
        types: new Set([t]),
        ...(node.enum && { enum: node.enum }),
        ...(t === 'string' && node.string && { string: node.string }),
        ...((t === 'number' || t === 'integer') && node.number && { number: node.number }),
        ...(t === 'object' && node.object && { object: node.object }),
        ...(t === 'array' && node.array && { array: node.array }),
    }));
    splits.set(node, parts);
    return parts;
}
