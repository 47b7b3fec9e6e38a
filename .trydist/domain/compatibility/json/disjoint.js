import { evaluate } from "./evaluate.js";
import { finiteOf } from "./finite.js";
import { governing } from "./object-model.js";
import { isFalse } from "./nodes.js";
import { BASE_TYPES, covers } from "./simple.js";
const MAX_DEPTH = 8;
function rangesDisjoint(aMin, aMax, bMin, bMax) {
    return aMin > bMax || bMin > aMax;
}
function disjointWithin(e, a, b, t, depth) {
    switch (t) {
        case 'string':
            return rangesDisjoint(a.string?.minLength?.value ?? 0, a.string?.maxLength?.value ?? Infinity, b.string?.minLength?.value ?? 0, b.string?.maxLength?.value ?? Infinity);
        case 'number': {
            const sep = (lo, hi) => lo !== undefined &&
                hi !== undefined &&
                (lo.value > hi.value || (lo.value === hi.value && (lo.exclusive || hi.exclusive)));
            return sep(a.number?.lower, b.number?.upper) || sep(b.number?.lower, a.number?.upper);
        }
        case 'array':
            return rangesDisjoint(a.array?.minItems?.value ?? 0, a.array?.maxItems?.value ?? Infinity, b.array?.minItems?.value ?? 0, b.array?.maxItems?.value ?? Infinity);
        case 'object': {
            const ao = a.object;
            const bo = b.object;
            if (ao === undefined || bo === undefined)
                return false;
            for (const [x, y] of [
                [ao, bo],
                [bo, ao],
            ]) {
                for (const name of x.required.keys()) {
                    const gy = governing(y, name, 'writer').node;
                    if (isFalse(gy))
                        return true;
                    if (y.required.has(name) && disjoint(e, governing(x, name, 'writer').node, gy, depth + 1))
                        return true;
                }
            }
            return false;
        }
        default:
            return false;
    }
}
function admitsType(s, t) {
    return covers(s.types, t) || (t === 'number' && s.types?.has('integer') === true);
}
function simpleDisjoint(e, a, b, depth) {
    const shared = BASE_TYPES.filter((t) => admitsType(a, t) && admitsType(b, t));
    return shared.every((t) => disjointWithin(e, a, b, t, depth));
}
/** True only when no instance can be valid under both schemas. */
export function disjoint(e, left, right, depth = 0) {
    if (depth > MAX_DEPTH)
        return false;
    const a = e.view(left, 'writer');
    const b = e.view(right, 'writer');
    if (isFalse(a) || isFalse(b))
        return true;
    if (a.kind === 'invalid' || b.kind === 'invalid' || a.kind === 'bool' || b.kind === 'bool')
        return false;
    for (const [x, y] of [
        [a, b],
        [b, a],
    ]) {
        const fin = finiteOf(e, x);
        if (fin !== undefined)
            return fin.effective.every((v) => !evaluate(y, v, 'writer'));
    }
    if (a.kind === 'anyOf' || a.kind === 'oneOf')
        return a.branches.every((x) => disjoint(e, x, b, depth + 1));
    if (b.kind === 'anyOf' || b.kind === 'oneOf')
        return b.branches.every((x) => disjoint(e, a, x, depth + 1));
    if (a.kind === 'allOf')
        return a.factors.some((x) => disjoint(e, x, b, depth + 1));
    if (b.kind === 'allOf')
        return b.factors.some((x) => disjoint(e, a, x, depth + 1));
    if (a.kind === 'not')
        return e.ok(e.sub(b, a.schema));
    if (b.kind === 'not')
        return e.ok(e.sub(a, b.schema));
    if (a.kind !== 'simple' || b.kind !== 'simple')
        return false;
    return simpleDisjoint(e, a, b, depth);
}
